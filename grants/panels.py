"""The grants panel on the dashboard: agreements with tranches waiting for finance first."""

from grants import permissions, selectors


def agreements_panel(request) -> dict:
    agreements = selectors.agreements_for(request.user)
    return {
        "agreements": list(agreements[:5]),
        "waiting": agreements.filter(waiting__gt=0).count(),
        "finance": permissions.can_approve_payments(request.user),
    }
