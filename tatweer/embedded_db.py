"""The embedded PostgreSQL used when no DATABASE_URL is configured.

`pgserver` ships PostgreSQL binaries in a wheel, so a fresh checkout needs no database set-up. The
server listens only on a Unix socket and is left running between processes (cleanup_mode=None), so
runserver and its autoreloader, Celery worker and beat, and pytest all share one data folder in the
checkout.

Importing the settings starts nothing: they only describe the server (`EMBEDDED_DATABASE_DIR` and
`connection_settings()`, whose socket is in the data folder, where pgserver puts it). The commands that
need the database call `ensure_started()` before their first connection: `manage.py` (every command
but those in COMMANDS_WITHOUT_DATABASE), the WSGI application, the Celery worker (tatweer.celery) and
pytest (conftest.py, just before pytest-django creates the test database). Production settings never
describe one: they refuse to load without DATABASE_URL.

Only the first process starts the server through pgserver. Every later one reads the running
server's socket from postmaster.pid and connects directly: pgserver keeps a shared list of the
processes holding a handle in a JSON file that several processes starting at once can corrupt.
"""

import os
import warnings
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import psycopg
from django.conf import settings

DATABASE_NAME = "tatweer"
USER = "postgres"

# manage.py commands that never open a database connection: they do not start the server.
COMMANDS_WITHOUT_DATABASE = frozenset(
    {"compilemessages", "makemessages", "collectstatic", "findstatic", "help", "version", "--help", "-h", "--version"}
)


def connection_settings(data_dir: Path) -> dict[str, str]:
    """The DATABASES entry of the embedded server in `data_dir`, without starting it. pgserver puts the
    socket in the data folder unless its path is too long for a socket; ensure_started() then points
    the entry at the folder the running server reports."""
    return _config(str(data_dir), "")


def command_needs_database(argv: list[str]) -> bool:
    """Whether `manage.py` with these arguments may connect to the database."""
    return len(argv) > 1 and argv[1] not in COMMANDS_WITHOUT_DATABASE


def ensure_started() -> None:
    """When the settings use the embedded server (EMBEDDED_DATABASE_DIR), starts it or finds it running,
    creates the database if needed, and points DATABASES["default"] at its socket. Call it before the
    first connection; with DATABASE_URL (and always in production) it does nothing."""
    data_dir = getattr(settings, "EMBEDDED_DATABASE_DIR", None)
    if not data_dir:
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs warns when XDG_RUNTIME_DIR is unset
        host, port = start(Path(data_dir))
    # In place: the connection handler and pytest-django hold this same dict.
    settings.DATABASES["default"].update(HOST=host, PORT=port)


def start(data_dir: Path) -> tuple[str, str]:
    """(socket folder, port) of the server on `data_dir`, started if no server runs there yet."""
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    host, port = _running_server(data_dir) or _start_server(data_dir)
    _ensure_database(host, port)
    return host, port


def _config(host: str, port: str) -> dict[str, str]:
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
    with psycopg.connect(host=host, port=port, user=USER, dbname="postgres", autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{DATABASE_NAME}"')


def _start_server(data_dir: Path) -> tuple[str, str]:
    import pgserver  # noqa: PLC0415 only to start a server (a running one is found from postmaster.pid); its import reads the runtime folder

    try:
        server = pgserver.get_server(str(data_dir), cleanup_mode=None)
    except ValueError:  # a corrupted handle list (json.JSONDecodeError): forget it and start again
        (data_dir / ".handle_pids.json").unlink(missing_ok=True)
        server = pgserver.get_server(str(data_dir), cleanup_mode=None)
    uri = urlparse(server.get_uri())
    return parse_qs(uri.query).get("host", [""])[0], str(uri.port or "")
