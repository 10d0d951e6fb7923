"""Results reporting in the browser: the programme admin writes the current period's narrative (a
refused submission loses nothing), a second admin returns it, it is corrected, approved and sent; the
donor, in English and in Arabic, reads the dashboard (small cells hidden), downloads the report as a
PDF and the IATI file. The IATI file validates against the schema and the PDF's figures are the
dashboard's and those the test recomputes from the records."""

import datetime as dt
import io
import re

import pytest
from django.test import override_settings
from django.utils import timezone
from pypdf import PdfReader

from accounts.roles import Role
from centers.tests.factories import staff_member
from core import measures
from results.iati import validation_errors
from results.models import Cumulation, ProgressReport, ReportStatus
from results.selectors import current_period
from results.tests.factories import FakeMeasure, Record, indicator, logframe_for, results_chain
from tests.browser.test_organizations import sign_in, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


@pytest.fixture
def fake_measure():
    measure = FakeMeasure().register()
    yield measure
    measure.unregister()


@pytest.fixture
def programme(fake_measure):
    today = timezone.localdate()
    logframe = logframe_for(start=dt.date(today.year - 2, 1, 1), end=dt.date(today.year + 1, 6, 30))
    chain = results_chain(logframe)
    people = indicator(
        logframe,
        chain["R1.1"],
        "R1.a",
        name="People trained",
        measure="test.people",
        disaggregations=["sex"],
        cumulation=Cumulation.SUM,
        baseline=0,
        baseline_year=today.year - 3,
        final_target=200,
    )
    period = current_period(logframe)
    people.targets.create(period=period, value=60)
    # This period: 30 women and 3 men trained (the 3 is a cell the donor must not see).
    fake_measure.records = [
        Record(period.start + dt.timedelta(days=10), 30, "female"),
        Record(period.start + dt.timedelta(days=20), 3, "male"),
    ]
    return {"logframe": logframe, "period": period, "people": people, "measure": fake_measure}


def download(page, button):
    """Clicks a file button, waits on the job page for the file and returns its bytes."""
    page.get_by_test_id(button).click()
    page.wait_for_url(re.compile(r"/exports/\d+/$"))
    link = page.get_by_test_id("export-download")
    link.wait_for(timeout=60000)
    with page.expect_download() as file:
        link.click()
    with open(file.value.path(), "rb") as content:
        return content.read()


@override_settings(TATWEER_REQUIRE_STAFF_MFA=False)
def test_a_report_written_returned_corrected_approved_sent_and_read_by_the_donor(live_server, page, programme):
    base = live_server.url
    number = programme["period"].number
    staff_member(Role.PROGRAMME_ADMIN, centre_slug=None, email="admin@example.org", full_name="Layla Hassan", mfa=False)
    staff_member(Role.PROGRAMME_ADMIN, centre_slug=None, email="second@example.org", mfa=False)
    staff_member(Role.DONOR, email="donor@example.org", mfa=False)
    report_url = f"{base}/en/results/reports/{number}/"

    # The admin begins the narrative; submitting without the required sections is refused, nothing lost.
    sign_in(page, base, "admin@example.org")
    page.goto(report_url)
    page.locator("#id_summary").fill("Thirty-three people were trained in proposal writing.")
    page.get_by_test_id("save-draft").click()
    page.get_by_text("The draft is saved.").wait_for()
    page.get_by_test_id("submit").click()
    page.get_by_text("Activities and results").first.wait_for()
    assert page.locator("#id_summary").input_value() == "Thirty-three people were trained in proposal writing."
    assert ProgressReport.objects.get(period=programme["period"]).status == ReportStatus.DRAFT
    page.locator("#id_activities").fill("Trainings in Erbil and Basra.")
    page.locator("#id_difficulties").fill("Road closures in March.")
    page.locator("#id_workplan").fill("Mosul trainings next.")
    page.get_by_test_id("submit").click()
    page.get_by_text("The report is submitted for approval. Its figures are frozen.").wait_for()
    sign_out(page)

    # A second admin returns it with comments.
    sign_in(page, base, "second@example.org")
    page.goto(report_url)
    page.locator("#id_comment").fill("Name the Basra partners.")
    page.get_by_test_id("return").click()
    page.get_by_text("The report is returned for revision.").wait_for()
    sign_out(page)

    # The author corrects and submits again.
    sign_in(page, base, "admin@example.org")
    page.goto(report_url)
    assert "Name the Basra partners." in page.content()
    page.locator("#id_partners").fill("Basra: Shatt al-Arab Youth Forum.")
    page.get_by_test_id("submit").click()
    page.get_by_text("The report is submitted for approval. Its figures are frozen.").wait_for()
    sign_out(page)

    # The second admin approves it and records it as sent (after confirming).
    sign_in(page, base, "second@example.org")
    page.goto(report_url)
    page.get_by_test_id("approve").click()
    page.get_by_text("The report is approved.").wait_for()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_test_id("send").click()
    page.get_by_text("The report is recorded as sent to the EU. The donor can now read it.").wait_for()
    sign_out(page)
    report = ProgressReport.objects.get(period=programme["period"])
    assert report.status == ReportStatus.SENT and report.snapshots.count() == 2

    # The figures recomputed from the records, as the test knows them.
    recomputed = measures.get("test.people").compute(
        measures.Query(end=programme["period"].end, start=programme["period"].start), ("sex",)
    )
    assert recomputed.total == 33 and recomputed.by["sex"] == {"female": 30, "male": 3}

    # The donor reads the dashboard: the total, the women, and "< 5" instead of the three men.
    sign_in(page, base, "donor@example.org")
    page.goto(f"{base}/en/results/")
    card = page.locator('[data-testid="indicator-card"][data-code="R1.a"]')
    assert card.get_by_test_id("to-date").inner_text().strip() == "33"
    card_text = card.inner_text()
    assert "< 5" in card_text and "Layla Hassan" not in page.content()

    # ... downloads the report as a PDF: the same figures.
    page.goto(report_url)
    pdf = download(page, "output-pdf")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Funded by the European Union" in text and "Name the Basra partners" not in text
    assert "Basra: Shatt al-Arab Youth Forum." in text
    row = re.search(r"R1\.a People trained.*", text).group(0)
    assert "< 5" in text and "Men 3" not in text
    assert re.search(r"\b0\s+60\s+33\s+33\s+55\b", text), row  # baseline, target, period, to date, % of target

    # ... and the IATI file, valid against the schema, with the period's actual value.
    page.goto(f"{base}/en/results/")
    iati = download(page, "iati-export")
    assert validation_errors(iati) == []
    assert b'<actual value="33"' in iati

    # In Arabic, right to left, the same figures.
    page.goto(f"{base}/ar/results/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    card = page.locator('[data-testid="indicator-card"][data-code="R1.a"]')
    assert card.get_by_test_id("to-date").inner_text().strip() == "33"
    page.goto(f"{base}/ar/results/reports/{number}/")
    arabic = download(page, "output-pdf")
    arabic_text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(arabic)).pages)
    assert "33" in arabic_text and "Funded by the European Union" not in arabic_text
