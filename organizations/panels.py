from organizations import permissions
from organizations.models import CURRENT_ORGANIZATION_SESSION_KEY
from organizations.selectors import counts_by_verification, organizations_of


def dashboard_context(request) -> dict:
    user = request.user
    mine = list(organizations_of(user))
    current_pk = request.session.get(CURRENT_ORGANIZATION_SESSION_KEY)
    current = next((o for o in mine if o.pk == current_pk), mine[0] if mine else None)
    return {
        "organizations": mine,
        "current": current,
        "staff_counts": counts_by_verification() if permissions.can_view_indicators(user) else None,
        "can_browse": permissions.can_browse_directory(user),
        "can_register": not permissions.can_view_indicators(user),
    }
