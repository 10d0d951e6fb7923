"""The logframe as a spreadsheet: downloaded, edited, uploaded, previewed row by row, then saved
through the services only on confirmation."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from pghistory.models import Events

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from centers.tests.factories import staff_member
from results import spreadsheet
from results.models import Indicator, Node, Target, Unit
from results.services.logframe import node_save
from results.tests.factories import indicator, logframe_for, results_chain

pytestmark = pytest.mark.django_db

DOWNLOAD = "results:logframe_download"
UPLOAD = "results:logframe_upload"
CONFIRM = "results:logframe_upload_confirm"


@pytest.fixture
def logframe():
    logframe = logframe_for()
    chain = results_chain(logframe)
    people = indicator(
        logframe, chain["R1.1"], "1.1.a", measure="test.people", disaggregations=["sex"], baseline=Decimal(5)
    )
    people.targets.create(period=logframe.periods.get(number=1), value=20)
    indicator(logframe, chain["SO1"], "SO1.a", unit=Unit.PERCENTAGE, final_target=Decimal("60.5"))
    return logframe


@pytest.fixture
def admin(client):
    user = staff_member(Role.PROGRAMME_ADMIN)
    client.force_login(user)
    return user


def download(client) -> bytes:
    response = client.get(reverse(DOWNLOAD))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return response.content


def edited(content: bytes, change) -> bytes:
    workbook = load_workbook(io.BytesIO(content))
    change(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def column(sheet, header: str) -> int:
    return next(cell.column for cell in sheet[1] if cell.value == header)


def set_cell(sheet, code: str, header: str, value) -> None:
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == code)
    sheet.cell(row, column(sheet, header)).value = value  # cell(..., value) ignores None


def add_row(sheet, values: dict) -> None:
    row = sheet.max_row + 1
    for header, value in values.items():
        sheet.cell(row, column(sheet, header), value)


def upload(client, content: bytes, name="logframe.xlsx"):
    response = client.post(reverse(UPLOAD), {"file": SimpleUploadedFile(name, content)})
    return response


def confirm(client):
    """Confirms the preview last shown, as its button does."""
    page = client.get(reverse(UPLOAD) + "?checked=1")
    token = page.context["token"] if page.context and "token" in page.context else ""
    return client.post(reverse(CONFIRM), {"preview": token}, follow=True)


def preview_of(logframe, content: bytes) -> spreadsheet.Preview:
    return spreadsheet.read_upload(logframe, SimpleUploadedFile("logframe.xlsx", content))


def audit_count() -> int:
    return Events.objects.filter(pgh_obj_model__in=["results.Node", "results.Indicator", "results.Target"]).count()


def test_the_workbook_has_the_results_the_indicators_with_a_target_column_per_period_and_the_codes(
    logframe, admin, client, fake_measure
):
    workbook = load_workbook(io.BytesIO(download(client)))
    assert workbook.sheetnames == ["Results", "Indicators", "Codes"]
    results = workbook["Results"]
    assert [c.value for c in results[1]][:4] == ["code", "parent code", "level", "title_en"]
    assert [results.cell(r, 1).value for r in range(2, results.max_row + 1)] == ["OO", "SO1", "R1.1", "A1.1.1"]
    assert results.cell(3, 2).value == "OO" and results.cell(3, 3).value == "outcome"
    indicators = workbook["Indicators"]
    header = [c.value for c in indicators[1]]
    periods = logframe.periods.count()
    assert [h for h in header if h.startswith("target P")] == [f"target P{n}" for n in range(1, periods + 1)]
    people = next(r for r in indicators.iter_rows(min_row=2, values_only=True) if r[0] == "1.1.a")
    assert people[header.index("target P1")] == 20
    assert people[header.index("unit")] == "number" and people[header.index("disaggregations")] == "sex"
    codes = {(r[0], r[1]) for r in workbook["Codes"].iter_rows(min_row=2, values_only=True)}
    assert {("unit", "percentage"), ("level", "activity"), ("disaggregations", "governorate")} <= codes


def test_a_file_uploaded_unchanged_is_all_unchanged_and_saves_nothing(logframe, admin, client, fake_measure):
    before = audit_count()
    response = upload(client, download(client))
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 200
    preview = page.context["preview"]
    assert preview.error_count == 0 and not preview.ok
    assert {r.status for r in preview.rows} == {"unchanged"}
    assert preview.summary()["Results"]["unchanged"] == 4 and preview.summary()["Indicators"]["unchanged"] == 2
    assert "The file changes nothing." in page.content.decode()
    response = confirm(client)
    assert "Please upload the file again." in response.content.decode()
    assert audit_count() == before


def test_an_edited_file_is_previewed_then_saved_on_confirmation_and_audited(logframe, admin, client, fake_measure):
    def change(workbook):
        set_cell(workbook["Results"], "SO1", "title_ar", "منظمات أكثر قدرة")
        indicators = workbook["Indicators"]
        set_cell(indicators, "1.1.a", "target P1", 25)
        add_row(
            indicators,
            {"code": "1.1.b", "result code": "R1.1", "name_en": "CSOs trained", "unit": "number"}
            | {"direction": "increase", "cumulation": "sum", "target P2": 12, "disaggregations": ""},
        )
        add_row(workbook["Results"], {"code": "R1.2", "parent code": "SO1", "level": "output", "title_en": "More"})

    before = audit_count()
    page = client.get(upload(client, edited(download(client), change))["Location"])
    preview = page.context["preview"]
    assert preview.error_count == 0 and preview.ok
    rows = {(r.sheet, r.code): r for r in preview.rows}
    assert rows["Results", "SO1"].status == "changed" and rows["Results", "SO1"].changed == ["title_ar"]
    assert rows["Results", "R1.2"].status == "new"
    assert rows["Indicators", "1.1.a"].changed == ["target P1"]
    assert rows["Indicators", "1.1.b"].status == "new"
    assert rows["Indicators", "SO1.a"].status == "unchanged"
    html = page.content.decode()
    assert "Save the changes" in html and "title_ar" in html
    # Nothing is saved before the confirmation.
    assert audit_count() == before
    assert not Indicator.objects.filter(code="1.1.b").exists()
    assert Node.objects.get(code="SO1").title_ar in (None, "")

    response = confirm(client)
    assert "The logframe is saved" in response.content.decode()
    so1 = Node.objects.get(code="SO1")
    assert so1.title_ar == "منظمات أكثر قدرة" and so1.title_en == "CSOs more capable"
    assert Node.objects.get(code="R1.2").parent == so1
    new = Indicator.objects.get(code="1.1.b")
    assert new.node.code == "R1.1" and new.name_en == "CSOs trained"
    assert Target.objects.get(indicator=new).period.number == 2
    assert Target.objects.get(indicator__code="1.1.a", period__number=1).value == 25
    assert Events.objects.filter(pgh_obj_model="results.Indicator", pgh_obj_id=str(new.pk)).exists()
    assert Events.objects.filter(pgh_obj_model="results.Node", pgh_obj_id=str(so1.pk)).exists()
    assert Events.objects.filter(pgh_obj_model="results.Target", pgh_label="update").exists()
    # Uploaded again, the same file changes nothing.
    again = preview_of(logframe, edited(download(client), lambda wb: None))
    assert {r.status for r in again.rows} == {"unchanged"}


def test_a_logframe_changed_since_the_preview_is_not_overwritten(logframe, admin, client, fake_measure):
    content = edited(download(client), lambda wb: set_cell(wb["Results"], "OO", "title_en", "Society"))
    upload(client, content)
    node_save(actor=admin, logframe=logframe, node=Node.objects.get(code="SO1"), data={"title_en": "Meanwhile"})
    response = confirm(client)
    assert "The logframe has changed since the file was checked" in response.content.decode()
    assert Node.objects.get(code="OO").title_en == "Civil society strengthened"


def results_row(values):
    return lambda wb: add_row(wb["Results"], values)


def indicator_cell(code, header, value):
    return lambda wb: set_cell(wb["Indicators"], code, header, value)


def new_indicator(**values):
    row = {"code": "X1", "result code": "R1.1", "name_en": "New", "unit": "number"}
    row |= {"direction": "increase", "cumulation": "sum"}
    return lambda wb: add_row(wb["Indicators"], row | {k.replace("_", " "): v for k, v in values.items()})


def rename_header(old, new):
    return lambda wb: wb["Indicators"].cell(1, column(wb["Indicators"], old), new)


ROW_ERRORS = {
    "unknown parent": (
        results_row({"code": "R9", "parent code": "SO9", "level": "output", "title_en": "T"}),
        "There is no result SO9 in the logframe or in the file.",
    ),
    "unknown result of an indicator": (
        indicator_cell("SO1.a", "result code", "R7"),
        "There is no result R7 in the logframe or in the file.",
    ),
    "level not fitting the parent": (
        results_row({"code": "R2", "parent code": "OO", "level": "output", "title_en": "T"}),
        "A result of this level serves a result of the level “Specific objective (outcome)”.",
    ),
    "duplicated result code": (
        results_row({"code": "SO1", "parent code": "OO", "level": "outcome", "title_en": "Again"}),
        "The code SO1 is also on row 3.",
    ),
    "duplicated indicator code": (new_indicator(code="1.1.a"), "The code 1.1.a is also on row 3."),
    "unknown level": (
        results_row({"code": "R3", "parent code": "SO1", "level": "result", "title_en": "T"}),
        "“result” is not a level.",
    ),
    "unknown unit": (indicator_cell("SO1.a", "unit", "kg"), "“kg” is not a unit."),
    "unknown direction": (indicator_cell("SO1.a", "direction", "up"), "“up” is not a direction."),
    "unknown cumulation": (indicator_cell("SO1.a", "cumulation", "avg"), "“avg” is not a way of cumulating."),
    "unknown measure": (indicator_cell("SO1.a", "measure", "nothing.here"), "There is no measure “nothing.here”."),
    "unknown dimension": (indicator_cell("SO1.a", "disaggregations", "sex, colour"), "Unknown disaggregation: colour."),
    "a split the measure cannot make": (
        indicator_cell("1.1.a", "disaggregations", "sex,governorate"),
        "The measure cannot be split by: Governorate.",
    ),
    "a percentage above 100": (indicator_cell("SO1.a", "target P2", 150), "A percentage cannot be above 100."),
    "a negative value": (indicator_cell("1.1.a", "baseline", -3), "A value cannot be negative."),
    "text for a number": (indicator_cell("1.1.a", "target P1", "lots"), "“lots” is not a number."),
    "a missing English title": (
        results_row({"code": "R4", "parent code": "SO1", "level": "output"}),
        "A result needs a title in English.",
    ),
    "a target for a period the programme does not have": (
        rename_header("target P1", "target P9"),
        "The column “target P9” is for a reporting period the programme does not have.",
    ),
}


@pytest.mark.parametrize("case", ROW_ERRORS, ids=list(ROW_ERRORS))
def test_each_row_error_is_explained_and_blocks_the_confirmation(case, logframe, admin, client, fake_measure):
    change, message = ROW_ERRORS[case]
    before = audit_count()
    page = client.get(upload(client, edited(download(client), change))["Location"])
    preview = page.context["preview"]
    assert not preview.ok and preview.error_count
    assert message in page.content.decode()
    response = confirm(client)
    assert "Please upload the file again." in response.content.decode()
    assert audit_count() == before
    with pytest.raises(Exception, match="problems"):
        spreadsheet.apply_upload(admin, logframe, preview)


def test_a_file_that_is_not_an_xlsx_is_refused_with_the_reason(logframe, admin, client):
    response = upload(client, b"code,title\nOO,x\n", name="logframe.csv")
    assert response.status_code == 200
    assert "Files of type “.csv” are not accepted here" in response.content.decode()
    response = upload(client, b"<html>not a workbook</html>", name="logframe.xlsx")
    assert "its content is not a Excel file" in response.content.decode()
    assert "not a Excel" in preview_of(logframe, b"<html></html>").problems[0]


def test_a_workbook_without_the_sheets_or_too_many_rows_is_refused(logframe, admin, client, fake_measure):
    content = download(client)
    without = edited(content, lambda wb: wb.remove(wb["Results"]))
    assert preview_of(logframe, without).problems == ["The workbook has no sheet “Results”."]

    def many(workbook):
        for n in range(spreadsheet.MAX_ROWS + 1):
            workbook["Results"].append([f"X{n}", "SO1", "output", "T"])

    assert "is too large" in preview_of(logframe, edited(content, many)).problems[0]


@pytest.mark.parametrize(
    "role, answers",
    [
        ("anonymous", {DOWNLOAD: 302, UPLOAD: 302}),
        ("cso_member", {DOWNLOAD: 403, UPLOAD: 403}),
        (Role.DONOR, {DOWNLOAD: 200, UPLOAD: 403}),
        (Role.CENTRE_MANAGER, {DOWNLOAD: 200, UPLOAD: 403}),
    ],
)
def test_who_may_download_and_upload(role, answers, logframe, client):
    if role == "cso_member":
        client.force_login(UserFactory())
    elif role != "anonymous":
        client.force_login(staff_member(role))
    for name, status in answers.items():
        response = client.get(reverse(name))
        assert response.status_code == status
        if status == 302:
            assert "/accounts/login/" in response["Location"]
    assert client.post(reverse(CONFIRM)).status_code == (302 if role == "anonymous" else 403)


def test_no_logframe_is_404(admin, client):
    assert client.get(reverse(DOWNLOAD)).status_code == 404


def test_the_preview_takes_the_same_queries_for_5_and_50_indicators(admin, client, fake_measure):
    logframe = logframe_for()
    chain = results_chain(logframe)
    counts = []
    for total in (5, 50):
        for n in range(Indicator.objects.count(), total):
            made = indicator(logframe, chain["R1.1"], f"I{n}", measure="test.people", disaggregations=["sex"])
            made.targets.create(period=logframe.periods.get(number=1), value=n)
        content = edited(download(client), lambda wb: set_cell(wb["Indicators"], "I0", "name_ar", "اسم"))
        with CaptureQueriesContext(connection) as post:
            response = upload(client, content)
        with CaptureQueriesContext(connection) as page:
            assert client.get(response["Location"]).context["preview"].summary()["Indicators"]["changed"] == 1
        counts.append((len(post), len(page)))
    assert counts[0] == counts[1]


def delete_row(sheet, code: str) -> None:
    sheet.delete_rows(next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == code))


def test_a_level_change_that_strands_a_result_left_out_of_the_file_is_refused(logframe, admin, client, fake_measure):
    def change(workbook):
        results = workbook["Results"]
        delete_row(results, "A1.1.1")
        set_cell(results, "R1.1", "level", "outcome")
        set_cell(results, "R1.1", "parent code", "OO")

    preview = preview_of(logframe, edited(download(client), change))
    row = next(r for r in preview.rows if r.code == "R1.1")
    assert row.status == "error"
    assert row.errors == [("level", "A1.1.1: A result of this level serves a result of the level “Output”.")]


def test_rows_left_out_stay_and_an_emptied_target_is_removed(logframe, admin, client, fake_measure):
    def change(workbook):
        delete_row(workbook["Indicators"], "SO1.a")
        delete_row(workbook["Results"], "A1.1.1")
        set_cell(workbook["Indicators"], "1.1.a", "target P1", None)

    preview = preview_of(logframe, edited(download(client), change))
    assert [(r.code, r.changed) for r in preview.rows if r.status != "unchanged"] == [("1.1.a", ["target P1"])]
    spreadsheet.apply_upload(admin, logframe, preview)
    assert Indicator.objects.filter(code="SO1.a").exists() and Node.objects.filter(code="A1.1.1").exists()
    assert not Target.objects.filter(indicator__code="1.1.a").exists()


def test_a_post_without_a_file_shows_the_form_again(logframe, admin, client):
    response = client.post(reverse(UPLOAD), {})
    assert response.status_code == 200
    assert response.context["form"].errors["file"]


def test_the_confirmation_saves_only_the_preview_that_was_shown(logframe, admin, client, fake_measure):
    content = download(client)
    upload(client, edited(content, lambda wb: set_cell(wb["Results"], "OO", "title_en", "First")))
    shown = client.get(reverse(UPLOAD) + "?checked=1").context["token"]
    upload(client, edited(content, lambda wb: set_cell(wb["Results"], "OO", "title_en", "Second")))  # another tab
    response = client.post(reverse(CONFIRM), {"preview": shown}, follow=True)
    assert "Please upload the file again." in response.content.decode()
    assert Node.objects.get(code="OO").title_en == "Civil society strengthened"


def test_the_preview_reads_in_arabic(logframe, admin, client, fake_measure):
    content = edited(download(client), lambda wb: set_cell(wb["Indicators"], "SO1.a", "unit", "kg"))
    client.post(reverse(UPLOAD), {"file": SimpleUploadedFile("logframe.xlsx", content)})
    page = client.get("/ar" + reverse(UPLOAD).removeprefix("/en") + "?checked=1")
    assert page.status_code == 200 and 'dir="rtl"' in page.content.decode()
