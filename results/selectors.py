"""The figures of the results framework, computed from the records.

`indicator_table(period)` is the table of a progress report: for each indicator of the logframe its
baseline, the target of the period, the value of the period, the value to date, the share of the
target reached and the value split by each disaggregation the indicator asks for, with the query that
produced each number. It is what a snapshot freezes (results.services.reports) and what the PDF,
the XLSX, the IATI file and the dashboard show, so they cannot disagree.

Queries are bounded: the targets and the values entered by hand of the whole logframe are read once;
each indicator bound to a measure asks it for at most two windows (the period and the programme to
date), and a `Calculator` answers the same question asked twice (two indicators on one measure, the
dashboard's trend over periods) from its cache.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from core import measures
from results.models import (
    Cumulation,
    Direction,
    Indicator,
    Logframe,
    ManualValue,
    Period,
    ProgressReport,
    ReportStatus,
    Snapshot,
    Target,
    ValueStatus,
)

FIGURES_VERSION = 1

# The activities table of a report: per key activity, the measure counted per centre.
ACTIVITY_MEASURES = (
    "trainings.events_held",
    "trainings.people_trained",
    "grants.grants_awarded",
    "legal_aid.cases_opened",
)
# Final beneficiaries: the measures counting people, split by sex and age.
BENEFICIARY_MEASURES = ("trainings.people_trained", "grants.people_reached")


def number(value: Decimal | None) -> str | None:
    """Decimals as canonical strings for JSON (no float rounding; 12.50 and 12.5 alike)."""
    if value is None:
        return None
    normal = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP).normalize()
    return format(normal, "f")


def as_decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def percent_of_target(indicator: Indicator, to_date: Decimal | None, target: Decimal | None) -> Decimal | None:
    """How far the value to date has come towards the period's target, in per cent. For an indicator
    where lower is better, the distance covered from the baseline towards the target."""
    if to_date is None or target is None:
        return None
    if indicator.direction == Direction.DECREASE and indicator.baseline is not None:
        span = indicator.baseline - target
        return None if span == 0 else (indicator.baseline - to_date) / span * 100
    return None if target == 0 else to_date / target * 100


@dataclass
class Calculator:
    """Computes measures for one logframe, each question once."""

    logframe: Logframe
    cache: dict[tuple, measures.Figures] = field(default_factory=dict)

    def figures(
        self, code: str, start: dt.date | None, end: dt.date, filters: dict, dims: tuple[str, ...]
    ) -> measures.Figures | None:
        measure = measures.get(code)
        if measure is None:
            return None
        query = measures.Query(end=end, start=start, filters={k: str(v) for k, v in (filters or {}).items()})
        key = (code, query.key(), dims)
        if key not in self.cache:
            self.cache[key] = measures.compute(measure, query, dims)
        return self.cache[key]


def _manual_values(logframe: Logframe) -> dict[tuple[int, int], ManualValue]:
    return {
        (v.indicator_id, v.period_id): v
        for v in ManualValue.objects.filter(indicator__logframe=logframe).select_related("period")
    }


def _targets(logframe: Logframe) -> dict[tuple[int, int], Decimal]:
    return {(t.indicator_id, t.period_id): t.value for t in Target.objects.filter(indicator__logframe=logframe)}


def indicators_of(logframe: Logframe) -> QuerySet[Indicator]:
    return logframe.indicators.select_related("node").order_by("node__position", "node__code", "position", "code")


@dataclass
class TableContext:
    """What one table needs, read once: the periods, the targets and the approved manual values."""

    logframe: Logframe
    periods: list[Period]
    targets: dict[tuple[int, int], Decimal]
    manual: dict[tuple[int, int], ManualValue]
    calculator: Calculator

    @classmethod
    def load(cls, logframe: Logframe, calculator: Calculator | None = None) -> "TableContext":
        return cls(
            logframe=logframe,
            periods=list(logframe.periods.order_by("number")),
            targets=_targets(logframe),
            manual=_manual_values(logframe),
            calculator=calculator or Calculator(logframe),
        )

    @property
    def programme_start(self) -> dt.date:
        return self.periods[0].start if self.periods else self.logframe.programme.start_date


def _manual_row(ctx: TableContext, indicator: Indicator, period: Period) -> dict[str, Any]:
    approved = {
        v.period.number: v.value
        for (indicator_id, _period_id), v in ctx.manual.items()
        if indicator_id == indicator.pk and v.status == ValueStatus.APPROVED and v.period.number <= period.number
    }
    entry = ctx.manual.get((indicator.pk, period.pk))
    value = entry.value if entry is not None and entry.status == ValueStatus.APPROVED else None
    if indicator.cumulation == Cumulation.SUM:
        to_date = sum(approved.values(), Decimal(0)) if approved else None
    elif indicator.cumulation == Cumulation.LATEST:
        to_date = approved[max(approved)] if approved else None
    else:
        to_date = value
    by = entry.by if entry is not None and entry.status == ValueStatus.APPROVED else {}
    return {
        "source": "manual",
        "value": value,
        "to_date": to_date,
        "by": {d: {k: Decimal(str(v)) for k, v in by.get(d, {}).items()} for d in indicator.disaggregations},
        "query": {"manual_value": entry.pk if entry else None, "status": entry.status if entry else None},
    }


def _computed_row(ctx: TableContext, indicator: Indicator, period: Period) -> dict[str, Any]:
    dims = tuple(indicator.disaggregations)
    start = ctx.programme_start if indicator.cumulation == Cumulation.TO_DATE else period.start
    calc = ctx.calculator
    figures = calc.figures(indicator.measure, start, period.end, indicator.filters, dims)
    if figures is None:  # the measure is no longer registered: shown as missing, never as zero
        return {"source": "measure", "value": None, "to_date": None, "by": {}, "query": {"missing": True}}
    if indicator.cumulation == Cumulation.SUM:
        to_date_figures = calc.figures(indicator.measure, ctx.programme_start, period.end, indicator.filters, ())
        to_date = to_date_figures.total if to_date_figures else None
    else:
        to_date = figures.total
    return {
        "source": "measure",
        "value": figures.total,
        "to_date": to_date,
        "by": figures.by,
        "query": {
            "measure": indicator.measure,
            "start": start.isoformat(),
            "end": period.end.isoformat(),
            "to_date_start": ctx.programme_start.isoformat(),
            "filters": indicator.filters,
            "cumulation": indicator.cumulation,
        },
    }


def indicator_row(ctx: TableContext, indicator: Indicator, period: Period) -> dict[str, Any]:
    row = _computed_row(ctx, indicator, period) if indicator.measure else _manual_row(ctx, indicator, period)
    target = ctx.targets.get((indicator.pk, period.pk))
    percent = percent_of_target(indicator, row["to_date"], target)
    return {
        "code": indicator.code,
        "node": indicator.node.code,
        "level": indicator.node.level,
        "unit": indicator.unit,
        "direction": indicator.direction,
        "cumulation": indicator.cumulation,
        "baseline": number(indicator.baseline),
        "baseline_year": indicator.baseline_year,
        "target": number(target),
        "final_target": number(indicator.final_target),
        "value": number(row["value"]),
        "to_date": number(row["to_date"]),
        "percent_of_target": number(percent),
        "by": {d: {k: number(v) for k, v in values.items()} for d, values in row["by"].items()},
        "source": row["source"],
        "query": row["query"],
    }


def _breakdowns(ctx: TableContext, period: Period, codes: tuple[str, ...], dims: tuple[str, ...]) -> dict:
    found = {}
    for code in codes:
        figures = ctx.calculator.figures(code, period.start, period.end, {}, dims)
        if figures is not None:
            found[code] = {
                "total": number(figures.total),
                "by": {d: {k: number(v) for k, v in values.items()} for d, values in figures.by.items()},
            }
    return found


def indicator_table(period: Period, ctx: TableContext | None = None) -> dict[str, Any]:
    """The figures of a period's report, live, as JSON-ready data (what a snapshot stores)."""
    ctx = ctx or TableContext.load(period.logframe)
    return {
        "version": FIGURES_VERSION,
        "period": {
            "number": period.number,
            "kind": period.kind,
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
        },
        "computed_at": timezone.now().isoformat(timespec="seconds"),
        "indicators": [indicator_row(ctx, indicator, period) for indicator in indicators_of(period.logframe)],
        "beneficiaries": _breakdowns(ctx, period, BENEFICIARY_MEASURES, ("sex", "age_band", "beneficiary_age")),
        "activities": _breakdowns(ctx, period, ACTIVITY_MEASURES, ("centre",)),
    }


def people_measures() -> set[str]:
    """The codes of the measures that count persons (their small cells are hidden from the donor)."""
    return {m.code for m in measures.all_measures() if m.counts_people}


def latest_snapshot(report: ProgressReport) -> Snapshot | None:
    return report.snapshots.order_by("-created_at", "-pk").first()


def figures_of(report: ProgressReport, ctx: TableContext | None = None) -> dict[str, Any]:
    """A frozen report's figures are its snapshot's; a draft's are computed now."""
    if report.frozen:
        snapshot = latest_snapshot(report)
        if snapshot is not None:
            return snapshot.figures
    return indicator_table(report.period, ctx)


def reported_periods(logframe: Logframe) -> dict[int, Snapshot]:
    """{period number: the snapshot of its approved or sent report}."""
    found: dict[int, Snapshot] = {}
    snapshots = Snapshot.objects.filter(
        report__period__logframe=logframe, report__status__in=[ReportStatus.APPROVED, ReportStatus.SENT]
    ).select_related("report__period")
    for snapshot in snapshots.order_by("created_at", "pk"):
        found[snapshot.report.period.number] = snapshot  # the latest one wins
    return found


def current_period(logframe: Logframe, today: dt.date | None = None) -> Period | None:
    """The period today falls in; before the start the first, after the end the last."""
    today = today or timezone.localdate()
    periods = list(logframe.periods.order_by("number"))
    if not periods:
        return None
    return next(
        (p for p in periods if p.start <= today <= p.end), periods[0] if today < periods[0].start else periods[-1]
    )


def programme_logframe() -> Logframe | None:
    """The logframe of the current programme (the latest one started)."""
    return Logframe.objects.select_related("programme").order_by("-programme__start_date").first()
