"""The legal assistance panel on the dashboard: deadlines for lawyers and the coordinator, requests
waiting for triage, and a CSO's open cases."""

from typing import Any

from legal_aid import permissions, selectors
from legal_aid.models import OPEN_STATUSES, Status


def legal_panel(request) -> dict:
    user = request.user
    context: dict[str, Any] = {"staff": permissions.can_view_deadlines(user)}
    if context["staff"]:
        context.update(selectors.deadlines(user))
        if permissions.is_manager(user):
            context["waiting_triage"] = selectors.cases_for(user, {"status": Status.SUBMITTED}).count()
    else:
        context["open_cases"] = list(selectors.cases_for(user).filter(status__in=OPEN_STATUSES)[:5])
    return context
