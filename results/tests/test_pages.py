"""The results pages through the client: what each role sees, nothing typed lost, bounded queries,
the donor's suppressed cells, and the due-date reminders."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from centers.tests.factories import staff_member
from notifications.models import Notification
from results.models import Cumulation, ProgressReport, ReportStatus, Unit
from results.services import reports
from results.services.reminders import due_reminders_send
from results.tests.factories import Record, indicator, logframe_for, results_chain

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(fake_measure, client):
    logframe = logframe_for(start=dt.date(2024, 1, 1), end=dt.date(2027, 6, 30))
    chain = results_chain(logframe)
    fake_measure.records = [Record(dt.date(2024, 3, 1), 9, "female"), Record(dt.date(2024, 3, 2), 3, "male")]
    people = indicator(
        logframe, chain["R1.1"], "R1", measure="test.people", disaggregations=["sex"], cumulation=Cumulation.TO_DATE
    )
    people.targets.create(period=logframe.periods.get(number=1), value=Decimal(20))
    admin = staff_member(Role.PROGRAMME_ADMIN, centre_slug=None)
    donor = staff_member(Role.DONOR)
    return {"logframe": logframe, "chain": chain, "admin": admin, "donor": donor, "people": people}


def test_the_donor_sees_small_cells_hidden_and_staff_the_exact_values(world, client):
    client.force_login(world["donor"])
    page = client.get(reverse("results:dashboard") + "?period=1").content.decode()
    assert "&lt; 5" in page and ">3<" not in page.replace(" ", "")
    client.force_login(world["admin"])
    page = client.get(reverse("results:dashboard") + "?period=1").content.decode()
    assert "&lt; 5" not in page


def test_the_pages_answer_in_arabic_and_kurdish(world, client):
    client.force_login(world["admin"])
    for language in ("ar", "ckb"):
        for name in ("results:dashboard", "results:logframe", "results:report_list", "results:value_list"):
            with translation.override(language):
                response = client.get(reverse(name))
            assert response.status_code == 200, name
            assert 'dir="rtl"' in response.content.decode()


def test_a_refused_submission_keeps_what_was_typed(world, client):
    client.force_login(world["admin"])
    url = reverse("results:report", kwargs={"number": 1})
    client.get(url)
    response = client.post(url, {"language": "en", "summary": "What we did.", "submit": "1"})
    assert response.status_code == 200
    assert "What we did." in response.content.decode()
    assert "Write these sections before submitting" in response.content.decode()
    report = ProgressReport.objects.get(period__number=1)
    assert report.status == ReportStatus.DRAFT and report.summary == "What we did."


def test_the_authors_draft_has_no_empty_step_card_and_a_period_without_records_no_empty_split(world, client):
    indicator(world["logframe"], world["chain"]["R1.1"], "R2", measure="test.people", disaggregations=["sex"])
    client.force_login(world["admin"])
    page = client.get(reverse("results:report", kwargs={"number": 2})).content.decode()
    assert 'data-testid="submit"' in page and 'id="steps-heading"' not in page
    row = page.split('data-code="R2"', 1)[1].split("</tr>", 1)[0]
    assert "Sex:" not in row  # period 2 has no records: no "Sex:" line without figures
    assert 'dir="auto"' in page.split('id="id_summary"', 1)[0].rsplit("<textarea", 1)[1]
    first = client.get(reverse("results:report", kwargs={"number": 1})).content.decode()
    assert "Sex:" in first.split('data-code="R2"', 1)[1].split("</tr>", 1)[0]


def test_the_dashboard_and_the_logframe_make_the_same_queries_for_few_and_many_indicators(world, client):
    client.force_login(world["admin"])

    def count(name: str) -> int:
        cache.clear()  # each page cold (nothing kept from the page before), its worst case
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse(name)).status_code == 200
        return len(captured)

    before = {name: count(name) for name in ("results:dashboard", "results:logframe", "results:value_list")}
    for n in range(15):
        indicator(world["logframe"], world["chain"]["R1.1"], f"X{n}", measure="test.people", disaggregations=["sex"])
        indicator(world["logframe"], world["chain"]["SO1"], f"M{n}", unit=Unit.PERCENTAGE)
    after = {name: count(name) for name in before}
    assert after == before


def test_an_indicator_bound_to_a_measure_that_cannot_split_by_a_dimension_is_refused(world, client):
    client.force_login(world["admin"])
    data = {
        "node": world["chain"]["R1.1"].pk,
        "code": "R9",
        "position": 0,
        "unit": "number",
        "direction": "increase",
        "measure": "test.people",
        "cumulation": "sum",
        "disaggregations": ["governorate"],
        "name_en": "People",
    }
    response = client.post(reverse("results:indicator_add"), data)
    assert response.status_code == 200
    assert "cannot be split by" in response.content.decode()
    assert not world["logframe"].indicators.filter(code="R9").exists()


def test_a_period_target_for_a_percentage_above_100_is_refused(world, client):
    client.force_login(world["admin"])
    data = {
        "node": world["chain"]["R1.1"].pk,
        "code": "R8",
        "position": 0,
        "unit": "percentage",
        "direction": "increase",
        "measure": "",
        "cumulation": "latest",
        "name_en": "Share",
        "target_1": "120",
    }
    response = client.post(reverse("results:indicator_add"), data)
    assert "cannot be above 100" in response.content.decode()
    assert not world["logframe"].indicators.filter(code="R8").exists()


def test_reminders_before_the_due_date_and_when_overdue_each_once(world):
    period = world["logframe"].periods.get(number=1)  # 2024, due 1 March 2025
    assert due_reminders_send(today=period.due - dt.timedelta(days=20)) == 1
    assert due_reminders_send(today=period.due - dt.timedelta(days=19)) == 0
    assert due_reminders_send(today=period.due - dt.timedelta(days=5)) == 1
    assert due_reminders_send(today=period.due + dt.timedelta(days=1)) == 1
    assert due_reminders_send(today=period.due + dt.timedelta(days=2)) == 0
    assert Notification.objects.filter(recipient=world["admin"], kind="results_report_due").count() == 3


def test_a_sent_report_is_no_longer_reminded_and_the_donor_reads_only_sent_reports(world, client):
    admin, second = world["admin"], UserFactory(roles=[Role.PROGRAMME_ADMIN])
    period = world["logframe"].periods.get(number=1)
    report = reports.report_for(actor=admin, period=period)
    client.force_login(world["donor"])
    assert client.get(reverse("results:report", kwargs={"number": 1})).status_code == 404
    for name in ("summary", "activities", "difficulties", "workplan"):
        setattr(report, name, "Written.")
    report.save()
    reports.report_submit(actor=admin, report=report)
    reports.report_review(actor=second, report=report, approve=True)
    reports.report_send(actor=second, report=report)
    assert client.get(reverse("results:report", kwargs={"number": 1})).status_code == 200
    assert due_reminders_send(today=period.due + dt.timedelta(days=1)) == 0
