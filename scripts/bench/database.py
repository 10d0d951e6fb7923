"""The bench database: `tatweer_bench`, made once per scale and migration state, then reused.

It lives on the PostgreSQL named by BENCH_DATABASE_URL (used as is), else on the server of
DATABASE_URL (database name replaced), else on the project's embedded server (tatweer.embedded_db,
reached through its Unix socket via PGHOST/PGPORT). A row in `bench_marker` records the scale and a
hash of the migration files; a different scale or new migrations rebuild the database from scratch.
"""

import hashlib
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import psycopg

BASE_DIR = Path(__file__).resolve().parents[2]
NAME = "tatweer_bench"
MARKER = "bench_marker"  # the table (named in the SQL below)


@dataclass(frozen=True)
class BenchDatabase:
    url: str  # a DATABASE_URL for Django (empty host: libpq then reads PGHOST/PGPORT from `env`)
    env: dict[str, str] = field(default_factory=dict)  # PGHOST/PGPORT for the embedded server
    where: str = ""  # for the report

    def connect(self, dbname: str | None = None) -> psycopg.Connection:
        parsed = urlparse(self.url)
        params = {
            "host": parsed.hostname or self.env.get("PGHOST", ""),
            "port": str(parsed.port or self.env.get("PGPORT", "")),
            "user": parsed.username or "postgres",
            "password": parsed.password or "",
            "dbname": dbname or parsed.path.lstrip("/"),
        }
        conninfo = psycopg.conninfo.make_conninfo(**{k: v for k, v in params.items() if v})
        return psycopg.connect(conninfo, autocommit=True)


def locate(environ: dict[str, str]) -> BenchDatabase:
    """Where the bench database is (nothing is created here, except starting the embedded server)."""
    if environ.get("BENCH_DATABASE_URL"):
        url = environ["BENCH_DATABASE_URL"]
        return BenchDatabase(url=url, where=_redacted(url))
    if environ.get("DATABASE_URL"):
        parsed = urlparse(environ["DATABASE_URL"])
        url = urlunparse(parsed._replace(path="/" + NAME))
        return BenchDatabase(url=url, where=_redacted(url))
    sys.path.insert(0, str(BASE_DIR))
    from tatweer import embedded_db  # noqa: PLC0415 only without a database URL: it may start pgserver

    host, port = embedded_db.start(BASE_DIR / ".pgdata" / "pg")
    env = {"PGHOST": host, "PGPORT": str(port)}
    return BenchDatabase(url=f"postgres://postgres@/{NAME}", env=env, where=f"embedded ({host}, database {NAME})")


def _redacted(url: str) -> str:
    parsed = urlparse(url)
    if parsed.password:
        parsed = parsed._replace(netloc=parsed.netloc.replace(":" + parsed.password + "@", ":***@"))
    return urlunparse(parsed)


def migration_state() -> str:
    """A hash of every migration file's path and content: new or edited migrations rebuild the bench DB."""
    digest = hashlib.sha256()
    for path in sorted(BASE_DIR.glob("*/migrations/*.py")):
        digest.update(str(path.relative_to(BASE_DIR)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def current_marker(db: BenchDatabase) -> tuple[int, str] | None:
    """(scale, migration state) recorded in the bench database, or None if there is none."""
    try:
        with db.connect() as connection:
            row = connection.execute(
                "SELECT scale, migrations FROM bench_marker ORDER BY made_at DESC LIMIT 1"
            ).fetchone()
    except psycopg.Error:
        return None
    return (int(row[0]), str(row[1])) if row else None


def prepare(db: BenchDatabase, scale: int, environ: dict[str, str], say) -> float:
    """Reuses the bench database if it was built at this scale and migration state, else rebuilds it.
    Returns the seconds spent building (0 when reused)."""
    state = migration_state()
    marker = current_marker(db)
    if marker == (scale, state):
        say(f"Reusing {db.where}: built at --scale {scale}, migrations unchanged.")
        return 0.0
    say(f"Building {db.where} at --scale {scale} (was: {marker or 'none'}); this takes a while.")
    started = time.monotonic()
    dbname = urlparse(db.url).path.lstrip("/")
    with db.connect(dbname="postgres") as connection:
        connection.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [dbname],
        )
        connection.execute(f'DROP DATABASE IF EXISTS "{dbname}"')
        connection.execute(f'CREATE DATABASE "{dbname}"')
    child_env = manage_env(db, environ, settings="tatweer.settings.local")
    for args in (["migrate", "--noinput", "-v", "0"], ["createcachetable"], ["seed_demo", "--scale", str(scale)]):
        step = time.monotonic()
        manage(args, child_env)
        say(f"  manage.py {' '.join(args)}: {time.monotonic() - step:.0f} s")
    with db.connect() as connection:
        connection.execute(
            "CREATE TABLE bench_marker (scale integer, migrations text, made_at timestamptz DEFAULT now())"
        )
        connection.execute("INSERT INTO bench_marker (scale, migrations) VALUES (%s, %s)", [scale, state])
        # A database in use has been vacuumed: without this, autovacuum and the pruning of the seed's
        # dead rows write WAL during the first pages measured, and what is kept under the data
        # version (core.freshness) is recomputed as if someone were writing.
        step = time.monotonic()
        connection.execute("VACUUM (ANALYZE)")
        say(f"  VACUUM (ANALYZE): {time.monotonic() - step:.0f} s")
    return time.monotonic() - started


def data_version(db: BenchDatabase) -> str:
    """The WAL insert position core.freshness keys kept values by (the whole server's)."""
    with db.connect() as connection:
        return str(connection.execute("SELECT pg_current_wal_insert_lsn()::text").fetchone()[0])


def manage_env(db: BenchDatabase, environ: dict[str, str], *, settings: str) -> dict[str, str]:
    env = {k: v for k, v in environ.items() if k not in ("BENCH_DATABASE_URL",)}
    env.update(db.env)
    env.update({"DATABASE_URL": db.url, "DJANGO_SETTINGS_MODULE": settings, "PYTHONUNBUFFERED": "1"})
    env.setdefault("LOG_LEVEL", "WARNING")
    return env


def manage(args: list[str], env: dict[str, str]) -> None:
    command = [str(BASE_DIR / ".venv" / "bin" / "python"), str(BASE_DIR / "manage.py"), *args]
    subprocess.run(command, env=env, cwd=BASE_DIR, check=True, stdout=subprocess.DEVNULL)  # noqa: S603 our own manage.py


def ensure_fortunes(db: BenchDatabase) -> None:
    """The reference page's table (scripts/bench/reference.py), 25 rows, in the bench database only."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from fortunes import ROWS, rows  # noqa: PLC0415 beside this file

    with db.connect() as connection:
        connection.execute("CREATE TABLE IF NOT EXISTS bench_fortune (id integer PRIMARY KEY, message text NOT NULL)")
        if connection.execute("SELECT count(*) FROM bench_fortune").fetchone() == (ROWS,):
            return
        connection.execute("DELETE FROM bench_fortune")
        with connection.cursor() as cursor:
            cursor.executemany("INSERT INTO bench_fortune (id, message) VALUES (%s, %s)", rows())
