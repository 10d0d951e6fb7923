from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from core.backup import BackupError, Database, human_size, restore_backup, storage_roots


class Command(BaseCommand):
    help = (
        "Restores a backup made by `manage.py backup` into an EMPTY database (created if it does not exist) "
        "and the storage folders, then checks every table's row count and every file's checksum against the "
        "backup's manifest. A database that already has tables is refused: create a new one."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The backup file (tatweer-backup-....tar).")
        parser.add_argument(
            "--database-name",
            default=None,
            help="Restore into this database on the configured server instead of the configured one (a restore drill).",
        )
        parser.add_argument(
            "--confirm-database",
            default=None,
            metavar="NAME",
            help="Required with production settings: the name of the target database, to confirm the restore.",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="The DATABASES entry whose server to use.")

    def handle(self, *args, file, database_name, confirm_database, database, **options):
        target = Database.from_settings(connections[database].settings_dict, name=database_name)
        if not getattr(settings, "DEMO_DATA_ALLOWED", False) and confirm_database != target.name:
            raise CommandError(
                f"These are production settings: restoring into {target.describe()} needs "
                f"--confirm-database {target.name}. Nothing was restored."
            )
        roots = storage_roots()
        self.stdout.write(f"Restoring {file} into {target.describe()}")
        self.stdout.write(f"  private files into {roots['private']}, media into {roots['media']}")
        try:
            result = restore_backup(file, database=target)
        except BackupError as error:
            raise CommandError(str(error)) from error
        manifest = result.manifest
        files = manifest["files"]
        if result.created_database:
            self.stdout.write(f"  created the database {target.name}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored the backup of {manifest['created_at']}: {len(manifest['tables'])} tables, "
                f"{sum(manifest['tables'].values())} rows, {files['count']} files ({human_size(files['bytes'])}); "
                "row counts and checksums verified."
            )
        )
        self.stdout.write(
            f"  files written {result.files_written}, already there and identical {result.files_already_there}"
        )
        if result.extra_files:
            self.stdout.write(
                f"  {result.extra_files} file(s) in the storage folders are not in the backup (left alone)"
            )
        self.stdout.write(
            "  timings: " + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in result.timings.items())
        )
        for warning in result.warnings:
            self.stdout.write(self.style.WARNING(f"  {warning}"))
