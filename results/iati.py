"""The programme as an IATI 2.03 activity file, for the EU's transparency reporting.

`activity_file(logframe, donor=...)` writes one `iati-activity` for the programme: who reports and
who takes part, status and dates, country and sector, the budget spread over the reporting periods,
the grants committed and paid per period and currency (from the measures `grants.amount_committed`
and `grants.amount_paid`), and the results chain with its indicators, targets and actual values per
period. The actual values are those of the progress reports: a period whose report is approved or
sent gives its frozen snapshot, a period still open its live indicator table (results.selectors), so
the file, the PDF and the dashboard cannot disagree. For the donor, small counts of persons are left
out (results.suppression): a hidden cell is never written.

The schema is vendored in results/iati_schema (see SOURCE.md); `validation_errors(content)` checks a
file against it without going online.

Codelists used (IATI 2.03):
- OrganisationType 40 (Multilateral) for the EU: the OECD DAC files the EU institutions under the
  multilateral channel (CRS channel 42000 "European Union Institutions", in 40000 "Multilateral
  Organisations"), and the European Commission's own IATI files describe it so.
- OrganisationRole 1 funding, 4 implementing; ActivityStatus 1-4; ActivityDateType 1-4;
  BudgetType 1 original, BudgetStatus 2 committed; TransactionType 2 outgoing commitment, 3
  disbursement; ResultType 1 output, 2 outcome, 3 impact; IndicatorMeasure 1 unit, 2 percentage;
  Sector (DAC 5, vocabulary 1) 15150 democratic participation and civil society.
- Language: IATI's codelist is ISO 639-1, which has Kurdish (`ku`) but no code for Central Kurdish
  alone, so the Sorani (`ckb`) narratives are marked `ku`.
"""

import datetime as dt
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path
from typing import Any

from django.db.models import Model
from django.utils import timezone
from lxml import etree

from results.models import Direction, Indicator, Level, Logframe, Node, Period, ProgressReport, ReportStatus, Unit
from results.selectors import (
    TableContext,
    indicator_table,
    indicators_of,
    number,
    people_measures,
    reported_periods,
)
from results.suppression import suppress_figures

SCHEMA_DIR = Path(__file__).resolve().parent / "iati_schema"
VERSION = "2.03"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# The programme's languages (modeltranslation suffixes) and the code IATI knows each by.
LANGUAGES = (("en", "en"), ("ar", "ar"), ("ckb", "ku"))

EU_ORGANISATION_TYPE = "40"  # Multilateral (see the module's docstring)
ROLE_FUNDING, ROLE_IMPLEMENTING = "1", "4"
COUNTRY = "IQ"
SECTOR = "15150"  # DAC 5: Democratic participation and civil society
SECTOR_VOCABULARY = "1"

STATUS_PIPELINE, STATUS_IMPLEMENTATION, STATUS_FINALISATION, STATUS_CLOSED = "1", "2", "3", "4"
DATE_PLANNED_START, DATE_ACTUAL_START, DATE_PLANNED_END, DATE_ACTUAL_END = "1", "2", "3", "4"
BUDGET_ORIGINAL, BUDGET_COMMITTED = "1", "2"
COMMITMENT, DISBURSEMENT = "2", "3"
TRANSACTION_MEASURES = ((COMMITMENT, "grants.amount_committed"), (DISBURSEMENT, "grants.amount_paid"))
RESULT_TYPE = {Level.OUTPUT: "1", Level.OUTCOME: "2", Level.IMPACT: "3"}  # activities have no result
MEASURE_UNIT, MEASURE_PERCENTAGE = "1", "2"

CENT = Decimal("0.01")


# --- Writing ---------------------------------------------------------------------------------------


def amount(value: Decimal) -> str:
    return format(value.quantize(CENT, rounding=ROUND_HALF_UP), "f")


def _sub(parent: etree._Element, tag: str, **attributes: str) -> etree._Element:
    return etree.SubElement(parent, tag, {key.replace("_", "-"): value for key, value in attributes.items()})


def _narratives(parent: etree._Element, obj: Model, field: str, fallback: str = "") -> None:
    """One narrative per language the field is written in (English unmarked, the activity's
    default); the untranslated value, or `fallback`, when none is."""
    written = 0
    for suffix, code in LANGUAGES:
        text = (getattr(obj, f"{field}_{suffix}", None) or "").strip()
        if text:
            narrative = _sub(parent, "narrative")
            if code != "en":
                narrative.set(XML_LANG, code)
            narrative.text = text
            written += 1
    if not written:
        _sub(parent, "narrative").text = (getattr(obj, field, "") or "").strip() or fallback


def _text(parent: etree._Element, tag: str, obj: Model, field: str, fallback: str = "") -> etree._Element:
    element = _sub(parent, tag)
    _narratives(element, obj, field, fallback)
    return element


# --- The activity ----------------------------------------------------------------------------------


def activity_status(logframe: Logframe, periods: list[Period], today: dt.date) -> str:
    """2 while it runs; 3 after the end date until the final report is sent, then 4."""
    programme = logframe.programme
    if today < programme.start_date:
        return STATUS_PIPELINE
    if today <= programme.end_date:
        return STATUS_IMPLEMENTATION
    final = periods[-1] if periods else None
    sent = final is not None and ProgressReport.objects.filter(period=final, status=ReportStatus.SENT).exists()
    return STATUS_CLOSED if sent else STATUS_FINALISATION


def _dates(activity: etree._Element, logframe: Logframe, today: dt.date) -> None:
    start, end = logframe.programme.start_date, logframe.programme.end_date
    _sub(activity, "activity-date", type=DATE_PLANNED_START, iso_date=start.isoformat())
    if start <= today:
        _sub(activity, "activity-date", type=DATE_ACTUAL_START, iso_date=start.isoformat())
    _sub(activity, "activity-date", type=DATE_PLANNED_END, iso_date=end.isoformat())
    if end < today:
        _sub(activity, "activity-date", type=DATE_ACTUAL_END, iso_date=end.isoformat())


def _reporting_org(activity: etree._Element, logframe: Logframe) -> None:
    programme = logframe.programme
    reporting = _sub(activity, "reporting-org", ref=logframe.reporting_org_ref, type=logframe.reporting_org_type)
    _narratives(reporting, programme, "implementing_partner")


def _participants(activity: etree._Element, logframe: Logframe) -> None:
    programme = logframe.programme
    funder = _sub(activity, "participating-org", ref=logframe.funder_ref, type=EU_ORGANISATION_TYPE, role=ROLE_FUNDING)
    _narratives(funder, programme, "donor")
    partner = _sub(
        activity,
        "participating-org",
        ref=logframe.reporting_org_ref,
        type=logframe.reporting_org_type,
        role=ROLE_IMPLEMENTING,
    )
    _narratives(partner, programme, "implementing_partner")


def _year_after(day: dt.date) -> dt.date:
    """The last day of the year that begins on `day` (28 February for a start on 29 February)."""
    try:
        return day.replace(year=day.year + 1) - dt.timedelta(days=1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def budget_periods(periods: Iterable[Period]) -> list[tuple[dt.date, dt.date]]:
    """The windows of the budgets: one per reporting period, a period longer than a year (a final
    period with a stub folded in, periods of more than twelve months) cut into years, since IATI
    allows a budget period of at most a year."""
    windows = []
    for period in periods:
        start = period.start
        while start <= period.end:
            end = min(period.end, _year_after(start))
            windows.append((start, end))
            start = end + dt.timedelta(days=1)
    return windows


def budget_shares(total: Decimal, windows: list[tuple[dt.date, dt.date]]) -> list[Decimal]:
    """The total spread over the windows in proportion to their days, to the cent, the rounding
    remainder in the last."""
    days = [(end - start).days + 1 for start, end in windows]
    all_days = sum(days)
    if not all_days:
        return []
    shares = [(total * n / all_days).quantize(CENT, rounding=ROUND_HALF_UP) for n in days[:-1]]
    return [*shares, total - sum(shares, Decimal(0))]


def _budgets(activity: etree._Element, logframe: Logframe, periods: list[Period]) -> None:
    if logframe.budget is None:
        return
    windows = budget_periods(periods)
    for (start, end), share in zip(windows, budget_shares(logframe.budget, windows), strict=True):
        budget = _sub(activity, "budget", type=BUDGET_ORIGINAL, status=BUDGET_COMMITTED)
        _sub(budget, "period-start", iso_date=start.isoformat())
        _sub(budget, "period-end", iso_date=end.isoformat())
        _sub(budget, "value", currency=logframe.currency, value_date=start.isoformat()).text = amount(share)


def transactions(ctx: TableContext, today: dt.date) -> list[tuple[str, Period, str, Decimal]]:
    """(transaction type, period, currency, value) for each period begun and each currency the
    grants measures give a value for (zero left out)."""
    found = []
    for period in ctx.periods:
        if period.start > today:
            continue
        for kind, code in TRANSACTION_MEASURES:
            figures = ctx.calculator.figures(code, period.start, period.end, {}, ("currency",))
            if figures is None:  # the grants app has not registered its measures
                continue
            for currency, value in sorted(figures.by.get("currency", {}).items()):
                if value:
                    found.append((kind, period, currency, value))
    return found


TRANSACTION_TEXT = {
    COMMITMENT: "Grants to civil society organisations committed in reporting period {number}",
    DISBURSEMENT: "Grants to civil society organisations paid in reporting period {number}",
}


def _transactions(activity: etree._Element, ctx: TableContext, today: dt.date) -> None:
    for kind, period, currency, value in transactions(ctx, today):
        day = min(period.end, today).isoformat()
        transaction = _sub(activity, "transaction")
        _sub(transaction, "transaction-type", code=kind)
        _sub(transaction, "transaction-date", iso_date=day)
        _sub(transaction, "value", currency=currency, value_date=day).text = amount(value)
        description = _sub(transaction, "description")
        _sub(description, "narrative").text = TRANSACTION_TEXT[kind].format(number=period.number)


# --- Results ---------------------------------------------------------------------------------------


def period_figures(ctx: TableContext, periods: list[Period], *, donor: bool) -> dict[int, dict[str, dict[str, Any]]]:
    """{period number: {indicator code: row}} for the periods given: the snapshot of an approved or
    sent report, else the live table; suppressed for the donor."""
    reported = reported_periods(ctx.logframe)
    hidden = people_measures() if donor else set()
    found = {}
    for period in periods:
        snapshot = reported.get(period.number)
        figures = snapshot.figures if snapshot is not None else indicator_table(period, ctx)
        if donor:
            figures = suppress_figures(figures, hidden)
        found[period.number] = {row["code"]: row for row in figures.get("indicators", [])}
    return found


def _actual(period_element: etree._Element, value: str, dimension: tuple[str, str] | None = None) -> etree._Element:
    actual = _sub(period_element, "actual", value=value)
    if dimension is not None:
        _sub(actual, "dimension", name=dimension[0], value=dimension[1])
    return actual


def _period(
    indicator_element: etree._Element, period: Period, row: dict[str, Any] | None, target: Decimal | None
) -> None:
    element = _sub(indicator_element, "period")
    _sub(element, "period-start", iso_date=period.start.isoformat())
    _sub(element, "period-end", iso_date=period.end.isoformat())
    target_value = row.get("target") if row is not None else None
    if target_value is None and target is not None:
        target_value = number(target)
    if target_value is not None:
        _sub(element, "target", value=str(target_value))
    if row is None or row.get("value") is None:  # not yet known, or hidden from the donor
        return
    total = _actual(element, str(row["value"]))
    to_date = row.get("to_date")
    if to_date is not None and to_date != row["value"]:
        comment = _sub(total, "comment")
        _sub(comment, "narrative").text = f"Value to date (the basis of the target): {to_date}"
    for dimension, cells in (row.get("by") or {}).items():
        for key, value in cells.items():
            if value is not None:  # a hidden cell is left out, never written as "< 5"
                _actual(element, str(value), (dimension, key))


def _indicator(
    result: etree._Element,
    indicator: Indicator,
    periods: list[Period],
    figures: dict[int, dict[str, dict[str, Any]]],
    ctx: TableContext,
) -> None:
    element = _sub(
        result,
        "indicator",
        measure=MEASURE_PERCENTAGE if indicator.unit == Unit.PERCENTAGE else MEASURE_UNIT,
        ascending="1" if indicator.direction == Direction.INCREASE else "0",
    )
    _text(element, "title", indicator, "name")
    if (indicator.definition or "").strip():
        _text(element, "description", indicator, "definition")
    if indicator.baseline_year is not None:
        baseline = _sub(
            element,
            "baseline",
            year=str(indicator.baseline_year),
            iso_date=dt.date(indicator.baseline_year, 1, 1).isoformat(),
        )
        if indicator.baseline is not None:
            baseline.set("value", str(number(indicator.baseline)))
    for period in periods:
        row = figures[period.number].get(indicator.code)
        _period(element, period, row, ctx.targets.get((indicator.pk, period.pk)))


LEVEL_ORDER = {Level.IMPACT: 0, Level.OUTCOME: 1, Level.OUTPUT: 2}


def _results(activity: etree._Element, ctx: TableContext, today: dt.date, *, donor: bool) -> None:
    begun = [p for p in ctx.periods if p.start <= today]
    figures = period_figures(ctx, begun, donor=donor)
    by_node: dict[int, list[Indicator]] = {}
    for indicator in indicators_of(ctx.logframe):
        by_node.setdefault(indicator.node_id, []).append(indicator)
    nodes: list[Node] = sorted(
        ctx.logframe.nodes.filter(level__in=list(RESULT_TYPE)),
        key=lambda node: (LEVEL_ORDER[Level(node.level)], node.position, node.code),
    )
    for node in nodes:
        indicators = by_node.get(node.pk)
        if not indicators:  # IATI requires an indicator under every result
            continue
        result = _sub(activity, "result", type=RESULT_TYPE[Level(node.level)])
        _text(result, "title", node, "title", fallback=node.code)
        if (node.description or "").strip():
            _text(result, "description", node, "description")
        for indicator in indicators:
            _indicator(result, indicator, begun, figures, ctx)


def activity_file(logframe: Logframe, *, donor: bool, today: dt.date | None = None) -> bytes:
    """The programme as an IATI 2.03 `iati-activities` document (UTF-8 XML)."""
    today = today or timezone.localdate()
    now = timezone.now().replace(microsecond=0).isoformat()
    ctx = TableContext.load(logframe)
    root = etree.Element("iati-activities", {"version": VERSION, "generated-datetime": now})
    activity = _sub(root, "iati-activity", last_updated_datetime=now, default_currency=logframe.currency)
    activity.set(XML_LANG, "en")
    _sub(activity, "iati-identifier").text = logframe.iati_identifier
    _reporting_org(activity, logframe)
    _text(activity, "title", logframe.programme, "name")
    # IATI requires a description: the programme's name stands in when none is written.
    _text(activity, "description", logframe.programme, "description", fallback=logframe.programme.name)
    _participants(activity, logframe)
    _sub(activity, "activity-status", code=activity_status(logframe, ctx.periods, today))
    _dates(activity, logframe, today)
    _sub(activity, "recipient-country", code=COUNTRY, percentage="100")
    _sub(activity, "sector", vocabulary=SECTOR_VOCABULARY, code=SECTOR, percentage="100")
    _budgets(activity, logframe, ctx.periods)
    _transactions(activity, ctx, today)
    _results(activity, ctx, today, donor=donor)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


# --- Checking --------------------------------------------------------------------------------------


@cache
def schema() -> etree.XMLSchema:
    """The vendored IATI 2.03 activity schema; its includes and imports are read from the same folder
    (relative schemaLocation), and the parser may not go online."""
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    document = etree.parse(str(SCHEMA_DIR / "iati-activities-schema.xsd"), parser)
    return etree.XMLSchema(document)


def validation_errors(content: bytes) -> list[str]:
    """The schema's complaints about a file (none when it is valid)."""
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    document = etree.fromstring(content, parser)
    checker = schema()
    if checker.validate(document):
        return []
    return [f"line {error.line}: {error.message}" for error in checker.error_log]
