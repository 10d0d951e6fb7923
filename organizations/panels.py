from django.urls import reverse

from core.panels import Figure
from organizations import permissions
from organizations.models import CURRENT_ORGANIZATION_SESSION_KEY, VerificationStatus
from organizations.selectors import counts_by_verification, organizations_of


def dashboard_context(request) -> dict:
    """A CSO member's organisations, with the switch between them."""
    user = request.user
    mine = list(organizations_of(user))
    current_pk = request.session.get(CURRENT_ORGANIZATION_SESSION_KEY)
    current = next((o for o in mine if o.pk == current_pk), mine[0] if mine else None)
    return {
        "organizations": mine,
        "current": current,
        "can_register": permissions.can_register_organization(user),
    }


def verification_context(request) -> dict:
    """For the staff who verify organisations: how many wait, need changes or are verified."""
    directory = reverse("organizations:directory")
    figures = []
    for value, (label, count) in zip(VerificationStatus.values, counts_by_verification(), strict=True):
        figures.append(
            Figure(
                label,
                count,
                url=f"{directory}?verification_status={value}",
                icon="hourglass-split" if value == VerificationStatus.PENDING else "building",
                attention=value == VerificationStatus.PENDING,
            )
        )
    return {"figures": figures}
