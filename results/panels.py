"""The results panel of the dashboard: the headline indicators (those of the specific objectives)
with their value to date, the share of the final target reached and the trend over the periods."""

from django.utils import timezone
from django.utils.translation import get_language

from core import freshness
from results import display, permissions
from results.models import Level
from results.selectors import current_period, programme_logframe

HEADLINES = 4


def headline_panel(request) -> dict:
    logframe = programme_logframe()
    period = current_period(logframe) if logframe else None
    if logframe is None or period is None:
        return {"rows": []}
    donor = permissions.is_donor(request.user)
    # The figures the results dashboard shows, from the same kept computation (results.views.pages).
    figures = freshness.cached(
        "results.dashboard",
        (logframe.pk, period.pk, donor, get_language(), timezone.localdate()),
        lambda: display.dashboard(logframe, period, donor=donor),
    )
    headline = [r for r in figures["rows"] if r["node_obj"] is not None and r["node_obj"].level == Level.OUTCOME]
    return {
        "rows": (headline or figures["rows"])[:HEADLINES],
        "period": period,
        "chart": {"width": display.CHART_WIDTH, "height": display.CHART_HEIGHT, "base": display.CHART_BASE},
    }
