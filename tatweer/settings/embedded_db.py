"""The embedded PostgreSQL used when no DATABASE_URL is configured.

`pgserver` ships PostgreSQL binaries in a wheel, so a fresh checkout needs no database set-up. The
server listens only on a Unix socket and is left running between processes (cleanup_mode=None), so
runserver and its autoreloader, Celery worker and beat, and pytest all share one data folder in the
checkout.

Only the first process starts the server through pgserver. Every later one reads the running
server's socket from postmaster.pid and connects directly: pgserver keeps a shared list of the
processes holding a handle in a JSON file that several processes starting at once can corrupt.
"""

import os
from pathlib import Path
from urllib.parse import parse_qs, urlparse

DATABASE_NAME = "tatweer"
USER = "postgres"


def _config(host: str, port: str) -> dict:
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DATABASE_NAME,
        "USER": USER,
        "PASSWORD": "",
        "HOST": host,
        "PORT": port,
    }


def _running_server(data_dir: Path) -> tuple[str, str] | None:
    """(socket folder, port) of a server already running on this data folder, or None."""
    try:
        lines = (data_dir / "postmaster.pid").read_text().splitlines()
        pid, port, socket_dir = int(lines[0]), lines[3].strip(), lines[4].strip()
        status = lines[7].strip() if len(lines) > 7 else ""
        os.kill(pid, 0)
    except (OSError, ValueError, IndexError):
        return None
    if status != "ready" or not socket_dir:
        return None
    return socket_dir, port


def _ensure_database(host: str, port: str) -> None:
    import psycopg

    with psycopg.connect(host=host, port=port, user=USER, dbname="postgres", autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{DATABASE_NAME}"')


def _start_server(data_dir: Path) -> tuple[str, str]:
    import pgserver

    try:
        server = pgserver.get_server(str(data_dir), cleanup_mode=None)
    except ValueError:  # a corrupted handle list (json.JSONDecodeError): forget it and start again
        (data_dir / ".handle_pids.json").unlink(missing_ok=True)
        server = pgserver.get_server(str(data_dir), cleanup_mode=None)
    uri = urlparse(server.get_uri())
    return parse_qs(uri.query).get("host", [""])[0], str(uri.port or "")


def embedded_database(data_dir: Path) -> dict:
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    host, port = _running_server(data_dir) or _start_server(data_dir)
    _ensure_database(host, port)
    return _config(host, port)
