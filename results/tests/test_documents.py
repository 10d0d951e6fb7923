"""The report's files (PDF and Word) and the logframe with its values (XLSX), made through the export
jobs as people request them: the figures are those of the report page (the snapshot once frozen),
small cells hidden for the donor, the EU's emblem with "Funded by the European Union", Arabic and
Kurdish laid out right to left, and the work bounded in queries."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook
from pypdf import PdfReader

from accounts.roles import Role
from centers.tests.factories import staff_member
from core.models import ExportJob
from results import documents
from results.models import Cumulation
from results.selectors import figures_of
from results.services import reports
from results.tests.factories import Record, indicator, logframe_for, results_chain

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(fake_measure):
    logframe = logframe_for()
    chain = results_chain(logframe)
    people = indicator(
        logframe,
        chain["R1.1"],
        "R1.a",
        name="People trained",
        measure="test.people",
        disaggregations=["sex"],
        cumulation=Cumulation.SUM,
        baseline=Decimal(0),
        baseline_year=2023,
        final_target=Decimal(100),
    )
    fake_measure.records = [Record(dt.date(2024, 3, 1), 30, "female"), Record(dt.date(2024, 4, 1), 3, "male")]
    p1 = logframe.periods.get(number=1)
    people.targets.create(period=p1, value=Decimal(40))
    admin = staff_member(Role.PROGRAMME_ADMIN, centre_slug=None)
    second = staff_member(Role.PROGRAMME_ADMIN, centre_slug=None)
    report = reports.report_for(actor=admin, period=p1)
    reports.report_save(
        actor=admin,
        report=report,
        data={
            "summary": "Thirty-three people were trained in Erbil.",
            "activities": "Trainings in proposal writing.",
            "difficulties": "Road closures in March.",
            "workplan": "Mosul trainings next.",
        },
    )
    reports.report_submit(actor=admin, report=report)
    reports.report_review(actor=second, report=report, approve=True)
    reports.report_send(actor=second, report=report)
    return {
        "logframe": logframe,
        "people": people,
        "report": report,
        "admin": admin,
        "donor": staff_member(Role.DONOR),
        "measure": fake_measure,
    }


def request_file(client, captured, user, kind, fmt, *, number=None, language="en"):
    client.force_login(user)
    with translation.override(language):
        url = reverse("core:export_start", args=[kind])  # /<language>/...: the file is in the page's language
    if number is not None:
        url += f"?number={number}"
    with captured(execute=True):
        response = client.post(url, {"format": fmt})
    assert response.status_code == 302
    job = ExportJob.objects.filter(user=user, kind=kind).latest("pk")
    assert job.language == language
    return job


def pdf_text(job: ExportJob) -> str:
    reader = PdfReader(io.BytesIO(job.file.open("rb").read()))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_pdf_carries_the_emblem_the_sections_and_the_frozen_figures(
    world, client, django_capture_on_commit_callbacks
):
    job = request_file(client, django_capture_on_commit_callbacks, world["admin"], "results-report", "pdf", number=1)
    assert job.status == "done", job.error
    assert job.filename == f"tatweer-progress-report-1-{timezone.localdate():%Y-%m-%d}.pdf"
    content = job.file.open("rb").read()
    assert content.startswith(b"%PDF")
    text = pdf_text(job)
    assert "Funded by the European Union" in text
    assert "Interim narrative report, period 1" in text
    assert "Thirty-three people were trained in Erbil." in text
    assert "Summary of the action" in text and "Updated work plan for the next period" in text
    assert "SHA-256" in text and world["report"].snapshots.latest("pk").content_hash[:16] in text.replace("\n", "")
    figures = next(r for r in figures_of(world["report"])["indicators"] if r["code"] == "R1.a")
    assert figures["value"] == "33"
    assert "R1.a People trained" in text and "33" in text and "82.5" in text  # 33 of the target of 40
    reader = PdfReader(io.BytesIO(content))
    drawing = reader.pages[0].get_contents().get_data()
    assert b"0 0.2 0.6 rg" in drawing and b"1 0.8 0 rg" in drawing, "the EU emblem's blue and gold, on page 1"

    # A record added later changes nothing in the report sent: its figures are the snapshot's.
    world["measure"].records.append(Record(dt.date(2024, 5, 1), 50, "female"))
    again = request_file(client, django_capture_on_commit_callbacks, world["admin"], "results-report", "pdf", number=1)
    assert "82.5" in pdf_text(again) and "207.5" not in pdf_text(again)


def test_the_donor_file_hides_the_small_cells_that_staff_see(world, client, django_capture_on_commit_callbacks):
    staff = pdf_text(
        request_file(client, django_capture_on_commit_callbacks, world["admin"], "results-report", "pdf", number=1)
    )
    donor = pdf_text(
        request_file(client, django_capture_on_commit_callbacks, world["donor"], "results-report", "pdf", number=1)
    )
    assert "Men 3" in staff and "< 5" not in staff
    assert "< 5" in donor and "Men 3" not in donor
    assert world["admin"].full_name not in donor  # the donor reads figures and narrative, never who wrote


def test_a_report_the_reader_may_not_see_fails_with_the_reason(world, client, django_capture_on_commit_callbacks):
    reports.report_for(actor=world["admin"], period=world["logframe"].periods.get(number=2))  # a draft
    for number in (2, 9, "x"):
        job = request_file(
            client, django_capture_on_commit_callbacks, world["donor"], "results-report", "pdf", number=number
        )
        assert job.status == "failed" and job.error == "There is no such progress report."
    client.force_login(staff_member(Role.TRAINER))
    response = client.post(reverse("core:export_start", args=["results-report"]) + "?number=1", {"format": "pdf"})
    assert response.status_code == 403


def test_the_arabic_and_kurdish_files_read_right_to_left(world, client, django_capture_on_commit_callbacks):
    for language in ("ar", "ckb"):
        with translation.override(language):
            html = render_to_string(
                "results/pdf/report.html",
                {**documents.report_content(world["report"], donor=True), "title": "t"},
            )
            funded = translation.gettext("Funded by the European Union")
        assert (
            f'<html lang="{language}" dir="rtl">' in html
            and funded in html
            and funded != "Funded by the European Union"
        )
        job = request_file(
            client,
            django_capture_on_commit_callbacks,
            world["donor"],
            "results-report",
            "docx",
            number=1,
            language=language,
        )
        assert job.status == "done", job.error
        document = Document(io.BytesIO(job.file.open("rb").read()))
        texts = [p.text for p in document.paragraphs]
        assert "Thirty-three people were trained in Erbil." in texts
        assert any(p._p.pPr is not None and p._p.pPr.find(qn("w:bidi")) is not None for p in document.paragraphs)
        pdf = request_file(
            client,
            django_capture_on_commit_callbacks,
            world["donor"],
            "results-report",
            "pdf",
            language=language,
            number=1,
        )
        assert pdf.status == "done", pdf.error


def test_the_word_file_has_the_sections_and_the_table_of_the_page(world, client, django_capture_on_commit_callbacks):
    job = request_file(client, django_capture_on_commit_callbacks, world["admin"], "results-report", "docx", number=1)
    assert job.status == "done", job.error
    document = Document(io.BytesIO(job.file.open("rb").read()))
    texts = [p.text for p in document.paragraphs]
    assert "Interim narrative report, period 1" in texts
    assert "1. Summary of the action" in texts and "Road closures in March." in texts
    assert any(shape.type is not None for shape in document.inline_shapes), "the EU emblem"
    assert document.tables[0].rows[0].cells[1].text == "Funded by the European Union"
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Result")
    row = next(r for r in table.rows if r.cells[1].text.startswith("R1.a"))
    assert [c.text for c in row.cells[2:]] == ["0", "40", "33", "33", "82.5"]
    assert "Women 30" in row.cells[1].text


def test_the_logframe_workbook_has_each_periods_target_value_and_to_date(
    world, client, django_capture_on_commit_callbacks
):
    job = request_file(client, django_capture_on_commit_callbacks, world["admin"], "results-logframe", "xlsx")
    assert job.status == "done", job.error
    workbook = load_workbook(io.BytesIO(job.file.open("rb").read()))
    assert workbook.sheetnames == ["Results", "Indicators"]
    results = [list(r) for r in workbook["Results"].iter_rows(values_only=True)]
    assert [r[1] for r in results[1:]] == ["OO", "SO1", "R1.1", "A1.1.1"] and results[2][2] == "OO"
    rows = list(workbook["Indicators"].iter_rows(values_only=True))
    header, line = rows[0], dict(zip(rows[0], rows[1], strict=True))
    assert header[6:12] == ("P1 target", "P1 value", "P1 to date", "P2 target", "P2 value", "P2 to date")
    assert line["Code"] == "R1.a" and line["P1 target"] == 40 and line["P1 value"] == 33
    assert line["P2 value"] == 0 and line["P2 to date"] == 33 and line["Final target"] == 100
    assert line["% of final target"] == 33.0

    donor = request_file(client, django_capture_on_commit_callbacks, world["donor"], "results-logframe", "xlsx")
    donor_rows = list(load_workbook(io.BytesIO(donor.file.open("rb").read()))["Indicators"].iter_rows(values_only=True))
    assert dict(zip(donor_rows[0], donor_rows[1], strict=True))["P1 value"] == 33  # a total of 33 is shown


def test_the_report_content_and_the_workbook_take_the_same_queries_for_few_and_many_indicators(world):
    logframe = world["logframe"]
    node = world["people"].node

    def queries() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as report_queries:
            documents.report_content(world["report"], donor=True)
        with CaptureQueriesContext(connection) as workbook_queries:
            documents.logframe_xlsx(logframe, donor=True)
        return len(report_queries), len(workbook_queries)

    for n in range(4):
        indicator(logframe, node, f"X{n}", measure="test.people", disaggregations=["sex"])
    few = queries()
    for n in range(4, 50):
        indicator(logframe, node, f"X{n}", measure="test.people", disaggregations=["sex"])
    assert queries() == few
