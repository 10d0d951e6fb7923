import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from core.backup import BackupError, Database, create_backup, human_size


def default_backup_dir() -> Path:
    return Path(os.environ.get("BACKUP_DIR") or settings.BASE_DIR / "backups")


class Command(BaseCommand):
    help = (
        "Backs up the database (pg_dump, custom format) and the private uploads and public media, from one "
        "snapshot, into one dated file tatweer-backup-<UTC time>.tar with a manifest of row counts and file "
        "checksums. Restore it with `manage.py restore FILE`."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir",
            type=Path,
            default=None,
            help="Folder for the backup file (default: $BACKUP_DIR, else backups/ in the project).",
        )
        parser.add_argument(
            "--keep",
            type=int,
            default=None,
            help="After a successful backup, delete all but the newest KEEP backups in the folder.",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="The DATABASES entry to back up.")

    def handle(self, *args, output_dir, keep, database, **options):
        if keep is not None and keep < 1:
            raise CommandError("--keep must be 1 or more.")
        source = Database.from_settings(connections[database].settings_dict)
        output_dir = output_dir or default_backup_dir()
        try:
            result = create_backup(output_dir, database=source, keep=keep)
        except BackupError as error:
            raise CommandError(str(error)) from error
        manifest = result.manifest
        rows = sum(manifest["tables"].values())
        files = manifest["files"]
        self.stdout.write(
            self.style.SUCCESS(f"Backup written: {result.path} ({human_size(result.path.stat().st_size)})")
        )
        self.stdout.write(
            f"  database {source.describe()} (PostgreSQL {manifest['database']['server_version']}): "
            f"{len(manifest['tables'])} tables, {rows} rows, dump {human_size(manifest['database']['size'])}"
        )
        self.stdout.write(
            f"  files: {files['count']} ({human_size(files['bytes'])}), archive {human_size(files['size'])}"
        )
        self.stdout.write(
            "  timings: " + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in result.timings.items())
        )
        missing = manifest["referenced_but_missing"]
        if missing:
            self.stdout.write(
                self.style.WARNING(
                    f"  {len(missing)} file(s) the database refers to are missing from storage (not a backup fault; "
                    f"listed in the manifest), e.g. {missing[0]['storage']}/{missing[0]['path']}"
                )
            )
