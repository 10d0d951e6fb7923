"""The programme's roles. Each role is a Django group of the same name, created by a migration.

CSO roles (admin, member) are not groups: they come with membership of an organisation.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PROGRAMME_ADMIN = "programme_admin", _("Programme admin")
    CENTRE_MANAGER = "centre_manager", _("Centre manager")
    CENTRE_STAFF = "centre_staff", _("Centre staff")
    TRAINER = "trainer", _("Trainer")
    GRANT_OFFICER = "grant_officer", _("Grant officer")
    FINANCE_OFFICER = "finance_officer", _("Finance officer")
    REVIEWER = "reviewer", _("Reviewer")
    LEGAL_COORDINATOR = "legal_coordinator", _("Legal coordinator")
    LAWYER = "lawyer", _("Lawyer")
    DONOR = "donor", _("Donor")


# Every programme role is a staff role: each sees data about people or money (the donor sees
# programme-wide figures), so each must use two-factor authentication.
STAFF_ROLES = frozenset(Role.values)

# Roles bound to one centre through object permissions on that centre.
CENTRE_ROLES = frozenset({Role.CENTRE_MANAGER, Role.CENTRE_STAFF, Role.TRAINER, Role.LAWYER})
