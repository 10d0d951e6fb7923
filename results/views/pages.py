"""The dashboard and the logframe: what the donor and the programme read."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language

from core import exports, freshness
from core.permissions import require
from results import display, permissions
from results.models import Level, Logframe, Period
from results.selectors import current_period, indicators_of, programme_logframe


def logframe_or_404() -> Logframe:
    logframe = programme_logframe()
    if logframe is None:
        raise Http404
    return logframe


def period_or_404(logframe: Logframe, number: object) -> Period:
    try:
        return logframe.periods.get(number=int(str(number)))
    except (ValueError, Period.DoesNotExist) as error:
        raise Http404 from error


@require(permissions.reads_results)
def dashboard(request):
    """Each indicator with its baseline, target and value to date, a progress bar, the trend over the
    periods and the splits; the donor sees small cells hidden."""
    logframe = logframe_or_404()
    chosen = request.GET.get("period")
    period = period_or_404(logframe, chosen) if chosen else current_period(logframe)
    if period is None:
        raise Http404
    donor = permissions.is_donor(request.user)
    context = {
        "logframe": logframe,
        "periods": list(logframe.periods.order_by("number")),
        "donor": donor,
        "logframe_export": exports.get("results-logframe") is not None,
        "chart": {"width": display.CHART_WIDTH, "height": display.CHART_HEIGHT, "base": display.CHART_BASE},
        # The same for every reader of a kind (donor or staff) in a language and on a day, until the
        # data changes (core.freshness): the live figures of a period are the page's whole cost.
        **freshness.cached(
            "results.dashboard",
            (logframe.pk, period.pk, donor, get_language(), timezone.localdate()),
            lambda: display.dashboard(logframe, period, donor=donor),
        ),
    }
    return render(request, "results/dashboard.html", context)


@require(permissions.reads_results)
def logframe(request):
    """The results chain as a tree, each result with its indicators, baselines and targets."""
    logframe = logframe_or_404()
    nodes = list(logframe.nodes.order_by("position", "code"))
    indicators = list(indicators_of(logframe).prefetch_related("targets__period"))
    by_node: dict[int, list] = {}
    for indicator in indicators:
        by_node.setdefault(indicator.node_id, []).append(indicator)
    children: dict[int | None, list] = {}
    for node in nodes:
        node.indicator_list = by_node.get(node.pk, [])  # type: ignore[attr-defined]
        children.setdefault(node.parent_id, []).append(node)

    def tree(parent_id: int | None, depth: int = 0) -> list[dict]:
        return [
            {"node": node, "depth": depth, "children": tree(node.pk, depth + 1)} for node in children.get(parent_id, [])
        ]

    context = {
        "logframe": logframe,
        "tree": tree(None),
        "periods": list(logframe.periods.order_by("number")),
        "levels": Level,
        "can_manage": permissions.manages_results(request.user),
    }
    return render(request, "results/logframe.html", context)
