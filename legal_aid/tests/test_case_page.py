"""The case page's panels: each form posts to its own view; htmx gets the panel back (or, after a step
that changes the case, is sent to the whole page); without JavaScript a refusal shows the whole page
with what was typed."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from centers.tests.factories import staff_member
from legal_aid import services
from legal_aid.models import CaseTask, Status
from legal_aid.tests.test_cases import assigned, request_help

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def coordinator():
    return staff_member(Role.LEGAL_COORDINATOR)


def test_a_note_posted_with_htmx_answers_with_the_notes_panel_and_its_message(client, coordinator):
    case, _admin = request_help()
    client.force_login(coordinator)
    response = client.post(
        reverse("legal_aid:note_add", args=[case.pk]),
        {"note-text": "Called the CSO.", "note-visibility": "internal"},
        **HTMX,
    )
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert html.lstrip().startswith('<section class="card card-body mb-3" id="case-notes"')
    assert "Called the CSO." in html and "The note is added." in html
    assert case.notes.get().text == "Called the CSO."


def test_a_refused_step_with_htmx_answers_with_its_panel_and_the_reason(client, coordinator):
    case, _admin = request_help()
    client.force_login(coordinator)
    url = reverse("legal_aid:triage", args=[case.pk])
    response = client.post(url, {"triage-decision": "reject", "triage-reason": " "}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html and 'id="case-triage"' in html
    assert "Give the reason the CSO will read." in html
    case.refresh_from_db()
    assert case.status == Status.SUBMITTED


def test_a_step_that_changes_the_case_sends_htmx_to_the_whole_page(client, coordinator):
    case, _admin = request_help()
    client.force_login(coordinator)
    services.conflict_check(actor=coordinator, case=case, note="")
    response = client.post(reverse("legal_aid:triage", args=[case.pk]), {"triage-decision": "accept"}, **HTMX)
    assert response.status_code == 200 and response["HX-Redirect"] == reverse("legal_aid:case", args=[case.pk])
    case.refresh_from_db()
    assert case.status == Status.TRIAGED
    assert "The decision is recorded and the CSO informed." in client.get(response["HX-Redirect"]).content.decode()


def test_without_javascript_a_refused_step_shows_the_whole_page_with_what_was_typed(client, coordinator):
    case, _admin = request_help()
    client.force_login(coordinator)
    response = client.post(
        reverse("legal_aid:triage", args=[case.pk]), {"triage-decision": "accept", "triage-reason": "Looks fine."}
    )
    html = response.content.decode()
    assert response.status_code == 200 and "<html" in html
    assert "Run the conflict check before accepting the case." in html and "Looks fine." in html


def test_a_cso_member_sends_a_message_with_the_form_the_page_gives(client):
    case, admin = request_help()
    client.force_login(admin)
    html = client.get(reverse("legal_aid:case", args=[case.pk])).content.decode()
    hidden = re.search(r'<input type="hidden" name="([^"]+)" value="shared">', html)
    assert hidden is not None and hidden.group(1) == "note-visibility"
    client.post(
        reverse("legal_aid:note_add", args=[case.pk]), {"note-text": "Here is the contract.", hidden.group(1): "shared"}
    )
    assert case.notes.get().text == "Here is the contract."


def test_ticking_a_task_with_htmx_answers_with_the_tasks_panel(client, coordinator):
    case, _admin = request_help()
    lawyer = staff_member(Role.LAWYER)
    assigned(case, coordinator, lawyer)
    task = CaseTask.objects.create(
        case=case, kind="hearing", title="Hearing", due_at=timezone.now() + dt.timedelta(days=1), assigned_to=lawyer
    )
    client.force_login(lawyer)
    response = client.post(reverse("legal_aid:task_done", args=[task.pk]), **HTMX)
    html = response.content.decode()
    assert 'id="case-tasks"' in html and "<html" not in html and "Mark as not done" in html
    task.refresh_from_db()
    assert task.done_at is not None
    assert client.post(reverse("legal_aid:task_done", args=[task.pk])).status_code == 302  # without htmx
