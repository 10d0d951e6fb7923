#!/usr/bin/env python
import os
import sys

from django.core.management import execute_from_command_line

from tatweer import embedded_db


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tatweer.settings.local")
    # Without DATABASE_URL the settings describe the embedded PostgreSQL; the commands that use a
    # database start it here, before their first connection.
    if embedded_db.command_needs_database(sys.argv):
        embedded_db.ensure_started()
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
