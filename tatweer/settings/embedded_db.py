"""The embedded PostgreSQL used when no DATABASE_URL is configured.

`pgserver` ships PostgreSQL binaries in a wheel, so a fresh checkout needs no database set-up. The
server listens only on a Unix socket and is left running between processes (cleanup_mode=None), so
the runserver autoreloader, Celery and pytest all share one data folder inside the checkout.
"""

from pathlib import Path
from urllib.parse import parse_qs, urlparse

DATABASE_NAME = "tatweer"


def embedded_database(data_dir: Path) -> dict:
    import pgserver

    data_dir.parent.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(str(data_dir), cleanup_mode=None)
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';")  # noqa: S608 - a constant
    if "(1 row)" not in exists:
        server.psql(f"CREATE DATABASE {DATABASE_NAME};")
    uri = urlparse(server.get_uri())
    host = parse_qs(uri.query).get("host", [""])[0]
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DATABASE_NAME,
        "USER": uri.username or "postgres",
        "PASSWORD": "",
        "HOST": host,
        "PORT": "",
    }
