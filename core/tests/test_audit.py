"""The audit trail in the reader's words (core/audit.py, core.views.audit): field names as the models'
verbose names, choices as their labels, dates in the reader's language and Baghdad time, people by
name, event labels and service actions translated; a code nobody named is shown as it is."""

import ast
import datetime as dt
import pathlib

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import formats, timezone, translation

from accounts.roles import Role
from centers.tests.factories import centre, staff_member
from core.audit import ACTION_LABELS, action_label, actor_context, event_label, readable_changes
from legal_aid.models import LegalCase, Status
from organizations.tests.factories import organization_with_admin

pytestmark = pytest.mark.django_db

MOMENT = dt.datetime(2026, 11, 28, 14, 49, tzinfo=dt.UTC)  # 17:49 in Baghdad


def _case(reference="LA-2026-0001"):
    organization, admin = organization_with_admin()
    case = LegalCase.objects.create(
        reference=reference,
        organization=organization,
        category="labour",
        description="An employee asks for end-of-service pay.",
        preferred_centre=centre("erbil"),
        channel="online",
        consent_data_use=True,
        requested_by=admin,
    )
    return case


def _trail(client, language, **query):
    cache.clear()  # the page of rows is kept until the next write: read it afresh
    with translation.override(language):
        url = reverse("core:audit")
    return client.get(url, {"model": "legal_aid.LegalCase", **query}).content.decode()


def test_on_arabic_pages_a_status_change_shows_the_arabic_label_field_name_and_date(client):
    admin, coordinator = staff_member(Role.PROGRAMME_ADMIN), staff_member(Role.CENTRE_MANAGER)
    case = _case()

    with actor_context(coordinator, action="legal_assign"):
        LegalCase.objects.filter(pk=case.pk).update(status=Status.IN_PROGRESS, primary_lawyer=coordinator)
    with actor_context(coordinator, action="legal_retention"):
        LegalCase.objects.filter(pk=case.pk).update(anonymised_at=MOMENT)
    client.force_login(admin)
    html = _trail(client, "ar")
    assert html.count('data-testid="audit-row"') == 3
    with translation.override("ar"):
        in_progress, submitted = str(Status.IN_PROGRESS.label), str(Status.SUBMITTED.label)
        status_name = str(LegalCase._meta.get_field("status").verbose_name)
        when = formats.date_format(timezone.localtime(MOMENT), "DATETIME_FORMAT")
        assigned, retention = action_label("legal_assign"), action_label("legal_retention")
        changed = event_label("status_changed")
    assert (in_progress, submitted, status_name) == ("قيد المعالجة", "مُقدَّمة", "الحالة")  # from the catalogue
    assert when.startswith("28 نوفمبر 2026،") and "5:49" in when  # Baghdad is three hours ahead of UTC
    assert f"<bdi>{submitted}</bdi> ← <bdi>{in_progress}</bdi>" in html
    assert f"<bdi>{status_name.capitalize()}</bdi>:" in html
    assert f"<bdi>{when}</bdi>" in html
    assert f"<bdi>{coordinator.full_name}</bdi>" in html  # the lawyer by name, not by number
    assert changed in html and changed != "status_changed"
    assert assigned in html and retention in html
    for raw in (
        "in_progress",
        "submitted",
        "status_changed",
        "legal_assign",
        "legal_retention",
        "2026-11-28",
        "T14:49",
    ):
        assert raw not in html, raw
    assert "primary_lawyer_id" not in html and "anonymised_at" not in html


def test_on_english_and_kurdish_pages_the_same_change_reads_in_that_language(client):
    admin = staff_member(Role.PROGRAMME_ADMIN)
    case = _case()
    LegalCase.objects.filter(pk=case.pk).update(status=Status.IN_PROGRESS)
    client.force_login(admin)
    english = _trail(client, "en")
    assert "<bdi>Submitted</bdi> → <bdi>In progress</bdi>" in english and "<bdi>Status</bdi>:" in english
    kurdish = _trail(client, "ckb")
    with translation.override("ckb"):
        label = str(Status.IN_PROGRESS.label)
    assert label != "In progress" and f"<bdi>{label}</bdi>" in kurdish and "in_progress" not in kurdish


def test_an_unknown_code_is_shown_as_it_is(client):
    assert action_label("a_code_nobody_named") == "a_code_nobody_named"
    assert action_label("") == ""
    assert event_label("some_new_label") == "some_new_label"
    assert readable_changes("nowhere.Model", {"colour": ["red", "blue"]}) == [("colour", "red", "blue")]
    assert readable_changes("legal_aid.LegalCase", {"status": ["submitted", "gone"], "dropped": [1, None]}) == [
        ("Status", "Submitted", "gone"),
        ("dropped", "1", ""),
    ]
    admin, officer = staff_member(Role.PROGRAMME_ADMIN), staff_member(Role.CENTRE_MANAGER)
    case = _case()

    with actor_context(officer, action="a_code_nobody_named"):
        LegalCase.objects.filter(pk=case.pk).update(status=Status.TRIAGED)
    client.force_login(admin)
    html = _trail(client, "ar")
    assert "a_code_nobody_named" in html


def test_values_read_as_yes_no_names_numbers_and_dates():
    lawyer = staff_member(Role.CENTRE_MANAGER)
    diff = {
        "consent_referral": [False, True],
        "primary_lawyer_id": [None, lawyer.pk],
        "preferred_centre_id": [1, 2],
        "filed_on": ["2026-03-01", None],
        "closed_at": [None, "2026-11-28T14:49:00+00:00"],
    }
    with translation.override("ar"):
        shown = {
            name: (old, new) for name, old, new in readable_changes("legal_aid.LegalCase", diff, {lawyer.pk: lawyer})
        }
        filed = formats.date_format(dt.date(2026, 3, 1), "DATE_FORMAT")
    assert "مارس" in filed and shown["تاريخ التقديم"] == (filed, "")
    assert shown["Primary lawyer"] == ("", lawyer.full_name)  # the model gives this field no translated name
    assert shown["Closed at"][0] == "" and shown["Closed at"][1].startswith("28 نوفمبر 2026،")
    yes_no = [value for value in shown.values() if value[0] == "لا"]
    assert yes_no == [("لا", "نعم")]
    centre_change = [value for value in shown.values() if value[1].endswith(" #2")]
    assert centre_change and centre_change[0][0].endswith(" #1") and "#" not in centre_change[0][0][:1]
    with translation.override("en"):
        amount = readable_changes("grants.Payment", {"amount": ["1536400.5", 2]})
    assert amount[0][1:] == ("1,536,400.500", "2.000")  # grouped, to the field's decimal places


def test_every_action_the_services_name_has_a_label():
    """The services' `actor_context(actor, action="...")` codes (and partnerships' `saving(actor,
    "...")`, audited as `partnerships.<action>`): each has its label in core.audit.ACTION_LABELS."""
    named: dict[str, str] = {}
    for path in pathlib.Path(settings.BASE_DIR).rglob("*.py"):
        if {".venv", "tests", "migrations", "node_modules"} & set(path.parts):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            called = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if called == "actor_context":
                values = [keyword.value for keyword in node.keywords if keyword.arg == "action"]
                values += [
                    part for value in values if isinstance(value, ast.IfExp) for part in (value.body, value.orelse)
                ]
                named.update({value.value: str(path) for value in values if isinstance(value, ast.Constant)})
            elif called == "saving" and len(node.args) == 2 and isinstance(node.args[1], ast.Constant):
                named[f"partnerships.{node.args[1].value}"] = str(path)
    assert len(named) > 100
    missing = {code: where for code, where in named.items() if code not in ACTION_LABELS}
    assert not missing


def test_the_trail_of_a_case_costs_the_same_queries_for_5_and_50_changes(client):
    admin = staff_member(Role.PROGRAMME_ADMIN)
    lawyers = [staff_member(Role.CENTRE_MANAGER) for _index in range(3)]
    case = _case()
    statuses = [Status.TRIAGED, Status.ASSIGNED, Status.IN_PROGRESS, Status.WAITING]

    def change(times, start=0):

        for index in range(start, start + times):
            with actor_context(lawyers[index % 3], action="legal_status"):
                LegalCase.objects.filter(pk=case.pk).update(
                    status=statuses[index % 4],
                    primary_lawyer=lawyers[index % 3],
                    anonymised_at=MOMENT + dt.timedelta(hours=index),
                )

    change(4)
    client.force_login(admin)
    cache.clear()
    with CaptureQueriesContext(connection) as five:
        html = _trail(client, "ar")
    assert html.count('data-testid="audit-row"') >= 5
    change(50, start=4)
    with CaptureQueriesContext(connection) as fifty:
        html = _trail(client, "ar")
    assert html.count('data-testid="audit-row"') == 50
    assert len(fifty) == len(five)
