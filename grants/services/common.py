"""Helpers the grants services share."""

from django.db.models import Model

from accounts.models import User
from accounts.roles import Role
from grants.models import GrantAgreement
from notifications.services import notify
from organizations.models import MembershipRole, Organization


def assign_changed(instance: Model, values: dict) -> bool:
    """Sets the values on a row; True when it is new or any value differs (so that only rows that
    change are written, and the history shows real changes only)."""
    changed = instance.pk is None
    for field, value in values.items():
        if getattr(instance, field) != value:
            setattr(instance, field, value)
            changed = True
    return changed


def notify_cso_admins(organization: Organization, *, kind: str, context: dict, url: str) -> None:
    """Tells every administrator of the organisation."""
    for membership in organization.memberships.filter(role=MembershipRole.ADMIN).select_related("user"):
        notify(recipient=membership.user, kind=kind, context=context, url=url)


def notify_officers(kind: str, context: dict, url: str) -> None:
    for officer in User.objects.filter(groups__name=Role.GRANT_OFFICER, is_active=True).distinct():
        notify(recipient=officer, kind=kind, context=context, url=url)


def notify_grantee(agreement: GrantAgreement, *, kind: str, context: dict, url: str) -> None:
    """Tells the grantee's administrators, with the agreement in the context."""
    notify_cso_admins(
        agreement.application.organization, kind=kind, context={"agreement": agreement, **context}, url=url
    )
