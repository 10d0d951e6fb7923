"""`manage.py backup` and `manage.py restore`: the seeded demo goes into one file and comes back, in a new
database on the same server, with the same rows in every table and the same private files."""

import hashlib
import json
import tarfile
import uuid
from io import StringIO
from pathlib import Path

import psycopg
import pytest
from django.apps import apps
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from psycopg import sql

from accounts.tests.factories import UserFactory
from core import backup as backup_module
from core.uploads import PrivateFileField
from tests.testapp.models import Attachment


def _connect(name: str, **kwargs) -> psycopg.Connection:
    params = connection.settings_dict
    return psycopg.connect(
        dbname=name,
        host=params["HOST"] or None,
        port=params["PORT"] or None,
        user=params["USER"] or None,
        password=params["PASSWORD"] or None,
        **kwargs,
    )


@pytest.fixture
def new_database_name():
    """A name for a database that does not exist yet on the test server; dropped afterwards."""
    name = f"{connection.settings_dict['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    yield name
    with _connect("postgres", autocommit=True) as maintenance:
        maintenance.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def _database_exists(name: str) -> bool:
    with _connect("postgres") as maintenance:
        return bool(maintenance.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone())


@pytest.fixture
def uploads_in_tmp(monkeypatch):
    """The file fields keep the storage of the moment the models were imported: point them at the test's
    private folder (conftest's), so the demo's uploads land where the backup looks."""
    private = storages["private"]
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, PrivateFileField):
                monkeypatch.setattr(field, "storage", private)
    return Path(private.location)


def _point_storage_at(settings, root: Path) -> None:
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(root / "private")},
        },
    }
    settings.MEDIA_ROOT = str(root / "media")


def _files(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _tables(db) -> list[str]:
    rows = db.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1").fetchall()
    return [table for (table,) in rows]


def _contents(db) -> dict[str, tuple[int, str]]:
    """Every table's row count and a digest of all its rows."""
    contents = {}
    for table in _tables(db):
        query = sql.SQL("SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM {} t")
        contents[table] = tuple(db.execute(query.format(sql.Identifier(table))).fetchone())
    return contents


def _backup(output_dir: Path) -> Path:
    out = StringIO()
    call_command("backup", output_dir=output_dir, stdout=out)
    (path,) = output_dir.glob("tatweer-backup-*.tar")
    assert str(path) in out.getvalue()
    assert path.stat().st_mode & 0o777 == 0o600
    return path


@pytest.mark.django_db(transaction=True)
def test_the_seeded_demo_is_backed_up_and_restored_into_a_new_database_with_the_same_rows_and_files(
    reference_data, uploads_in_tmp, settings, tmp_path, new_database_name
):
    call_command("seed_demo", stdout=StringIO())
    source_files = _files(uploads_in_tmp)
    assert len(source_files) >= 10, "the demo uploads documents and training materials"
    with _connect(connection.settings_dict["NAME"]) as source:
        source_contents = _contents(source)
    assert source_contents["organizations_organization"][0] >= 30
    assert source_contents["django_migrations"][0] > 0

    backup = _backup(tmp_path / "backups")
    with tarfile.open(backup) as bundle:
        assert bundle.getnames() == ["manifest.json", "database.dump", "files.tar.gz"]

    restored_root = tmp_path / "restored"
    _point_storage_at(settings, restored_root)
    out = StringIO()
    call_command("restore", str(backup), database_name=new_database_name, stdout=out)

    with _connect(new_database_name) as restored:
        assert _contents(restored) == source_contents
    assert _files(restored_root / "private") == source_files
    assert "row counts and checksums verified" in out.getvalue()
    assert "timings:" in out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_a_file_deleted_during_the_backup_makes_it_start_again_and_a_file_missing_beforehand_is_reported(
    uploads_in_tmp, tmp_path, monkeypatch
):
    owner = UserFactory()
    deleted = Attachment.objects.create(owner=owner, file=SimpleUploadedFile("a.pdf", b"%PDF-1.4 a"))
    dangling = Attachment.objects.create(owner=owner, file=SimpleUploadedFile("b.pdf", b"%PDF-1.4 b"))
    dangling.file.storage.delete(dangling.file.name)  # lost from storage before any backup
    archive_files = backup_module._archive_files
    calls = []

    def deleted_after_the_snapshot(roots, destination):
        if not calls:  # what document_delete does, between the snapshot and the file archive
            Attachment.objects.filter(pk=deleted.pk).delete()
            deleted.file.storage.delete(deleted.file.name)
        calls.append(destination)
        return archive_files(roots, destination)

    monkeypatch.setattr(backup_module, "_archive_files", deleted_after_the_snapshot)
    out = StringIO()
    call_command("backup", output_dir=tmp_path, stdout=out)

    assert len(calls) == 2, "the backup was taken again after the race"
    (path,) = tmp_path.glob("tatweer-backup-*.tar")
    with tarfile.open(path) as bundle:
        manifest = json.load(bundle.extractfile("manifest.json"))
    assert manifest["tables"]["testapp_attachment"] == 1
    assert manifest["referenced_but_missing"] == [{"storage": "private", "path": dangling.file.name}]
    assert "1 file(s) the database refers to are missing from storage" in out.getvalue()


@pytest.mark.django_db
def test_restore_refuses_a_database_that_already_has_tables(tmp_path, settings):
    storage = Path(storages["private"].location)
    (storage / "core").mkdir(parents=True)
    (storage / "core" / "kept.pdf").write_bytes(b"%PDF-1.4 kept")
    backup = _backup(tmp_path / "backups")
    _point_storage_at(settings, tmp_path / "restored")

    with pytest.raises(CommandError, match="already has .* table.*Nothing was restored"):
        call_command("restore", str(backup), stdout=StringIO())
    assert not (tmp_path / "restored").exists(), "no file was written"


@pytest.mark.django_db
def test_restore_refuses_storage_folders_holding_other_contents_under_the_same_names(
    tmp_path, settings, new_database_name
):
    storage = Path(storages["private"].location)
    (storage / "core").mkdir(parents=True)
    (storage / "core" / "report.pdf").write_bytes(b"%PDF-1.4 the backed-up one")
    backup = _backup(tmp_path / "backups")
    (storage / "core" / "report.pdf").write_bytes(b"%PDF-1.4 a different one")

    with pytest.raises(CommandError, match="differ from the backup's.*core/report.pdf"):
        call_command("restore", str(backup), database_name=new_database_name, stdout=StringIO())
    with _connect(new_database_name) as target:
        assert _tables(target) == []
    assert (storage / "core" / "report.pdf").read_bytes() == b"%PDF-1.4 a different one"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("damage", "message"),
    [
        ("truncated", "not a complete, intact Tatweer backup"),
        ("corrupted", "not a complete, intact Tatweer backup: database.dump does not match its checksum"),
        ("not a tar", "not a complete, intact Tatweer backup: the file cannot be read"),
    ],
)
def test_restore_refuses_a_damaged_backup_with_a_clear_message_before_touching_anything(
    damage, message, tmp_path, settings, new_database_name
):
    backup = _backup(tmp_path / "backups")
    data = bytearray(backup.read_bytes())
    if damage == "truncated":
        data = data[: len(data) // 2]
    elif damage == "corrupted":
        with tarfile.open(backup) as bundle:
            dump = bundle.getmember("database.dump")
        data[dump.offset_data + dump.size // 2] ^= 0xFF
    else:
        data = bytearray(b"this is not a backup\n" * 100)
    damaged = tmp_path / f"damaged-{backup.name}"
    damaged.write_bytes(bytes(data))
    _point_storage_at(settings, tmp_path / "restored")

    with pytest.raises(CommandError, match=message) as refused:
        call_command("restore", str(damaged), database_name=new_database_name, stdout=StringIO())
    assert "Nothing was restored" in str(refused.value)
    assert not _database_exists(new_database_name)
    assert not (tmp_path / "restored").exists()


@pytest.mark.django_db
def test_restore_with_production_settings_needs_the_target_database_named(tmp_path, settings, new_database_name):
    backup = _backup(tmp_path / "backups")
    settings.DEMO_DATA_ALLOWED = False
    with pytest.raises(CommandError, match=f"--confirm-database {new_database_name}"):
        call_command("restore", str(backup), database_name=new_database_name, stdout=StringIO())
    assert not _database_exists(new_database_name)


@pytest.mark.django_db
def test_backup_keep_deletes_all_but_the_newest_backups(tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    for old in ("2026-01-01T000000Z", "2026-01-02T000000Z", "2026-01-03T000000Z"):
        (folder / f"tatweer-backup-{old}.tar").write_bytes(b"old")
    (folder / "unrelated.tar").write_bytes(b"not a backup")
    call_command("backup", output_dir=folder, keep=2, stdout=StringIO())
    names = sorted(path.name for path in folder.iterdir())
    assert names[0] == "tatweer-backup-2026-01-03T000000Z.tar"
    assert names[1].startswith("tatweer-backup-") and names[1] > names[0]
    assert names[2:] == ["unrelated.tar"]
