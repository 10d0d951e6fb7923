import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from centers.tests.factories import centre, staff_member
from core.files import private_file_url
from core.uploads import in_memory_pdf
from legal_aid import services
from legal_aid.models import CaseAccess, CaseAssignment, CaseNoteEvent, LegalCase, LegalCaseEvent, ReferralEvent
from legal_aid.tasks import send_task_reminders
from notifications.models import Notification
from organizations.tests.factories import organization_with_admin

pytestmark = pytest.mark.django_db


def request_help(organization=None, admin=None, **data):
    """A CSO admin's online request (a labour question, consent to data use, none to referral)."""
    if organization is None:
        organization, admin = organization_with_admin(name="Nineveh Youth Forum")
    fields = {
        "category": "labour",
        "description": "An employee asks for end-of-service pay.",
        "counterpart": "",
        "urgency": "normal",
        "preferred_centre": centre("erbil"),
        "preferred_language": "ar",
        "consent_data_use": True,
        "consent_referral": False,
        **data,
    }
    return services.case_request(actor=admin, organization=organization, data=fields), admin


def accepted(case, coordinator):
    services.conflict_check(actor=coordinator, case=case, note="")
    return services.triage(actor=coordinator, case=case, decision="accept")


def assigned(case, coordinator, lawyer):
    accepted(case, coordinator)
    return services.assign(actor=coordinator, case=case, primary=lawyer)


@pytest.fixture
def team():
    return (
        staff_member(Role.LEGAL_COORDINATOR),
        staff_member(Role.LAWYER),
        staff_member(Role.LAWYER, centre_slug="basra"),
    )


def test_a_request_needs_consent_and_refuses_a_forbidden_document_with_the_reason(client):
    organization, admin = organization_with_admin()
    coordinator = staff_member(Role.LEGAL_COORDINATOR)
    client.force_login(admin)
    url = reverse("legal_aid:case_request")
    form = {
        "organization": organization.pk,
        "category": "registration",
        "description": "Our registration expires next month.",
        "urgency": "urgent",
        "preferred_centre": centre("mosul").pk,
        "preferred_language": "ar",
    }
    html = client.post(url, form).content.decode()
    assert "needs the CSO&#x27;s consent" in html and "Our registration expires next month." in html
    form["consent_data_use"] = "on"
    form["documents"] = [SimpleUploadedFile("virus.exe", b"MZ\x90\x00")]
    response = client.post(url, form)
    assert response.status_code == 200 and not LegalCase.objects.exists()
    assert "Files of type “.exe” are not accepted here." in response.content.decode()
    form["documents"] = [in_memory_pdf("certificate.pdf"), in_memory_pdf("letter.pdf")]
    response = client.post(url, form)
    case = LegalCase.objects.get()
    assert response.status_code == 302 and case.reference == f"LA-{timezone.localdate().year}-{case.pk:05d}"
    assert case.documents.count() == 2 and case.requested_by == admin and case.channel == "online"
    assert Notification.objects.filter(recipient=coordinator, kind="legal_case_submitted").exists()


def test_centre_staff_record_requests_for_the_csos_of_their_centre_only():
    organization, _admin = organization_with_admin()  # near the Erbil centre
    data = {"category": "tax", "description": "Tax on volunteers' allowances.", "preferred_centre": centre("erbil")}
    data["consent_data_use"] = True
    erbil_staff, basra_staff = staff_member(Role.CENTRE_STAFF), staff_member(Role.CENTRE_STAFF, centre_slug="basra")
    case = services.case_request(actor=erbil_staff, organization=organization, data=data, channel="phone")
    assert case.recorded_by == erbil_staff and case.requested_by is None
    with pytest.raises(PermissionDenied):
        services.case_request(actor=basra_staff, organization=organization, data=data, channel="phone")


def test_triage_needs_the_conflict_check_shows_conflicts_and_a_refusal_needs_a_reason(team):
    coordinator, _lawyer, _other = team
    helped, _ = request_help()  # the programme helps Nineveh Youth Forum
    printers, admin = organization_with_admin(name="Mosul Printing Workers")
    case, _ = request_help(printers, admin, counterpart="nineveh youth forum")
    with pytest.raises(ValidationError, match="conflict check"):
        services.triage(actor=coordinator, case=case, decision="accept")
    assert [c.pk for c in services.conflicts(case)] == [helped.pk]
    with pytest.raises(ValidationError, match="say how you weighed them"):
        services.conflict_check(actor=coordinator, case=case, note="")
    services.conflict_check(actor=coordinator, case=case, note="Conflict: we represent the other side.")
    with pytest.raises(ValidationError, match="reason the CSO will read"):
        services.triage(actor=coordinator, case=case, decision="reject", reason=" ")
    services.triage(actor=coordinator, case=case, decision="reject", reason="We advise the other party.")
    case.refresh_from_db()
    assert case.status == "rejected" and case.rejection_reason == "We advise the other party."
    with pytest.raises(ValidationError, match="cannot become"):
        services.triage(actor=coordinator, case=case, decision="accept")


def test_assignments_keep_their_history_and_only_lawyers_are_assigned(team):
    coordinator, lawyer, basra_lawyer = team
    case, _ = request_help()
    accepted(case, coordinator)
    with pytest.raises(ValidationError, match="Only lawyers"):
        services.assign(actor=coordinator, case=case, primary=staff_member(Role.CENTRE_STAFF))
    services.assign(actor=coordinator, case=case, primary=lawyer, additional=[basra_lawyer])
    services.assign(actor=coordinator, case=case, primary=basra_lawyer)
    rows = list(CaseAssignment.objects.filter(case=case).order_by("pk").values_list("lawyer", "role", "ended_at"))
    assert [(r[0], r[1], r[2] is None) for r in rows] == [
        (lawyer.pk, "primary", False),
        (basra_lawyer.pk, "additional", False),
        (basra_lawyer.pk, "primary", True),
    ]
    case.refresh_from_db()
    assert case.primary_lawyer == basra_lawyer and case.status == "assigned"
    assert Notification.objects.filter(recipient=lawyer, kind="legal_case_assigned").count() == 1


def test_the_workflow_refuses_steps_it_does_not_allow_and_only_the_coordinator_reopens(team):
    coordinator, lawyer, _ = team
    case, _ = request_help()
    assigned(case, coordinator, lawyer)
    with pytest.raises(ValidationError, match="“Assigned” cannot become “Resolved”"):
        services.set_status(actor=lawyer, case=case, status="resolved")
    services.set_status(actor=lawyer, case=case, status="in_progress")
    services.set_status(actor=lawyer, case=case, status="waiting")
    services.set_status(actor=lawyer, case=case, status="in_progress")
    with pytest.raises(ValidationError) as refused:
        services.close(actor=lawyer, case=case, outcome="", summary="")
    assert set(refused.value.message_dict) == {"outcome", "summary"}
    services.close(actor=lawyer, case=case, outcome="advice", summary="Advice on the labour code given.")
    case.refresh_from_db()
    assert case.status == "closed" and case.closed_at
    with pytest.raises(ValidationError, match="Only the legal coordinator reopens"):
        services.set_status(actor=lawyer, case=case, status="in_progress")
    services.set_status(actor=coordinator, case=case, status="in_progress")
    case.refresh_from_db()
    assert case.status == "in_progress" and case.outcome == "" and case.closed_at is None
    statuses = list(LegalCaseEvent.objects.filter(pgh_obj=case).order_by("pgh_id").values_list("status", flat=True))
    assert statuses[-4:] == ["waiting", "in_progress", "closed", "in_progress"]


def test_only_assigned_lawyers_the_coordinator_and_the_cso_see_a_case_and_every_view_is_logged(client, team):
    coordinator, lawyer, basra_lawyer = team
    case, admin = request_help()
    assigned(case, coordinator, lawyer)
    services.set_status(actor=lawyer, case=case, status="in_progress")
    services.note_add(actor=lawyer, case=case, text="The employer is a board member's cousin.", visibility="internal")
    services.note_add(actor=lawyer, case=case, text="Please send the contract.", visibility="shared")
    url = reverse("legal_aid:case", args=[case.pk])
    for outsider in (basra_lawyer, staff_member(Role.LAWYER), staff_member(Role.CENTRE_MANAGER)):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
    client.force_login(admin)
    html = client.get(url).content.decode()
    assert "Please send the contract." in html and "board member" not in html
    client.force_login(lawyer)
    html = client.get(url).content.decode()
    assert "Please send the contract." in html and "board member&#x27;s cousin" in html
    # The CSO replies; a document the lawyer keeps internal is not offered to the CSO.
    client.force_login(admin)
    client.post(
        reverse("legal_aid:note_add", args=[case.pk]),
        {"note-text": "Contract attached.", "note-visibility": "internal"},
    )
    assert case.notes.get(text="Contract attached.").visibility == "shared"
    internal = services.document_add(actor=lawyer, case=case, upload=in_memory_pdf("memo.pdf"), visibility="internal")
    shared = services.document_add(actor=lawyer, case=case, upload=in_memory_pdf("draft.pdf"), visibility="shared")
    assert client.get(private_file_url(internal, "file")).status_code == 404
    assert client.get(private_file_url(shared, "file")).status_code == 200
    log = list(CaseAccess.objects.filter(case=case).values_list("user", "action"))
    assert (admin.pk, "document") in log and (lawyer.pk, "view") in log and (admin.pk, "view") in log
    assert (basra_lawyer.pk, "view") not in log


def test_tasks_refuse_past_dates_and_the_deadlines_page_lists_overdue_and_next_week(client, team):
    coordinator, lawyer, _ = team
    case, _ = request_help()
    assigned(case, coordinator, lawyer)
    now = timezone.now()
    with pytest.raises(ValidationError, match="in the past"):
        services.task_add(
            actor=lawyer,
            case=case,
            data={"kind": "hearing", "title": "Hearing", "due_at": now - dt.timedelta(hours=1), "assigned_to": lawyer},
        )
    soon = services.task_add(
        actor=lawyer,
        case=case,
        data={
            "kind": "hearing",
            "title": "Hearing at the labour court",
            "due_at": now + dt.timedelta(days=1),
            "assigned_to": lawyer,
        },
    )
    services.task_add(
        actor=lawyer,
        case=case,
        data={
            "kind": "filing",
            "title": "File the appeal",
            "due_at": now + dt.timedelta(days=20),
            "assigned_to": lawyer,
        },
    )
    late = services.task_add(
        actor=lawyer,
        case=case,
        data={
            "kind": "deadline",
            "title": "Answer the notice",
            "due_at": now + dt.timedelta(minutes=5),
            "assigned_to": lawyer,
        },
    )
    type(late).objects.filter(pk=late.pk).update(due_at=now - dt.timedelta(days=1))
    client.force_login(lawyer)
    html = client.get(reverse("legal_aid:deadlines")).content.decode()
    assert html.count('data-testid="overdue"') == 1 and html.count('data-testid="next-week"') == 1
    assert "Answer the notice" in html and "Hearing at the labour court" in html and "File the appeal" not in html
    assert send_task_reminders() == 2 and send_task_reminders() == 0
    kinds = sorted(
        Notification.objects.filter(recipient=lawyer, kind__startswith="legal_task").values_list("kind", flat=True)
    )
    assert kinds == ["legal_task_due", "legal_task_overdue"]
    client.post(reverse("legal_aid:task_done", args=[soon.pk]), {"next": "deadlines"})
    soon.refresh_from_db()
    assert soon.done_at is not None


def test_a_registration_filed_in_the_kurdistan_region_shows_when_silence_counts_as_approval(client, team):
    coordinator, lawyer, _ = team
    case, admin = request_help(category="registration")
    assigned(case, coordinator, lawyer)
    filed = timezone.localdate() - dt.timedelta(days=3)
    with pytest.raises(ValidationError, match="cannot be in the future"):
        services.filing_record(
            actor=lawyer, case=case, authority="krg", filed_on=timezone.localdate() + dt.timedelta(days=1)
        )
    services.filing_record(actor=lawyer, case=case, authority="krg", filed_on=filed)
    case.refresh_from_db()
    assert case.deemed_approval_on == filed + dt.timedelta(days=30)
    assert case.tasks.get().due_at.date() == filed + dt.timedelta(days=30)
    client.force_login(admin)
    html = client.get(reverse("legal_aid:case", args=[case.pk])).content.decode()
    assert 'data-testid="deemed-approval"' in html
    services.filing_record(actor=lawyer, case=case, authority="federal", filed_on=filed)
    case.refresh_from_db()
    assert case.deemed_approval_on is None


def test_a_referral_needs_consent_or_the_coordinators_logged_override_and_records_its_outcome(team):
    coordinator, lawyer, _ = team
    case, _ = request_help()  # no consent to referral
    assigned(case, coordinator, lawyer)
    services.set_status(actor=lawyer, case=case, status="in_progress")
    with pytest.raises(ValidationError, match="only the legal coordinator can override"):
        services.refer(actor=lawyer, case=case, organization_name="Bar association", reason="Court work.")
    with pytest.raises(ValidationError, match="give the reason for the override"):
        services.refer(actor=coordinator, case=case, organization_name="Bar association", reason="Court work.")
    referral = services.refer(
        actor=coordinator,
        case=case,
        organization_name="Bar association",
        reason="Court work.",
        override_reason="The hearing is tomorrow and the CSO cannot be reached.",
    )
    assert referral.basis == "override"
    event = ReferralEvent.objects.get(pgh_obj=referral)
    assert event.pgh_context.metadata["action"] == "legal_referral_override"
    assert event.pgh_context.metadata["user"] == coordinator.pk
    case.refresh_from_db()
    assert case.status == "referred"
    with pytest.raises(ValidationError):
        services.referral_outcome(actor=lawyer, referral=referral, outcome="pending", note="")
    services.referral_outcome(actor=lawyer, referral=referral, outcome="accepted", note="Taken up.")
    referral.refresh_from_db()
    assert referral.outcome == "accepted"


def test_closing_needs_an_outcome_and_the_cso_sees_it_and_rates_the_help(client, team):
    coordinator, lawyer, _ = team
    case, admin = request_help()
    assigned(case, coordinator, lawyer)
    services.set_status(actor=lawyer, case=case, status="in_progress")
    client.force_login(admin)
    with pytest.raises(ValidationError, match="once the case is resolved"):
        services.rate(actor=admin, case=case, rating=4, comment="")
    client.force_login(lawyer)
    html = client.post(
        reverse("legal_aid:close", args=[case.pk]), {"close-outcome": "", "close-summary": ""}
    ).content.decode()
    assert "Choose the outcome." in html and "Summarise the outcome for the CSO." in html
    client.post(
        reverse("legal_aid:close", args=[case.pk]), {"close-outcome": "solved", "close-summary": "Paid in full."}
    )
    client.force_login(admin)
    html = client.get(reverse("legal_aid:case", args=[case.pk])).content.decode()
    assert 'data-testid="outcome"' in html and "Paid in full." in html
    client.post(reverse("legal_aid:rate", args=[case.pk]), {"rating-rating": "5", "rating-comment": "Quick and clear."})
    case.refresh_from_db()
    assert case.rating == 5 and Notification.objects.filter(recipient=admin, kind="legal_case_closed").exists()


def test_the_retention_job_anonymises_old_closed_cases_and_leaves_an_audit_entry(settings, team):
    coordinator, lawyer, _ = team
    settings.TATWEER_LEGAL_RETENTION_DAYS = 365
    old, _ = request_help(description="Confidential details.", counterpart="Someone")
    recent, _ = request_help(description="Recent details.")
    for case in (old, recent):
        assigned(case, coordinator, lawyer)
        services.set_status(actor=lawyer, case=case, status="in_progress")
        services.note_add(actor=lawyer, case=case, text="Note.", visibility="internal")
        services.document_add(actor=lawyer, case=case, upload=in_memory_pdf(), visibility="shared")
        services.close(actor=lawyer, case=case, outcome="advice", summary="Advice given.")
    LegalCase.objects.filter(pk=old.pk).update(closed_at=timezone.now() - dt.timedelta(days=400))
    assert services.anonymise_closed_cases() == 1
    old.refresh_from_db()
    assert old.description == "" and old.counterpart == "" and old.requested_by is None
    assert not old.notes.exists() and not old.documents.exists() and old.outcome == "advice"
    assert LegalCaseEvent.objects.filter(pgh_obj=old, pgh_label="anonymised").get().pgh_context.metadata["action"] == (
        "legal_retention"
    )
    recent.refresh_from_db()
    assert recent.description == "Recent details." and services.anonymise_closed_cases() == 0


def test_lists_make_the_same_queries_for_5_and_50_cases(client, team):
    coordinator, lawyer, _ = team

    def more(count):
        for _index in range(count):
            organization, admin = organization_with_admin()
            case, _ = request_help(organization, admin)
            assigned(case, coordinator, lawyer)
            services.task_add(
                actor=lawyer,
                case=case,
                data={
                    "kind": "hearing",
                    "title": "Hearing",
                    "due_at": timezone.now() + dt.timedelta(days=2),
                    "assigned_to": lawyer,
                },
            )

    pages = {
        "cases": (reverse("legal_aid:case_list"), 'data-testid="case-row"', lawyer),
        "deadlines": (reverse("legal_aid:deadlines"), 'data-testid="next-week"', lawyer),
        "overview": (reverse("legal_aid:overview"), 'data-testid="lawyer-load"', coordinator),
    }
    more(5)
    five = {}
    for name, (url, marker, person) in pages.items():
        client.force_login(person)
        with CaptureQueriesContext(connection) as queries:
            html = client.get(url).content.decode()
        assert marker in html, name
        five[name] = len(queries)
    more(45)
    for name, (url, marker, person) in pages.items():
        client.force_login(person)
        with CaptureQueriesContext(connection) as queries:
            html = client.get(url).content.decode()
        if name != "overview":
            assert html.count(marker) == 50, name
        assert len(queries) == five[name], name


def test_the_donor_sees_aggregated_figures_without_case_details(client, team):
    coordinator, lawyer, _ = team
    case, _ = request_help(description="A very private story.")
    assigned(case, coordinator, lawyer)
    request_help(category="tax")
    client.force_login(staff_member(Role.DONOR))
    html = client.get(reverse("legal_aid:figures")).content.decode()
    assert 'data-testid="total-cases">2<' in html and 'data-testid="csos-served">2<' in html
    assert "A very private story." not in html and case.reference not in html
    assert html.count('data-testid="category-row"') == 2


def test_retention_copes_with_overridden_referrals_and_purges_history_and_notifications(settings, team):
    coordinator, lawyer, _ = team
    settings.TATWEER_LEGAL_RETENTION_DAYS = 30
    case, admin = request_help()  # no consent to referral
    assigned(case, coordinator, lawyer)
    services.set_status(actor=lawyer, case=case, status="in_progress")
    services.note_add(actor=lawyer, case=case, text="SECRET NOTE", visibility="shared")
    services.refer(
        actor=coordinator, case=case, organization_name="Shelter", reason="Threats.", override_reason="Urgent."
    )
    services.close(actor=lawyer, case=case, outcome="referred", summary="Referred to a shelter.")
    refused, _ = request_help()
    services.conflict_check(actor=coordinator, case=refused, note="")
    services.triage(actor=coordinator, case=refused, decision="reject", reason="Out of scope: personal matter.")
    old = timezone.now() - dt.timedelta(days=40)
    LegalCase.objects.filter(pk=case.pk).update(closed_at=old)
    LegalCase.objects.filter(pk=refused.pk).update(updated_at=old)
    assert Notification.objects.filter(url__endswith=f"/legal/cases/{case.pk}/").exists()
    assert services.anonymise_closed_cases() == 2
    case.refresh_from_db()
    referral = case.referrals.get()
    assert case.anonymised_at and referral.reason == "" and referral.basis == "override"
    assert not CaseNoteEvent.objects.filter(text="SECRET NOTE").exists()
    assert not ReferralEvent.objects.filter(pgh_obj__case=case).exclude(reason="").exists()
    assert not Notification.objects.filter(url__endswith=f"/legal/cases/{case.pk}/").exists()
    refused.refresh_from_db()
    assert refused.anonymised_at and refused.rejection_reason == "" and refused.description == ""
    assert not LegalCaseEvent.objects.filter(pgh_obj=refused).exclude(rejection_reason="").exists()
    with pytest.raises(ValidationError, match="anonymised"):
        services.set_status(actor=coordinator, case=case, status="in_progress")


def test_a_closed_case_cannot_be_referred_and_the_figures_ignore_an_impossible_year(client, team):
    coordinator, lawyer, _ = team
    case, _ = request_help(consent_referral=True)
    assigned(case, coordinator, lawyer)
    services.set_status(actor=lawyer, case=case, status="in_progress")
    services.close(actor=lawyer, case=case, outcome="advice", summary="Advice given.")
    with pytest.raises(ValidationError, match="cannot be referred"):
        services.refer(actor=lawyer, case=case, organization_name="Bar", reason="Court.")
    client.force_login(coordinator)
    for year in ("-3", "99999", "abc"):
        assert client.get(reverse("legal_aid:figures"), {"year": year}).status_code == 200


def test_centre_staff_go_back_to_the_record_form_after_recording_a_request(client):
    organization, _admin = organization_with_admin()
    staff = staff_member(Role.CENTRE_STAFF)
    client.force_login(staff)
    url = reverse("legal_aid:case_record")
    response = client.post(
        url,
        {
            "organization": organization.pk,
            "channel": "phone",
            "category": "tax",
            "description": "Tax on allowances.",
            "urgency": "normal",
            "preferred_centre": centre("erbil").pk,
            "preferred_language": "ar",
            "consent_data_use": "on",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == url and response.status_code == 200
    assert "is recorded for" in response.content.decode()
    assert LegalCase.objects.get().recorded_by == staff
