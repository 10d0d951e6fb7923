"""The CSO profile page: its sections registry and the capacity chart.

Higher apps (trainings, grants, legal aid) add their sections from AppConfig.ready() with
`register(...)`, so this app shows what they own without importing them.
"""

from collections.abc import Callable
from dataclasses import dataclass

from organizations.selectors import dimension_averages


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    template: str
    visible: Callable
    context: Callable
    order: int


_sections: dict[str, Section] = {}


def register(*, key: str, title, template: str, visible: Callable, context: Callable, order: int = 50) -> None:
    _sections[key] = Section(key, title, template, visible, context, order)


def sections_for(request, organization) -> list[dict]:
    return [
        {"key": s.key, "title": s.title, "template": s.template, "context": s.context(request, organization)}
        for s in sorted(_sections.values(), key=lambda s: (s.order, s.key))
        if s.visible(request.user, organization)
    ]


# --- Capacity chart (server-rendered SVG: no JavaScript, no chart library) -------------------------

BAR_COLOURS = ["#9aa5b1", "#3b8ea5", "#12586b", "#0b3a47", "#f0ad00"]
CHART_WIDTH = 640
ROW_HEIGHT = 34


def assessment_chart(assessments) -> dict | None:
    """Bars per dimension for each assessment (1-4 scale), and the change since the baseline."""
    if not assessments:
        return None
    dimensions = []
    seen = set()
    for assessment in assessments:
        for score in assessment.scores.all():
            dimension = score.indicator.dimension
            if dimension.code not in seen:
                seen.add(dimension.code)
                dimensions.append(dimension)
    dimensions.sort(key=lambda d: (d.order, d.pk))
    averages = [dimension_averages(a) for a in assessments]
    baseline = next((avg for a, avg in zip(assessments, averages, strict=True) if a.kind == "baseline"), None)
    latest = averages[-1]
    bar_height = max(6, (ROW_HEIGHT - 8) // max(1, len(assessments)))
    rows = []
    for dimension in dimensions:
        bars = []
        for index, (assessment, avg) in enumerate(zip(assessments, averages, strict=True)):
            value = avg.get(dimension.code)
            bars.append(
                {
                    "value": value,
                    "width": int((value or 0) / 4 * CHART_WIDTH),
                    "y": index * bar_height,
                    "colour": BAR_COLOURS[index % len(BAR_COLOURS)],
                    "label": f"{assessment.get_kind_display()} {assessment.assessed_on:%Y-%m-%d}",
                }
            )
        change = None
        if baseline is not None and len(assessments) > 1 and dimension.code in baseline and dimension.code in latest:
            change = round(latest[dimension.code] - baseline[dimension.code], 2)
        rows.append({"dimension": dimension, "bars": bars, "change": change, "height": bar_height * len(assessments)})
    legend = [
        {"colour": BAR_COLOURS[i % len(BAR_COLOURS)], "label": f"{a.get_kind_display()} {a.assessed_on:%Y-%m-%d}"}
        for i, a in enumerate(assessments)
    ]
    return {"rows": rows, "legend": legend, "width": CHART_WIDTH, "bar_height": bar_height}


def group_scores_by_dimension(form, assessment) -> list[dict]:
    groups: dict[int, dict] = {}
    for score in assessment.scores.all():
        dimension = score.indicator.dimension
        group = groups.setdefault(dimension.pk, {"dimension": dimension, "items": []})
        group["items"].append(
            {
                "indicator": score.indicator,
                "score_field": form[f"score_{score.indicator_id}"],
                "note_field": form[f"note_{score.indicator_id}"],
                "score": score.score,
                "note": score.note,
            }
        )
    return sorted(groups.values(), key=lambda g: (g["dimension"].order, g["dimension"].pk))
