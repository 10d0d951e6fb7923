"""The legal assistance panels of the dashboard: the coordinator's new requests and deadlines, the
lawyer's own cases and deadlines, and a CSO's open requests."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from core.panels import Figure
from legal_aid import permissions, selectors
from legal_aid.models import OPEN_STATUSES, Status


def legal_panel(request) -> dict:
    """Lawyers and the coordinator: what waits for them, deadlines first."""
    user = request.user
    context: dict[str, Any] = selectors.deadlines(user)
    cases = reverse("legal_aid:case_list")
    deadlines = reverse("legal_aid:deadlines")
    figures = []
    if permissions.is_manager(user):
        context["manager"] = True
        new = selectors.cases_for(user, {"status": Status.SUBMITTED})
        context["new_requests"] = list(new[:5])
        figures.append(
            Figure(_("New requests"), new.count(), url=f"{cases}?status=submitted", icon="inbox", attention=True)
        )
        figures.append(
            Figure(
                _("Open cases"),
                selectors.cases_for(user, {"open": True}).count(),
                url=f"{cases}?open=1",
                icon="journal-text",
            )
        )
    else:
        own = selectors.cases_for(user, {"open": True})
        context["own_cases"] = list(own[:6])
        figures.append(Figure(_("Your open cases"), own.count(), url=f"{cases}?open=1", icon="journal-text"))
    figures.append(
        Figure(
            _("Overdue deadlines"), len(context["overdue"]), url=deadlines, icon="exclamation-triangle", attention=True
        )
    )
    figures.append(Figure(_("Deadlines in the next 7 days"), len(context["next_week"]), url=deadlines, icon="clock"))
    context["figures"] = figures
    context["soonest"] = (context["overdue"] + context["next_week"])[:5]
    return context


def requests_panel(request) -> dict:
    """A CSO member: the organisation's open requests for legal help."""
    return {"open_cases": list(selectors.cases_for(request.user).filter(status__in=OPEN_STATUSES)[:5])}
