"""Figures as people read them: the indicator table with names and labels in the reader's language,
small cells hidden for the donor ("< 5"), and the dashboard's trend charts as SVG coordinates (drawn
on the server: no chart library, nothing from a CDN, and mirrored for right-to-left pages)."""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _

from core import measures
from results.models import Indicator, Logframe, Node, Period
from results.selectors import (
    TableContext,
    figures_of,
    indicator_table,
    indicators_of,
    people_measures,
    reported_periods,
)
from results.suppression import suppress_figures

HIDDEN_LABEL = "< 5"


def shown(value: str | None, *, hidden: bool) -> str:
    """A figure for the page: a hidden cell reads "< 5", a missing one a dash."""
    if value is None:
        return HIDDEN_LABEL if hidden else "–"
    return value


def for_reader(figures: dict[str, Any], *, donor: bool) -> dict[str, Any]:
    return suppress_figures(figures, people_measures()) if donor else figures


def _labels(dimension_code: str) -> tuple[str, dict[str, str]]:
    dimension = measures.dimension(dimension_code)
    if dimension is None:
        return dimension_code, {}
    return str(dimension.label), {str(value): str(label) for value, label in dimension.values()}


def splits(by: dict[str, dict[str, str | None]], *, hidden: bool) -> list[dict[str, Any]]:
    """[{label, cells: [(value label, shown figure)]}] in each dimension's own order."""
    found = []
    for code, cells in by.items():
        if not cells:  # nothing counted in the period: no empty "Sex:" line
            continue
        label, value_labels = _labels(code)
        ordered = [key for key in value_labels if key in cells] + sorted(k for k in cells if k not in value_labels)
        found.append(
            {
                "code": code,
                "label": label,
                "cells": [(value_labels.get(key, key), shown(cells[key], hidden=hidden)) for key in ordered],
            }
        )
    return found


def bar_percent(value: str | Decimal | None) -> int:
    """0-100, for a <progress> element."""
    if value is None:
        return 0
    return max(0, min(100, int(Decimal(str(value)))))


def table_rows(figures: dict[str, Any], logframe: Logframe) -> list[dict[str, Any]]:
    """The indicator rows of a (possibly suppressed) table, with the indicators' and results' names."""
    indicators = {i.code: i for i in indicators_of(logframe)}
    rows = []
    for row in figures.get("indicators", []):
        hidden = bool(row.get("suppressed"))
        rows.append(
            {
                **row,
                "indicator": indicators.get(row["code"]),
                "value_shown": shown(row["value"], hidden=hidden),
                "to_date_shown": shown(row["to_date"], hidden=hidden),
                "bar": bar_percent(row["percent_of_target"]),
                "splits": splits(row.get("by", {}), hidden=hidden),
            }
        )
    return rows


def breakdown_rows(table: dict[str, Any], *, hidden_codes: set[str]) -> list[dict[str, Any]]:
    """The beneficiaries or activities tables: one entry per measure, with its splits."""
    rows = []
    for code, data in table.items():
        measure = measures.get(code)
        hidden = code in hidden_codes
        rows.append(
            {
                "code": code,
                "label": str(measure.label) if measure else code,
                "total": shown(data["total"], hidden=hidden),
                "splits": splits(data.get("by", {}), hidden=hidden),
            }
        )
    return rows


def report_context(figures: dict[str, Any], logframe: Logframe, *, donor: bool) -> dict[str, Any]:
    figures = for_reader(figures, donor=donor)
    hidden = people_measures() if donor else set()
    return {
        "figures": figures,
        "rows": table_rows(figures, logframe),
        "beneficiaries": breakdown_rows(figures.get("beneficiaries", {}), hidden_codes=hidden),
        "activities": breakdown_rows(figures.get("activities", {}), hidden_codes=hidden),
    }


# --- the dashboard ---------------------------------------------------------------------------------

CHART_WIDTH, CHART_HEIGHT, CHART_BASE = 320, 120, 100


@dataclass
class Trend:
    """One indicator's values and targets over the periods, as bars of an SVG chart."""

    bars: list[dict[str, Any]] = field(default_factory=list)
    summary: str = ""


def trend(code: str, tables: list[tuple[Period, dict[str, Any]]], *, rtl: bool) -> Trend:
    points = []
    for period, figures in tables:
        row = next((r for r in figures.get("indicators", []) if r["code"] == code), None)
        if row is None:
            continue
        points.append((period, row.get("to_date"), row.get("target"), bool(row.get("suppressed"))))
    peak = max([Decimal(v) for _p, v, t, _h in points for v in (v, t) if v is not None] or [Decimal(1)]) or Decimal(1)
    slot = CHART_WIDTH / max(len(points), 1)
    bars = []
    for index, (period, value, target, hidden) in enumerate(points):
        position = (len(points) - 1 - index) if rtl else index
        x = position * slot
        height = 0 if value is None else float(Decimal(value) / peak) * CHART_BASE
        target_y = None if target is None else CHART_BASE - float(Decimal(target) / peak) * CHART_BASE
        bars.append(
            {
                "x": round(x + slot * 0.2, 1),
                "width": round(slot * 0.6, 1),
                "x2": round(x + slot * 0.8, 1),
                "y": round(CHART_BASE - height, 1),
                "height": round(height, 1),
                "target_y": None if target_y is None else round(target_y, 1),
                "label_x": round(x + slot / 2, 1),
                "label": str(period.number),
                "value": shown(value, hidden=hidden),
                "target": target or "–",
            }
        )
    summary = "; ".join(
        _("period %(number)s: %(value)s (target %(target)s)")
        % {"number": bar["label"], "value": bar["value"], "target": bar["target"]}
        for bar in sorted(bars, key=lambda b: int(str(b["label"])))
    )
    return Trend(bars=bars, summary=summary)


def period_tables(logframe: Logframe, upto: Period, ctx: TableContext) -> list[tuple[Period, dict[str, Any]]]:
    """The figures of each period begun up to `upto`: what was reported when its report was approved
    or sent, else computed now."""
    reported = reported_periods(logframe)
    today = timezone.localdate()
    tables = []
    for period in ctx.periods:
        if period.number > upto.number or period.start > today:
            continue
        snapshot = reported.get(period.number)
        tables.append((period, snapshot.figures if snapshot else indicator_table(period, ctx)))
    return tables


def dashboard(logframe: Logframe, period: Period, *, donor: bool) -> dict[str, Any]:
    ctx = TableContext.load(logframe)
    tables = [(p, for_reader(f, donor=donor)) for p, f in period_tables(logframe, period, ctx)]
    current = next((f for p, f in tables if p.pk == period.pk), None)
    if current is None:
        current = for_reader(indicator_table(period, ctx), donor=donor)
    rows = table_rows(current, logframe)
    rtl = get_language_bidi()
    nodes = {n.code: n for n in Node.objects.filter(logframe=logframe)}
    for row in rows:
        row["trend"] = trend(row["code"], tables, rtl=rtl)
        row["node_obj"] = nodes.get(row["node"])
        indicator: Indicator | None = row["indicator"]
        final = indicator.final_target if indicator else None
        to_date = row["to_date"]
        row["final_bar"] = (
            bar_percent(str(Decimal(to_date) / final * 100)) if final and to_date is not None and final > 0 else 0
        )
    return {"rows": rows, "period": period, "periods": [p for p, _f in tables]}


def report_figures(report, *, donor: bool) -> dict[str, Any]:
    return report_context(figures_of(report), report.period.logframe, donor=donor)
