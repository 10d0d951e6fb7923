import datetime as dt

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from centers.tests.factories import centre, staff_member
from core.files import private_file_url
from grants.models import (
    Application,
    ApplicationScreeningEvent,
    ApplicationVersion,
    EligibilityCriterion,
    GrantCall,
    RequiredAttachment,
)
from grants.tests.factories import published_call
from notifications.models import Notification
from organizations.models import Membership
from organizations.tests.factories import organization_with_admin

pytestmark = pytest.mark.django_db


@pytest.fixture
def applicant(client):
    call = published_call(cofinancing_percent=10)
    organization, admin = organization_with_admin(verification_status="verified")
    client.force_login(admin)
    response = client.post(reverse("grants:application_start", args=[call.code]), {"organization": organization.pk})
    application = Application.objects.get()
    assert response["Location"] == reverse("grants:application", args=[application.pk])
    return call, organization, admin, application


def fill(client, application, *, unit_cost="1000", cofinancing="1500"):
    section = lambda name: reverse("grants:application_section", args=[application.pk, name])  # noqa: E731
    client.post(
        section("project"), {"title": "Peace circles in Sinjar", "summary": "Dialogue.", "objectives": "Trust."}
    )
    client.post(
        section("activities"), {"activities": "Circles, months 1-6", "duration_months": "6", "locations": ["ninewa"]}
    )
    client.post(
        section("beneficiaries"),
        {
            "beneficiaries_women_youth": "40",
            "beneficiaries_women_adult": "20",
            "beneficiaries_men_youth": "30",
            "beneficiaries_men_adult": "10",
            "beneficiaries_children": "0",
        },
    )
    client.post(
        reverse("grants:budget_line_add", args=[application.pk]),
        {
            "line-category": "activities",
            "line-description": "Circles",
            "line-unit": "session",
            "line-quantity": "15",
            "line-unit_cost": unit_cost,
        },
    )
    client.post(section("budget"), {"cofinancing": cofinancing})


def test_a_verified_cso_fills_and_submits_an_application(client, applicant, django_capture_on_commit_callbacks):
    call, organization, admin, application = applicant
    page = client.get(reverse("grants:application", args=[application.pk])).content.decode()
    assert "Write the project summary." in page and "Add the budget lines." in page
    fill(client, application)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("grants:application_submit", args=[application.pk]), {"declaration": "on"})
    application.refresh_from_db()
    assert response.status_code == 302
    assert application.status == "submitted"
    assert application.reference == f"{call.code}-0001"
    version = ApplicationVersion.objects.get(application=application)
    assert version.content["requested"] == "13500.000" and version.content["title"] == "Peace circles in Sinjar"
    assert Notification.objects.get(recipient=admin, kind="application_submitted")
    # frozen: nothing can change any more
    client.post(reverse("grants:application_section", args=[application.pk, "project"]), {"title": "Changed"})
    application.refresh_from_db()
    assert application.title == "Peace circles in Sinjar"


def test_the_budget_must_respect_the_calls_limits_and_co_financing(client, applicant):
    _call, _organization, _admin, application = applicant
    fill(client, application, unit_cost="3000", cofinancing="0")
    client.post(reverse("grants:application_submit", args=[application.pk]), {"declaration": "on"})
    application.refresh_from_db()
    assert application.status == "draft"
    page = client.get(reverse("grants:application", args=[application.pk])).content.decode()
    assert "must be between 5,000 and 20,000 USD" in page
    assert "co-financing must be at least 10%" in page


def test_only_an_admin_declares_and_the_declaration_is_required(client, applicant):
    _call, organization, _admin, application = applicant
    fill(client, application)
    client.post(reverse("grants:application_submit", args=[application.pk]), {})
    application.refresh_from_db()
    assert application.status == "draft"
    member = UserFactory()
    Membership.objects.create(organization=organization, user=member, role="member")
    client.force_login(member)
    response = client.post(reverse("grants:application_submit", args=[application.pk]), {"declaration": "on"})
    assert response.status_code == 403


def test_a_submission_one_second_after_the_deadline_is_refused(client, applicant):
    call, _organization, _admin, application = applicant
    fill(client, application)
    GrantCall.objects.filter(pk=call.pk).update(closes_at=timezone.now() - dt.timedelta(seconds=1))
    client.post(reverse("grants:application_submit", args=[application.pk]), {"declaration": "on"})
    application.refresh_from_db()
    assert application.status == "draft" and application.reference is None
    page = client.get(reverse("grants:application", args=[application.pk])).content.decode()
    assert "Submit the application" not in page


def test_unverified_organisations_cannot_apply(client):
    call = published_call()
    organization, admin = organization_with_admin(verification_status="pending")
    client.force_login(admin)
    client.post(reverse("grants:application_start", args=[call.code]), {"organization": organization.pk})
    assert not Application.objects.exists()


def test_another_cso_cannot_see_the_application_and_officers_only_read_it(client, applicant):
    _call, _organization, _admin, application = applicant
    _other_org, other_admin = organization_with_admin(verification_status="verified")
    client.force_login(other_admin)
    assert client.get(reverse("grants:application", args=[application.pk])).status_code == 404
    client.force_login(staff_member(Role.GRANT_OFFICER))
    assert client.get(reverse("grants:application", args=[application.pk])).status_code == 200
    assert (
        client.post(reverse("grants:application_submit", args=[application.pk]), {"declaration": "on"}).status_code
        == 403
    )


def test_withdrawing_allows_a_fresh_start(client, applicant):
    call, organization, _admin, application = applicant
    client.post(reverse("grants:application_withdraw", args=[application.pk]))
    application.refresh_from_db()
    assert application.status == "withdrawn"
    client.post(reverse("grants:application_start", args=[call.code]), {"organization": organization.pk})
    assert Application.objects.filter(status="draft").count() == 1


def test_the_profile_lists_the_csos_applications(client, applicant):
    _call, organization, _admin, application = applicant
    html = client.get(reverse("organizations:detail", args=[organization.pk])).content.decode()
    assert reverse("grants:application", args=[application.pk]) in html


def submitted(client, applicant):
    _call, _organization, admin, application = applicant
    fill(client, application)
    client.post(reverse("grants:application_submit", args=[application.pk]), {"declaration": "on"})
    application.refresh_from_db()
    assert application.status == "submitted"
    return application


def test_screening_checks_the_profile_and_tells_an_ineligible_cso_why(client, applicant):

    call, organization, admin, application = applicant
    EligibilityCriterion.objects.create(
        call=call,
        text="Founded in 2010 or before",
        text_en="Founded in 2010 or before",
        auto_check="founded_before",
        year=2010,
    )
    organization.founded_year = 2019
    organization.save()
    application = submitted(client, applicant)
    officer = staff_member(Role.GRANT_OFFICER)
    client.force_login(officer)
    page = client.get(reverse("grants:application", args=[application.pk])).content.decode()
    assert "not met" in page
    url = reverse("grants:application_screen", args=[application.pk])
    client.post(url, {"screen-decision": "eligible", "screen-reason": ""})
    application.refresh_from_db()
    assert application.eligibility == "pending"  # a failing check needs a justification
    client.post(url, {"screen-decision": "ineligible", "screen-reason": ""})
    application.refresh_from_db()
    assert application.eligibility == "pending"
    client.post(url, {"screen-decision": "ineligible", "screen-reason": "Founded after 2010."})
    application.refresh_from_db()
    assert application.eligibility == "ineligible"
    assert ApplicationScreeningEvent.objects.get(pgh_obj=application).pgh_context.metadata["user"] == officer.pk
    assert "Founded after 2010." in Notification.objects.get(recipient=admin, kind="application_ineligible").body
    client.force_login(admin)
    assert "Founded after 2010." in client.get(reverse("grants:application", args=[application.pk])).content.decode()


def test_the_officers_list_of_applications_makes_constant_queries(client, applicant):

    call, *_ = applicant
    client.force_login(staff_member(Role.GRANT_OFFICER))

    def queries_with(count):
        while Application.objects.filter(call=call).exclude(status="draft").count() < count:
            organization, _admin = organization_with_admin(verification_status="verified")
            number = Application.objects.count() + 1
            Application.objects.create(
                call=call,
                organization=organization,
                status="submitted",
                reference=f"R-{number}",
                submitted_at=timezone.now(),
            )
        with CaptureQueriesContext(connection) as captured:
            client.get(reverse("grants:call_applications", args=[call.code]))
        return len(captured)

    assert queries_with(5) == queries_with(50)


def test_required_documents_are_attached_checked_and_kept_private(
    client, applicant, django_capture_on_commit_callbacks
):

    call, _organization, admin, application = applicant
    required = RequiredAttachment.objects.create(
        call=call, name="Registration certificate", name_en="Registration certificate"
    )
    fill(client, application)
    page = client.get(reverse("grants:application", args=[application.pk])).content.decode()
    assert "Attach: Registration certificate." in page
    url = reverse("grants:attachment_upload", args=[application.pk, required.pk])
    response = client.post(url, {"file": SimpleUploadedFile("cert.pdf", b"<html>fake</html>")}, follow=True)
    assert "its content is not a PDF file" in response.content.decode()
    client.post(url, {"file": SimpleUploadedFile("cert.pdf", b"%PDF-1.4 certificate")})
    attachment = application.attachments.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("grants:application_submit", args=[application.pk]), {"declaration": "on"})
    application.refresh_from_db()
    assert application.status == "submitted"
    # the receipt: a PDF, e-mailed to the submitter
    assert application.receipt.name.endswith(".pdf")
    receipts = [m for m in mail.outbox if m.attachments]
    assert [m.attachments[0][0] for m in receipts] == [f"receipt-{application.reference}.pdf"]
    assert receipts[0].to == [admin.email]
    assert client.get(private_file_url(application, "receipt")).status_code == 200
    other_org, other_admin = organization_with_admin()
    client.force_login(other_admin)
    assert client.get(private_file_url(attachment, "file")).status_code == 404


def test_centre_staff_prepare_and_submit_for_a_cso_that_asked_with_its_consent_recorded(client):

    call = published_call()
    organization, _admin = organization_with_admin(verification_status="verified", nearest_centre=centre("basra"))
    helper = staff_member(Role.CENTRE_STAFF, centre_slug="basra")
    client.force_login(helper)
    url = reverse("grants:application_start_for_cso", args=[call.code])
    response = client.post(url, {"organization": organization.pk, "consent_note": ""})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not Application.objects.exists()
    client.post(url, {"organization": organization.pk, "consent_note": "The director asked on 3 May."})
    application = Application.objects.get()
    assert application.prepared_by_staff and application.staff_helper == helper
    fill(client, application)
    client.post(reverse("grants:application_submit", args=[application.pk]), {"declaration": "on"})
    application.refresh_from_db()
    assert application.status == "submitted" and application.submitted_by == helper
    # other centre staff see nothing of it; staff of another centre cannot help this CSO
    client.force_login(staff_member(Role.CENTRE_STAFF, centre_slug="basra"))
    assert client.get(reverse("grants:application", args=[application.pk])).status_code == 404
    client.force_login(staff_member(Role.CENTRE_STAFF, centre_slug="erbil"))
    response = client.post(url, {"organization": organization.pk, "consent_note": "x"})
    assert response.status_code == 403  # no verified CSO of their own centre to help
    assert Application.objects.count() == 1


def test_a_start_for_an_organisation_id_that_is_not_a_number_is_not_found(client, applicant):
    call, _organization, _admin, _application = applicant
    for value in ("abc", "1e309", "", "٣", "9" * 40):
        response = client.post(reverse("grants:application_start", args=[call.code]), {"organization": value})
        assert response.status_code == 404
    assert Application.objects.count() == 1
