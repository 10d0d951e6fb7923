"""The IATI activity file: valid against the vendored 2.03 schema, its actual values those of the
reports, its transactions from the grants measures, small counts hidden from the donor, and its
budgets spread over windows of at most a year."""

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from lxml import etree

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from core import measures
from results.iati import activity_file, validation_errors
from results.models import Cumulation, Unit
from results.selectors import indicator_table
from results.services import reports
from results.services.values import value_review, value_save
from results.tests.factories import Record, indicator, logframe_for, results_chain

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 6, 15)  # inside period 2 (2025)


@pytest.fixture
def setup(fake_measure):
    logframe = logframe_for()
    chain = results_chain(logframe)
    people = indicator(
        logframe,
        chain["R1.1"],
        "1.1.a",
        measure="test.people",
        disaggregations=["sex"],
        cumulation=Cumulation.SUM,
        baseline=Decimal(0),
        baseline_year=2023,
    )
    share = indicator(logframe, chain["SO1"], "SO1.a", unit=Unit.PERCENTAGE, cumulation=Cumulation.LATEST)
    fake_measure.records = [
        Record(dt.date(2024, 3, 1), 3, "female"),
        Record(dt.date(2024, 5, 1), 10, "male"),
        Record(dt.date(2025, 2, 1), 8, "female"),
        Record(dt.date(2025, 3, 1), 6, "male"),
    ]
    p1, p2 = logframe.periods.get(number=1), logframe.periods.get(number=2)
    for period, value in ((p1, 20), (p2, 40)):
        people.targets.create(period=period, value=value)
    share.targets.create(period=p1, value=50)
    admin, second = UserFactory(roles=[Role.PROGRAMME_ADMIN]), UserFactory(roles=[Role.PROGRAMME_ADMIN])
    entered = value_save(
        actor=admin,
        indicator=share,
        period=p1,
        data={"value": Decimal("42.5"), "evidence_link": "https://example.org/survey"},
        submit=True,
    )
    value_review(actor=second, value=entered, approve=True)
    return {
        "logframe": logframe,
        "people": people,
        "share": share,
        "p1": p1,
        "p2": p2,
        "admin": admin,
        "second": second,
        "measure": fake_measure,
    }


def parse(content: bytes) -> etree._Element:
    return etree.fromstring(content)


def indicator_element(root: etree._Element, title: str) -> etree._Element:
    return next(i for i in root.iter("indicator") if i.findtext("title/narrative") == title)


def periods_of(element: etree._Element) -> dict[str, etree._Element]:
    return {p.find("period-start").get("iso-date"): p for p in element.findall("period")}


def total_actual(period: etree._Element) -> str | None:
    totals = [a.get("value") for a in period.findall("actual") if a.find("dimension") is None]
    assert len(totals) <= 1
    return totals[0] if totals else None


def dimension_actuals(period: etree._Element) -> dict[tuple[str, str], str]:
    return {
        (a.find("dimension").get("name"), a.find("dimension").get("value")): a.get("value")
        for a in period.findall("actual")
        if a.find("dimension") is not None
    }


def row(table, code):
    return next(r for r in table["indicators"] if r["code"] == code)


def _written(report):
    for name in ("summary", "activities", "difficulties", "workplan"):
        setattr(report, name, f"The {name} of the period.")
    report.save()
    return report


@pytest.mark.parametrize("donor", [False, True])
def test_the_file_follows_the_iati_schema(setup, donor):
    content = activity_file(setup["logframe"], donor=donor, today=TODAY)
    assert validation_errors(content) == []
    root = parse(content)
    share = periods_of(indicator_element(root, "Indicator SO1.a"))
    assert total_actual(share["2024-01-01"]) == "42.5"
    assert share["2024-01-01"].find("target").get("value") == "50"
    assert indicator_element(root, "Indicator SO1.a").get("measure") == "2"
    assert {r.get("type") for r in root.iter("result")} == {"1", "2"}  # output, outcome (OO has no indicator)


def test_the_schema_check_catches_an_invalid_file(setup):
    root = parse(activity_file(setup["logframe"], donor=False, today=TODAY))
    activity = root.find("iati-activity")
    activity.remove(activity.find("iati-identifier"))
    assert validation_errors(etree.tostring(root)) != []


def test_actual_values_are_the_live_table_and_an_approved_report_keeps_its_snapshot(setup):
    logframe, p1, p2, admin, second = (setup[k] for k in ("logframe", "p1", "p2", "admin", "second"))
    people = periods_of(indicator_element(parse(activity_file(logframe, donor=False, today=TODAY)), "Indicator 1.1.a"))
    assert set(people) == {"2024-01-01", "2025-01-01"}  # only the periods begun
    for period in (p1, p2):
        assert total_actual(people[period.start.isoformat()]) == row(indicator_table(period), "1.1.a")["value"]
    assert total_actual(people["2024-01-01"]) == "13" and total_actual(people["2025-01-01"]) == "14"

    report = _written(reports.report_for(actor=admin, period=p1))
    reports.report_submit(actor=admin, report=report)
    reports.report_review(actor=second, report=report, approve=True)
    setup["measure"].records.append(Record(dt.date(2024, 6, 1), 100, "male"))
    setup["measure"].records.append(Record(dt.date(2025, 4, 1), 1000, "female"))
    assert row(indicator_table(p1), "1.1.a")["value"] == "113"  # the records did change

    people = periods_of(indicator_element(parse(activity_file(logframe, donor=False, today=TODAY)), "Indicator 1.1.a"))
    assert total_actual(people["2024-01-01"]) == "13"  # the approved report's snapshot
    assert dimension_actuals(people["2024-01-01"]) == {("sex", "female"): "3", ("sex", "male"): "10"}
    assert total_actual(people["2025-01-01"]) == row(indicator_table(p2), "1.1.a")["value"] == "1014"  # still live


@pytest.fixture
def grants_measures():
    """The grants app's money measures replaced by fixed figures per period and currency."""
    fixed = {
        "grants.amount_committed": {
            dt.date(2024, 1, 1): {"EUR": Decimal("1000"), "USD": Decimal("250.5")},
            dt.date(2025, 1, 1): {"EUR": Decimal("0"), "USD": Decimal("99.99")},
        },
        "grants.amount_paid": {
            dt.date(2024, 1, 1): {"EUR": Decimal("400")},
            dt.date(2025, 1, 1): {"EUR": Decimal("600"), "USD": Decimal("50")},
        },
    }

    def fake(code):
        def compute(query: measures.Query, dims: tuple[str, ...]) -> measures.Figures:
            by_currency = fixed[code].get(query.start, {})
            figures = measures.Figures(total=sum(by_currency.values(), Decimal(0)))
            if "currency" in dims:
                figures.by["currency"] = dict(by_currency)
            return figures

        return compute

    originals = {code: measures._measures.get(code) for code in fixed}
    assert all(originals.values()), "the grants app registers its measures"
    try:
        for code, original in originals.items():
            measures._measures[code] = dataclasses.replace(original, compute=fake(code))
        yield fixed
    finally:
        for code, original in originals.items():
            measures._measures[code] = original


def test_transactions_are_the_commitments_and_payments_per_period_and_currency(setup, grants_measures):
    content = activity_file(setup["logframe"], donor=True, today=TODAY)
    assert validation_errors(content) == []
    found = sorted(
        (
            t.find("transaction-type").get("code"),
            t.find("transaction-date").get("iso-date"),
            t.find("value").get("currency"),
            t.find("value").text,
        )
        for t in parse(content).iter("transaction")
    )
    assert found == [
        ("2", "2024-12-31", "EUR", "1000.00"),
        ("2", "2024-12-31", "USD", "250.50"),
        ("2", "2025-06-15", "USD", "99.99"),  # the period still open: dated today; zero EUR left out
        ("3", "2024-12-31", "EUR", "400.00"),
        ("3", "2025-06-15", "EUR", "600.00"),
        ("3", "2025-06-15", "USD", "50.00"),
    ]


def test_the_donor_file_leaves_out_a_small_cell_and_its_complement(setup):
    staff = periods_of(
        indicator_element(parse(activity_file(setup["logframe"], donor=False, today=TODAY)), "Indicator 1.1.a")
    )
    donor_file = activity_file(setup["logframe"], donor=True, today=TODAY)
    donor = periods_of(indicator_element(parse(donor_file), "Indicator 1.1.a"))
    assert dimension_actuals(staff["2024-01-01"]) == {("sex", "female"): "3", ("sex", "male"): "10"}
    assert dimension_actuals(donor["2024-01-01"]) == {}  # 3 hidden, and 10 with it (13 - 10 would give it away)
    assert total_actual(donor["2024-01-01"]) == "13"  # the total is not small
    assert dimension_actuals(donor["2025-01-01"]) == {("sex", "female"): "8", ("sex", "male"): "6"}
    assert b"< 5" not in donor_file


def test_the_budgets_sum_to_the_logframe_budget_in_windows_of_at_most_a_year(setup):
    logframe = logframe_for(months=18, budget=Decimal("1000000.01"))  # periods of 18 months
    assert logframe.periods.count() == 3
    content = activity_file(logframe, donor=False, today=TODAY)
    assert validation_errors(content) == []
    budgets = list(parse(content).iter("budget"))
    windows = [
        (
            dt.date.fromisoformat(b.find("period-start").get("iso-date")),
            dt.date.fromisoformat(b.find("period-end").get("iso-date")),
        )
        for b in budgets
    ]
    assert sum(Decimal(b.find("value").text) for b in budgets) == Decimal("1000000.01")
    assert windows[0][0] == dt.date(2024, 1, 1) and windows[-1][1] == dt.date(2027, 6, 30)
    for (_start, end), (following, _end) in zip(windows, windows[1:], strict=False):
        assert following == end + dt.timedelta(days=1)  # no gap, no overlap
    for start, end in windows:
        assert start <= end <= start.replace(year=start.year + 1) - dt.timedelta(days=1)
    assert len(windows) == 5  # each 18-month period cut into a year and a half-year; the last half a year
    assert all(b.find("value").get("currency") == logframe.currency for b in budgets)
