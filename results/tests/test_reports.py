"""The results engine: periods by PRAG's rule, the indicator table from the records, frozen
snapshots, revisions of reported figures, and the report's workflow with four eyes."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, ProgrammingError, connection, transaction
from django.test.utils import CaptureQueriesContext
from pghistory.models import Events

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from centers.models import Center
from results.models import Cumulation, Period, ProgressReport, ReportStatus, Snapshot, Unit
from results.rules.periods import plan
from results.rules.snapshots import content_hash
from results.selectors import figures_of, indicator_table
from results.services import reports
from results.services.periods import periods_generate
from results.services.values import value_review, value_save
from results.tests.factories import Record, indicator, logframe_for, results_chain

pytestmark = pytest.mark.django_db


def test_the_founding_documents_42_months_make_three_yearly_interim_periods_and_a_final_one():
    periods = plan(dt.date(2020, 1, 1), dt.date(2023, 6, 30), 12)
    assert [(p.kind, p.start, p.end, p.due) for p in periods] == [
        ("interim", dt.date(2020, 1, 1), dt.date(2020, 12, 31), dt.date(2021, 3, 1)),  # 60 days after
        ("interim", dt.date(2021, 1, 1), dt.date(2021, 12, 31), dt.date(2022, 3, 1)),
        ("interim", dt.date(2022, 1, 1), dt.date(2022, 12, 31), dt.date(2023, 3, 1)),
        ("final", dt.date(2023, 1, 1), dt.date(2023, 6, 30), dt.date(2023, 9, 30)),  # three months after
    ]


def test_a_stub_of_less_than_a_month_is_folded_into_the_final_period():
    periods = plan(dt.date(2020, 1, 1), dt.date(2021, 1, 10), 12)
    assert [(p.kind, p.end) for p in periods] == [("final", dt.date(2021, 1, 10))]


def test_periods_are_updated_in_place_when_the_period_length_changes():
    logframe = logframe_for()
    first = logframe.periods.get(number=1)
    logframe.period_months = 6
    logframe.save()
    periods = periods_generate(actor=None, logframe=logframe)
    assert len(periods) == 7
    assert periods[0].pk == first.pk and periods[0].end == dt.date(2024, 6, 30)


@pytest.fixture
def setup(fake_measure):
    logframe = logframe_for()
    chain = results_chain(logframe)
    people = indicator(
        logframe,
        chain["R1.1"],
        "1.1.a",
        measure="test.people",
        disaggregations=["sex", "age_band"],
        cumulation=Cumulation.SUM,
    )
    fake_measure.records = [
        Record(dt.date(2024, 3, 1), 7, "female", "15-29"),
        Record(dt.date(2024, 5, 1), 4, "male", "30-44"),
        Record(dt.date(2025, 2, 1), 10, "female", "30-44"),
        Record(dt.date(2023, 12, 31), 100),  # before the programme: never counted
    ]
    period1, period2 = logframe.periods.get(number=1), logframe.periods.get(number=2)
    people.targets.create(period=period1, value=20)
    people.targets.create(period=period2, value=40)
    admin, second = UserFactory(roles=[Role.PROGRAMME_ADMIN]), UserFactory(roles=[Role.PROGRAMME_ADMIN])
    return {"logframe": logframe, "people": people, "p1": period1, "p2": period2, "admin": admin, "second": second}


def row(table, code):
    return next(r for r in table["indicators"] if r["code"] == code)


def test_the_indicator_table_computes_the_period_the_value_to_date_and_the_splits(setup, fake_measure):
    first = row(indicator_table(setup["p1"]), "1.1.a")
    assert (first["value"], first["to_date"], first["target"], first["percent_of_target"]) == ("11", "11", "20", "55")
    assert first["by"] == {"sex": {"female": "7", "male": "4"}, "age_band": {"15-29": "7", "30-44": "4"}}
    second = row(indicator_table(setup["p2"]), "1.1.a")
    assert (second["value"], second["to_date"], second["percent_of_target"]) == ("10", "21", "52.5")
    assert second["query"]["start"] == "2025-01-01" and second["query"]["to_date_start"] == "2024-01-01"


def test_cumulation_latest_and_to_date(setup, fake_measure):
    people = setup["people"]
    people.cumulation = Cumulation.TO_DATE
    people.save()
    assert row(indicator_table(setup["p2"]), "1.1.a")["value"] == "21"
    people.cumulation = Cumulation.LATEST
    people.save()
    latest = row(indicator_table(setup["p2"]), "1.1.a")
    assert (latest["value"], latest["to_date"]) == ("10", "10")


def test_a_manual_indicator_counts_only_approved_values(setup):
    logframe, p1, p2 = setup["logframe"], setup["p1"], setup["p2"]
    manual = indicator(logframe, setup["people"].node, "1.1.b", unit=Unit.NUMBER)
    entered = value_save(
        actor=setup["second"], indicator=manual, period=p1, data={"value": Decimal(3), "evidence_link": "https://x.org"}
    )
    assert row(indicator_table(p1), "1.1.b")["value"] is None
    value_save(
        actor=setup["second"],
        indicator=manual,
        period=p1,
        data={"value": Decimal(3), "evidence_link": "https://x.org"},
        submit=True,
    )
    with pytest.raises(ValidationError):  # four eyes
        value_review(actor=setup["second"], value=entered, approve=True)
    value_review(actor=setup["admin"], value=entered, approve=True)
    value_save(
        actor=setup["second"],
        indicator=manual,
        period=p2,
        data={"value": Decimal(5), "evidence_link": "https://x.org"},
        submit=True,
    )
    value_review(actor=setup["admin"], value=manual.manual_values.get(period=p2), approve=True)
    assert row(indicator_table(p2), "1.1.b")["to_date"] == "8"


def test_a_percentage_above_100_is_refused(setup):
    manual = indicator(setup["logframe"], setup["people"].node, "1.1.c", unit=Unit.PERCENTAGE)
    with pytest.raises(ValidationError) as refused:
        value_save(actor=setup["admin"], indicator=manual, period=setup["p1"], data={"value": Decimal(120)})
    assert "above 100" in str(refused.value)
    assert not manual.manual_values.exists()


def _written(report):
    for name in ("summary", "activities", "difficulties", "workplan"):
        setattr(report, name, f"The {name} of the period.")
    report.save()
    return report


def test_submit_needs_the_required_sections_then_freezes_the_figures(setup, fake_measure):
    report = reports.report_for(actor=setup["admin"], period=setup["p1"])
    with pytest.raises(ValidationError) as refused:
        reports.report_submit(actor=setup["admin"], report=report)
    assert "Summary of the action" in str(refused.value)
    assert ProgressReport.objects.get(pk=report.pk).status == ReportStatus.DRAFT
    _written(report)
    reports.report_submit(actor=setup["admin"], report=report)
    snapshot = Snapshot.objects.get(report=report)
    assert snapshot.content_hash == content_hash(snapshot.figures)
    assert row(snapshot.figures, "1.1.a")["value"] == "11"
    with pytest.raises(ProgrammingError), transaction.atomic():  # the database keeps snapshots as they are
        Snapshot.objects.filter(pk=snapshot.pk).update(content_hash="0" * 64)


def test_four_eyes_return_resubmit_approve_and_send(setup):
    admin, second = setup["admin"], setup["second"]
    report = _written(reports.report_for(actor=admin, period=setup["p1"]))
    reports.report_submit(actor=admin, report=report)
    with pytest.raises(ValidationError):
        reports.report_review(actor=admin, report=report, approve=True)
    with pytest.raises(ValidationError):  # a return needs comments
        reports.report_review(actor=second, report=report, approve=False)
    reports.report_review(actor=second, report=report, approve=False, comment="Add the Basra figures.")
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED and report.return_comment == "Add the Basra figures."
    reports.report_save(actor=admin, report=report, data={"summary": "Revised summary."})
    reports.report_submit(actor=admin, report=report)
    reports.report_review(actor=second, report=report, approve=True)
    reports.report_send(actor=second, report=report)
    report.refresh_from_db()
    assert report.status == ReportStatus.SENT and report.snapshots.count() == 2
    assert Events.objects.filter(pgh_obj_model="results.ProgressReport", pgh_obj_id=str(report.pk)).count() >= 6
    with pytest.raises(ValidationError):
        reports.report_save(actor=admin, report=report, data={"summary": "too late"})


def test_the_database_refuses_the_submitter_as_reviewer(setup):
    report = _written(reports.report_for(actor=setup["admin"], period=setup["p1"]))
    reports.report_submit(actor=setup["admin"], report=report)
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgressReport.objects.filter(pk=report.pk).update(reviewed_by=setup["admin"])


def test_an_approved_report_keeps_its_figures_and_the_next_report_asks_why_they_changed(setup, fake_measure):
    admin, second = setup["admin"], setup["second"]
    first = _written(reports.report_for(actor=admin, period=setup["p1"]))
    reports.report_submit(actor=admin, report=first)
    reports.report_review(actor=second, report=first, approve=True)
    fake_measure.records.append(Record(dt.date(2024, 6, 1), 2, "male", "15-29"))  # a late attendance sheet
    first.refresh_from_db()
    assert row(figures_of(first), "1.1.a")["value"] == "11"  # frozen
    nxt = _written(reports.report_for(actor=admin, period=setup["p2"]))
    with pytest.raises(ValidationError) as refused:
        reports.report_submit(actor=admin, report=nxt)
    assert "reason" in str(refused.value)
    revision = nxt.revisions.get()
    assert (revision.reported, revision.current, revision.period.number) == (Decimal(11), Decimal(13), 1)
    reports.revision_explain(actor=admin, report=nxt, revision=revision, reason="A late sign-in sheet from Basra.")
    reports.report_submit(actor=admin, report=nxt)
    assert ProgressReport.objects.get(pk=nxt.pk).status == ReportStatus.SUBMITTED


def test_contributors_write_for_their_area_only(setup):
    report = reports.report_for(actor=setup["admin"], period=setup["p1"])
    officer = UserFactory(roles=[Role.GRANT_OFFICER])
    reports.contribution_save(actor=officer, report=report, area="grants", centre=None, text="Twelve grants.")
    with pytest.raises(ValidationError):
        reports.contribution_save(
            actor=officer, report=report, area="trainings", centre=Center.objects.first(), text="Not mine."
        )
    trainer = UserFactory(roles=[Role.TRAINER])
    with pytest.raises(ValidationError):
        reports.contribution_save(actor=trainer, report=report, area="trainings", centre=None, text="No.")
    with pytest.raises(PermissionDenied):
        reports.report_for(actor=trainer, period=Period.objects.get(logframe=setup["logframe"], number=3))


def test_the_table_makes_the_same_number_of_queries_for_few_and_many_indicators(setup, fake_measure):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            indicator_table(setup["p2"])
        return len(captured)

    few = queries()
    for n in range(20):
        indicator(setup["logframe"], setup["people"].node, f"X{n}", measure="test.people", disaggregations=["sex"])
        indicator(setup["logframe"], setup["people"].node, f"M{n}")
    assert queries() == few
