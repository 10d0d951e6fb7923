"""Backups that restore: the database and the uploaded files in one dated file, and its restore.

A backup is a plain tar file, `tatweer-backup-<UTC time>.tar`, holding three members:

- `manifest.json`: when and from what it was made, the migrations applied per app, the rows in every
  table, the checksums of the two other members, and every file with its size and sha256;
- `database.dump`: `pg_dump --format=custom` (compressed), restorable with `pg_restore`;
- `files.tar.gz`: the private uploads (`private/...`) and public media (`media/...`).

Consistency: the dump, the row counts and the list of files the database references all come from one
exported PostgreSQL snapshot; the files are archived right after. A file the snapshot references but
the archive lacks is either a deletion that raced the backup (the backup is then taken again) or a
file already missing from storage (listed in the manifest and reported). Files uploaded while the
backup runs may be in the archive without a row referencing them: harmless.

The pg_dump and pg_restore used are the ones matching the server's major version: the embedded
server's own (pgserver's binaries), those on PATH or under /usr/lib/postgresql, or the folder named by
TATWEER_PG_BIN_DIR.
"""

import datetime as dt
import glob
import hashlib
import importlib.util
import json
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from stat import S_ISREG
from typing import Any, LiteralString

import psycopg
from django.apps import apps
from django.core.files.storage import FileSystemStorage, storages
from django.db import models
from django.db.migrations.loader import MigrationLoader
from pghistory.models import Event
from psycopg import sql
from psycopg.conninfo import make_conninfo

from core.uploads import PrivateFileField

FORMAT_VERSION = 1
PREFIX = "tatweer-backup-"
MANIFEST = "manifest.json"
DUMP = "database.dump"
FILES = "files.tar.gz"
STORAGE_KEYS = ("private", "media")
SYSTEM_SCHEMAS = ("pg_catalog", "information_schema", "pg_toast")
# Keys of DATABASES[...]["OPTIONS"] that are Django's or psycopg's, not libpq connection parameters.
NOT_LIBPQ_OPTIONS = {"pool", "isolation_level", "server_side_binding", "assume_role", "cursor_factory", "context"}
RACE_ATTEMPTS = 3
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


# --- The database ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Database:
    """Where a database is, from a Django DATABASES entry; `name` may point at another database on the
    same server (a restore drill)."""

    name: str
    host: str = ""
    port: str = ""
    user: str = ""
    password: str = ""
    options: dict = field(default_factory=dict)

    @classmethod
    def from_settings(cls, settings_dict: dict, name: str | None = None) -> "Database":
        options = {
            key: value
            for key, value in (settings_dict.get("OPTIONS") or {}).items()
            if key not in NOT_LIBPQ_OPTIONS and isinstance(value, str | int)
        }
        return cls(
            name=name or settings_dict["NAME"],
            host=settings_dict.get("HOST") or "",
            port=str(settings_dict.get("PORT") or ""),
            user=settings_dict.get("USER") or "",
            password=settings_dict.get("PASSWORD") or "",
            options=options,
        )

    def conninfo(self, name: str | None = None) -> str:
        """The connection string, without the password (it goes through PGPASSWORD, off the process list)."""
        params = {"dbname": name or self.name, "host": self.host, "port": self.port, "user": self.user}
        return make_conninfo(**{k: v for k, v in params.items() if v}, **self.options)

    def env(self) -> dict:
        env = dict(os.environ)
        if self.password:
            env["PGPASSWORD"] = self.password
        return env

    def connect(self, name: str | None = None, **kwargs) -> psycopg.Connection:
        return psycopg.connect(self.conninfo(name), password=self.password or None, **kwargs)

    def describe(self) -> str:
        return f"{self.name} on {self.host or 'localhost'}{':' + self.port if self.port else ''}"


def user_tables(connection) -> list[tuple[str, str]]:
    rows = connection.execute(
        "SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE c.relkind IN ('r', 'p') AND n.nspname <> ALL(%s) AND n.nspname NOT LIKE 'pg_temp%%'"
        " AND n.nspname NOT LIKE 'pg_toast_temp%%' ORDER BY 1, 2",
        [list(SYSTEM_SCHEMAS)],
    ).fetchall()
    return [(schema, table) for schema, table in rows]


def _table_key(schema: str, table: str) -> str:
    return table if schema == "public" else f"{schema}.{table}"


def row_counts(connection) -> dict[str, int]:
    counts = {}
    for schema, table in user_tables(connection):
        query = sql.SQL("SELECT count(*) FROM {}.{}").format(sql.Identifier(schema), sql.Identifier(table))
        counts[_table_key(schema, table)] = connection.execute(query).fetchone()[0]
    return counts


def migration_state(connection) -> dict[str, list[str]]:
    if not connection.execute("SELECT to_regclass('public.django_migrations')").fetchone()[0]:
        return {}
    state: dict[str, list[str]] = {}
    for app, name in connection.execute("SELECT app, name FROM django_migrations ORDER BY app, name"):
        state.setdefault(app, []).append(name)
    return state


def _file_columns() -> list[tuple[str, str, str]]:
    """(storage key, table, column) of every file field of the current models. The audit trail's event
    tables are left out: they keep the names of files deleted since, by design."""
    columns = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed or issubclass(model, Event):
            continue
        for model_field in model._meta.concrete_fields:
            if isinstance(model_field, models.FileField):
                key = "private" if isinstance(model_field, PrivateFileField) else "media"
                columns.append((key, model._meta.db_table, model_field.column))
    return columns


def referenced_files(connection) -> set[tuple[str, str]]:
    """(storage key, name) of every file a row of the database refers to."""
    existing = {table for schema, table in user_tables(connection) if schema == "public"}
    names: set[tuple[str, str]] = set()
    for key, table, column in _file_columns():
        if table not in existing:
            continue
        query = sql.SQL("SELECT DISTINCT {col} FROM {table} WHERE {col} IS NOT NULL AND {col} <> ''").format(
            col=sql.Identifier(column), table=sql.Identifier(table)
        )
        names.update((key, name) for (name,) in connection.execute(query))
    return names


# --- pg_dump and pg_restore ----------------------------------------------------------------------------


def _candidate_dirs() -> list[Path]:
    dirs = []
    if os.environ.get("TATWEER_PG_BIN_DIR"):
        dirs.append(Path(os.environ["TATWEER_PG_BIN_DIR"]))
    spec = importlib.util.find_spec("pgserver")
    if spec and spec.submodule_search_locations:
        dirs.extend(Path(location) / "pginstall" / "bin" for location in spec.submodule_search_locations)
    for name in ("pg_dump", "pg_restore"):
        found = shutil.which(name)
        if found:
            dirs.append(Path(found).resolve().parent)
    dirs.extend(Path(p) for p in sorted(glob.glob("/usr/lib/postgresql/*/bin")))
    unique = []
    for directory in dirs:
        if directory not in unique:
            unique.append(directory)
    return unique


def _tool_major(path: Path) -> int | None:
    try:
        output = subprocess.run([str(path), "--version"], capture_output=True, text=True, timeout=30, check=True)  # noqa: S603
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r"\)\s*(\d+)", output.stdout)
    return int(match.group(1)) if match else None


def pg_tool(name: str, server_major: int, at_least: int | None = None) -> tuple[Path, int]:
    """The `name` binary for a server of `server_major`: the same major version if there is one, else
    the oldest newer one (never an older one than `at_least`, the version that wrote a dump)."""
    minimum = max(server_major if name == "pg_dump" else 0, at_least or 0)
    found: dict[int, Path] = {}
    for directory in _candidate_dirs():
        path = directory / name
        if path.is_file() and os.access(path, os.X_OK):
            major = _tool_major(path)
            if major is not None and major >= minimum:
                found.setdefault(major, path)
    if not found:
        raise BackupError(
            f"No {name} for PostgreSQL {max(minimum, server_major)} found. Install that version's client tools "
            "(postgresql-client) or set TATWEER_PG_BIN_DIR to the folder holding them."
        )
    major = server_major if server_major in found else min(found)
    return found[major], major


def _run(command: list[str], env: dict, what: str) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{what} failed (exit {result.returncode}): {result.stderr.strip()[-2000:]}")


# --- Files --------------------------------------------------------------------------------------------


def storage_roots() -> dict[str, Path]:
    """The folders of the private uploads and the public media, from the STORAGES setting."""
    roots = {}
    for key, alias in (("private", "private"), ("media", "default")):
        storage = storages[alias]
        if not isinstance(storage, FileSystemStorage):
            raise BackupError(
                f"The {alias!r} storage is not a folder ({type(storage).__name__}): back it up with its own tools."
            )
        roots[key] = Path(storage.location)
    return roots


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


class _HashingReader:
    def __init__(self, handle):
        self.handle = handle
        self.digest = hashlib.sha256()
        self.read_bytes = 0

    def read(self, size=-1):
        data = self.handle.read(size)
        self.digest.update(data)
        self.read_bytes += len(data)
        return data


def _archive_files(roots: dict[str, Path], destination: Path) -> list[dict]:
    entries = []
    with tarfile.open(destination, "w:gz", compresslevel=6) as archive:
        for key in STORAGE_KEYS:
            root = roots[key]
            if not root.is_dir():
                continue
            for folder, subfolders, filenames in os.walk(root):
                subfolders.sort()
                for filename in sorted(filenames):
                    path = Path(folder) / filename
                    relative = path.relative_to(root).as_posix()
                    try:
                        if not S_ISREG(os.lstat(path).st_mode):  # regular files only: no links, no pipes
                            continue
                        handle = open(path, "rb")  # noqa: SIM115
                    except FileNotFoundError:  # deleted since the listing
                        continue
                    with handle:
                        status = os.fstat(handle.fileno())
                        info = tarfile.TarInfo(f"{key}/{relative}")
                        info.size, info.mtime, info.mode = status.st_size, int(status.st_mtime), 0o640
                        reader = _HashingReader(handle)
                        archive.addfile(info, reader)
                    entries.append(
                        {"storage": key, "path": relative, "size": info.size, "sha256": reader.digest.hexdigest()}
                    )
    return entries


def human_size(number: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if number < 1024 or unit == "GB":
            return f"{number:.0f} {unit}" if unit == "B" else f"{number:.1f} {unit}"
        number /= 1024
    return f"{number} B"


# --- Backup -------------------------------------------------------------------------------------------


@dataclass
class BackupResult:
    path: Path
    manifest: dict
    timings: dict


def _scalar(connection: psycopg.Connection, query: LiteralString) -> Any:
    row = connection.execute(query).fetchone()
    if row is None:
        raise BackupError(f"The server answered nothing to {query}.")
    return row[0]


def _attempt(database: Database, roots: dict[str, Path], work: Path, timings: dict) -> dict:
    started = time.monotonic()
    with database.connect() as connection:
        connection.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        connection.read_only = True
        with connection.transaction():
            snapshot = _scalar(connection, "SELECT pg_export_snapshot()")
            info = connection.info
            server_major = info.server_version // 10000
            server_version = _scalar(connection, "SHOW server_version")
            pg_dump, dump_major = pg_tool("pg_dump", server_major)
            _run(
                [
                    str(pg_dump),
                    "--format=custom",
                    "--compress=6",
                    f"--snapshot={snapshot}",
                    f"--file={work / DUMP}",
                    f"--dbname={database.conninfo()}",
                ],
                database.env(),
                "pg_dump",
            )
            timings["database dump"] = time.monotonic() - started
            tables = row_counts(connection)
            migrations = migration_state(connection)
            referenced = referenced_files(connection)
    started = time.monotonic()
    entries = _archive_files(roots, work / FILES)
    timings["files archive"] = time.monotonic() - started
    archived = {(entry["storage"], entry["path"]) for entry in entries}
    return {
        "server_version": server_version,
        "pg_dump": {"path": str(pg_dump), "major": dump_major},
        "tables": tables,
        "migrations": migrations,
        "entries": entries,
        "missing": referenced - archived,
    }


def create_backup(output_dir: Path, *, database: Database, keep: int | None = None) -> BackupResult:
    """Writes one backup file into output_dir and returns it; with `keep`, deletes all but the newest
    `keep` backups there afterwards."""
    output_dir = Path(output_dir)
    roots = storage_roots()
    for key, root in roots.items():
        if output_dir.resolve().is_relative_to(root.resolve()):
            raise BackupError(f"The output folder {output_dir} is inside the {key} files ({root}): choose another one.")
    output_dir.mkdir(parents=True, exist_ok=True)
    total = time.monotonic()
    created = dt.datetime.now(dt.UTC)
    final = output_dir / f"{PREFIX}{created:%Y-%m-%dT%H%M%SZ}.tar"
    if final.exists():
        raise BackupError(f"{final} already exists.")
    with tempfile.TemporaryDirectory(dir=output_dir, prefix=".tatweer-backup-work-") as work_name:
        work = Path(work_name)
        timings: dict[str, float] = {}
        for attempt in range(1, RACE_ATTEMPTS + 1):
            part = _attempt(database, roots, work, timings)
            if not part["missing"]:
                break
            # A missing file no longer referenced now was deleted after the snapshot: take the backup
            # again. One still referenced is missing from storage itself: the manifest lists it.
            with database.connect() as connection:
                raced = part["missing"] - referenced_files(connection)
            if not raced or attempt == RACE_ATTEMPTS:
                break
        started = time.monotonic()
        manifest = {
            "format": FORMAT_VERSION,
            "project": "tatweer",
            "created_at": created.isoformat().replace("+00:00", "Z"),
            "database": {
                "name": database.name,
                "server_version": part["server_version"],
                "pg_dump_major": part["pg_dump"]["major"],
                "member": DUMP,
                "size": (work / DUMP).stat().st_size,
                "sha256": sha256_of(work / DUMP),
            },
            "migrations": part["migrations"],
            "tables": part["tables"],
            "files": {
                "member": FILES,
                "size": (work / FILES).stat().st_size,
                "sha256": sha256_of(work / FILES),
                "count": len(part["entries"]),
                "bytes": sum(entry["size"] for entry in part["entries"]),
                "entries": part["entries"],
            },
            "referenced_but_missing": [{"storage": key, "path": name} for key, name in sorted(part["missing"])],
        }
        (work / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False))
        partial = final.with_name(final.name + ".partial")
        with tarfile.open(partial, "w") as bundle:
            for member in (MANIFEST, DUMP, FILES):
                bundle.add(work / member, arcname=member)
        partial.chmod(0o600)  # personal data: readable by the backup's owner only
        os.replace(partial, final)
        timings["packaging"] = time.monotonic() - started
    if keep:
        prune(output_dir, keep)
    timings["total"] = time.monotonic() - total
    return BackupResult(path=final, manifest=manifest, timings=timings)


def prune(output_dir: Path, keep: int) -> list[Path]:
    """Deletes all but the newest `keep` backups in output_dir (by the time in their names)."""
    backups = sorted(Path(output_dir).glob(f"{PREFIX}*.tar"))
    removed = backups[:-keep] if keep > 0 else []
    for path in removed:
        path.unlink()
    return removed


# --- Restore ------------------------------------------------------------------------------------------


@dataclass
class RestoreResult:
    manifest: dict
    timings: dict
    files_written: int
    files_already_there: int
    extra_files: int
    created_database: bool
    warnings: list[str]


def _damaged(path: Path, reason: str) -> BackupError:
    return BackupError(f"{path} is not a complete, intact Tatweer backup: {reason}. Nothing was restored.")


def open_backup(path: Path, work: Path) -> dict:
    """Unpacks the backup's members into `work` and checks them against the manifest; returns the
    manifest. Any truncation or corruption is refused here, before anything is changed."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path} does not exist.")
    _unpack(path, work)
    return _checked_manifest(path, work)


def _unpack(path: Path, work: Path) -> None:
    try:
        with tarfile.open(path, "r:") as bundle:
            names = bundle.getnames()
            if sorted(names) != sorted([MANIFEST, DUMP, FILES]):
                raise _damaged(path, f"it holds {', '.join(names) or 'nothing'}, not {MANIFEST}, {DUMP} and {FILES}")
            for member in bundle.getmembers():
                if not member.isfile():
                    raise _damaged(path, f"{member.name} is not a file")
                source = bundle.extractfile(member)
                if source is None:
                    raise _damaged(path, f"{member.name} cannot be read")
                with open(work / member.name, "wb") as target:
                    shutil.copyfileobj(source, target, CHUNK)
                if (work / member.name).stat().st_size != member.size:
                    raise _damaged(path, f"{member.name} is cut short")
    except (tarfile.TarError, EOFError, OSError, zlib.error) as error:
        raise _damaged(path, f"the file cannot be read ({error})") from error


def _checked_manifest(path: Path, work: Path) -> dict:
    try:
        manifest = json.loads((work / MANIFEST).read_text())
        if manifest.get("format") != FORMAT_VERSION or manifest.get("project") != "tatweer":
            raise _damaged(path, f"unknown manifest format {manifest.get('format')!r}")
        for part in (manifest["database"], manifest["files"]):
            member = work / part["member"]
            if member.stat().st_size != part["size"] or sha256_of(member) != part["sha256"]:
                raise _damaged(path, f"{part['member']} does not match its checksum in the manifest")
    except (ValueError, KeyError, TypeError) as error:
        raise _damaged(path, f"its manifest is unreadable ({error})") from error
    return manifest


def _safe_destination(roots: dict[str, Path], storage: str, relative: str) -> Path:
    pure = PurePosixPath(relative)
    if storage not in roots or pure.is_absolute() or ".." in pure.parts or not pure.parts:
        raise BackupError(
            f"The backup names a file outside the storage folders: {storage}/{relative}. Nothing more was restored."
        )
    return roots[storage].joinpath(*pure.parts)


def _conflicts(manifest: dict, roots: dict[str, Path]) -> tuple[list[str], int]:
    conflicts, same = [], 0
    for entry in manifest["files"]["entries"]:
        destination = _safe_destination(roots, entry["storage"], entry["path"])
        if destination.exists():
            if destination.is_file() and sha256_of(destination) == entry["sha256"]:
                same += 1
            else:
                conflicts.append(f"{entry['storage']}/{entry['path']}")
    return conflicts, same


def _restore_files(work: Path, manifest: dict, roots: dict[str, Path]) -> int:
    expected = {(e["storage"], e["path"]): e for e in manifest["files"]["entries"]}
    written = 0
    with tarfile.open(work / FILES, "r:gz") as archive:
        for member in archive:
            storage, _, relative = member.name.partition("/")
            entry = expected.get((storage, relative))
            if entry is None or not member.isfile():
                raise BackupError(f"The file archive holds {member.name}, which the manifest does not list.")
            destination = _safe_destination(roots, storage, relative)
            if destination.exists():  # checked identical before anything was restored
                continue
            destination.parent.mkdir(parents=True, exist_ok=True)
            temporary = destination.with_name(f".{destination.name}.restoring")
            extracted = archive.extractfile(member)
            if extracted is None:
                raise BackupError(f"The file archive's {member.name} cannot be read.")
            with extracted as source, open(temporary, "wb") as target:
                reader = _HashingReader(source)
                shutil.copyfileobj(reader, target, CHUNK)
            if reader.digest.hexdigest() != entry["sha256"]:
                temporary.unlink()
                raise BackupError(f"{member.name} does not match its checksum in the manifest.")
            temporary.chmod(0o640)
            os.replace(temporary, destination)
            written += 1
    return written


def _extra_files(manifest: dict, roots: dict[str, Path]) -> int:
    listed = {(e["storage"], e["path"]) for e in manifest["files"]["entries"]}
    extra = 0
    for key in STORAGE_KEYS:
        if roots[key].is_dir():
            for folder, _, filenames in os.walk(roots[key]):
                for filename in filenames:
                    relative = (Path(folder) / filename).relative_to(roots[key]).as_posix()
                    extra += (key, relative) not in listed
    return extra


def verify(manifest: dict, *, database: Database, roots: dict[str, Path]) -> list[str]:
    """Differences between the manifest and what the database and the storage folders now hold."""
    problems = []
    with database.connect() as connection:
        counts = row_counts(connection)
    for table, expected in manifest["tables"].items():
        if counts.get(table) != expected:
            problems.append(f"table {table}: {counts.get(table, 'missing')} rows, the backup had {expected}")
    problems.extend(f"table {table}: not in the backup" for table in sorted(set(counts) - set(manifest["tables"])))
    for entry in manifest["files"]["entries"]:
        destination = _safe_destination(roots, entry["storage"], entry["path"])
        if not destination.is_file():
            problems.append(f"file {entry['storage']}/{entry['path']}: missing")
        elif destination.stat().st_size != entry["size"] or sha256_of(destination) != entry["sha256"]:
            problems.append(f"file {entry['storage']}/{entry['path']}: different content")
    return problems


def _migration_warnings(manifest: dict) -> list[str]:
    on_disk = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    in_backup = {(app, name) for app, names in manifest["migrations"].items() for name in names}
    warnings = []
    unknown = sorted(in_backup - on_disk)
    if unknown:
        warnings.append(
            f"The backup has {len(unknown)} migration(s) this code does not know (e.g. {unknown[0][0]}.{unknown[0][1]}): "
            "it was made by a newer version; deploy that version."
        )
    if on_disk - in_backup:
        warnings.append(
            f"This code has {len(on_disk - in_backup)} migration(s) the backup lacks: run `manage.py migrate` now."
        )
    return warnings


def _ensure_database(database: Database) -> bool:
    """Creates the target database if it does not exist; True when it did."""
    try:
        connection = database.connect(database.name, autocommit=True)
    except psycopg.OperationalError as error:
        if "does not exist" not in str(error):
            raise BackupError(f"Cannot connect to {database.describe()}: {error}") from error
    else:
        connection.close()
        return False
    try:
        with database.connect("postgres", autocommit=True) as connection:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database.name)))
    except psycopg.Error as error:
        raise BackupError(
            f"The database {database.describe()} does not exist and cannot be created: {error}"
        ) from error
    return True


def restore_backup(path: Path, *, database: Database) -> RestoreResult:
    """Restores a backup into an empty database and the storage folders, then verifies it."""
    roots = storage_roots()
    timings: dict[str, float] = {}
    total = started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="tatweer-restore-") as work_name:
        work = Path(work_name)
        manifest = open_backup(path, work)
        created = _ensure_database(database)
        with database.connect() as connection:
            tables = user_tables(connection)
            server_major = connection.info.server_version // 10000
        if tables:
            raise BackupError(
                f"The database {database.describe()} already has {len(tables)} table(s) (e.g. {_table_key(*tables[0])}). "
                "A backup is restored only into an empty database: create a new one (or drop and re-create this one) "
                "and run the restore again. Nothing was restored."
            )
        conflicts, same = _conflicts(manifest, roots)
        if conflicts:
            raise BackupError(
                f"{len(conflicts)} file(s) in the storage folders differ from the backup's (e.g. {conflicts[0]}). "
                "Restore into empty storage folders. Nothing was restored."
            )
        pg_restore, _ = pg_tool("pg_restore", server_major, at_least=manifest["database"]["pg_dump_major"])
        timings["checks"] = time.monotonic() - started
        started = time.monotonic()
        _run(
            [
                str(pg_restore),
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                f"--dbname={database.conninfo()}",
                str(work / DUMP),
            ],
            database.env(),
            "pg_restore",
        )
        timings["database restore"] = time.monotonic() - started
        started = time.monotonic()
        written = _restore_files(work, manifest, roots)
        timings["files restore"] = time.monotonic() - started
    started = time.monotonic()
    problems = verify(manifest, database=database, roots=roots)
    timings["verification"] = time.monotonic() - started
    if problems:
        raise BackupError(
            f"The restore does not match the backup's manifest ({len(problems)} difference(s)):\n  "
            + "\n  ".join(problems[:20])
        )
    warnings = _migration_warnings(manifest)
    if manifest.get("referenced_but_missing"):
        warnings.append(
            f"{len(manifest['referenced_but_missing'])} file(s) the database refers to were already missing from "
            "storage when the backup was made (listed in its manifest)."
        )
    timings["total"] = time.monotonic() - total
    return RestoreResult(
        manifest=manifest,
        timings=timings,
        files_written=written,
        files_already_there=same,
        extra_files=_extra_files(manifest, roots),
        created_database=created,
        warnings=warnings,
    )
