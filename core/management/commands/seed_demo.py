from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from core import demo


class Command(BaseCommand):
    help = "Creates the demo data (idempotent). --scale N makes N times the volume, for performance work."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1, help="Multiply the volume of generated records.")

    def handle(self, *args, scale, **options):
        if not getattr(settings, "DEMO_DATA_ALLOWED", False):
            raise CommandError("Demo data is refused with these settings (production).")
        if scale < 1:
            raise CommandError("--scale must be 1 or more.")
        logins: list[tuple[str, str]] = []
        # Seeding notifies the demo staff of their roles; those e-mails are not worth printing.
        for seeder in demo.seeders():
            with transaction.atomic(), override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
                logins.extend(seeder.run(scale=scale, stdout=self.stdout) or [])
            self.stdout.write(f"  seeded {seeder.key}")
        if logins:
            self.stdout.write(self.style.SUCCESS(f"\nDemo logins (password for all: {demo.DEMO_PASSWORD})"))
            width = max(len(role) for role, _ in logins)
            for role, email in logins:
                self.stdout.write(f"  {role.ljust(width)}  {email}")
