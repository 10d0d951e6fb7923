import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from centers.tests.factories import staff_member
from core import exports
from core.exports import Exporter
from core.models import ExportJob
from grants.services.reports import report_review, report_save, report_schedule, report_submit
from grants.tests.test_payments import TODAY, signed_agreement

pytestmark = pytest.mark.django_db


def test_the_donor_exports_the_programme_indicators_split_by_sex_and_age(
    client, django_capture_on_commit_callbacks, exchange_rates
):
    officer = staff_member(Role.GRANT_OFFICER)
    agreement = signed_agreement(officer)
    grantee = agreement.application.organization.memberships.get(role="admin").user
    report = report_schedule(actor=officer, agreement=agreement, kind="interim", due_on=TODAY)
    people = {"girls": 4, "boys": 3, "women_youth": 10, "men_youth": 8, "women_adult": 2, "men_adult": 1}
    report_save(actor=grantee, report=report, data={"narrative": "Done.", **people}, expenses={})
    report_submit(actor=grantee, report=report)
    report_review(actor=officer, report=report, approve=True, comment="")

    client.force_login(staff_member(Role.DONOR))
    html = client.get(reverse("organizations:indicators")).content.decode()
    assert 'data-testid="export-indicators"' in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("core:export_start", args=["indicators"]), {"format": "csv"})
    job = ExportJob.objects.get()
    assert response.status_code == 302 and job.status == "done"
    rows = list(csv.reader(io.StringIO(job.file.open("rb").read().decode("utf-8-sig"))))
    assert rows[0] == ["Area", "Indicator", "Breakdown", "Value"]
    by_key = {(r[1], r[2]): r[3] for r in rows[1:]}
    assert by_key[("People reached (approved reports)", "women aged 15-29")] == "10"
    assert by_key[("People reached (approved reports)", "girls under 15")] == "4"
    assert by_key[("Committed", "USD")].startswith("10000")
    assert ("Unique participants", "Women and girls, 15-29") in by_key
    assert {r[0] for r in rows[1:]} == {"Organisations", "Trainings and events", "Grants", "Legal assistance"}
    # The spreadsheet too, with the labels in the donor's language (translated labels are text).
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("core:export_start", args=["indicators"]), {"format": "xlsx"})

    workbook = load_workbook(ExportJob.objects.get(format="xlsx").file.open("rb"))
    assert workbook.active.max_row == len(rows)
    # A CSO member, who does not see the indicators, cannot export them.

    client.force_login(UserFactory())
    assert client.post(reverse("core:export_start", args=["indicators"]), {"format": "csv"}).status_code == 403


def test_a_failing_export_is_marked_failed_without_breaking_the_request(
    client, django_capture_on_commit_callbacks, monkeypatch
):
    def broken_rows(user, params):
        raise RuntimeError("the source is down")
        yield  # pragma: no cover

    monkeypatch.setitem(
        exports._exporters,
        "broken",
        Exporter(
            kind="broken",
            title=lambda: "Broken",
            permission=lambda user: True,
            columns=lambda: ["A"],
            rows=broken_rows,
            count=lambda user, params: 1,
        ),
    )
    client.force_login(staff_member(Role.DONOR))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("core:export_start", args=["broken"]), {"format": "csv"})
    assert response.status_code == 302
    job = ExportJob.objects.get()
    assert job.status == "failed" and "the source is down" in job.error
    assert client.get(response["Location"]).status_code == 200
