import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from centers.tests.factories import staff_member
from grants.models import Application, GrantCall
from grants.services.applications import application_withdraw
from grants.services.decisions import application_invite, decision_record
from grants.tests.factories import published_call
from grants.tests.test_applications import fill
from grants.tests.test_calls import form_post
from notifications.models import Notification
from organizations.tests.factories import organization_with_admin

pytestmark = pytest.mark.django_db


def test_a_concept_note_then_a_full_proposal_by_invitation(client):
    call = published_call(two_stages=True, full_proposal_deadline=timezone.now() + dt.timedelta(days=60))
    organization, admin = organization_with_admin(verification_status="verified")
    client.force_login(admin)
    client.post(reverse("grants:application_start", args=[call.code]), {"organization": organization.pk})
    application = Application.objects.get()
    # stage 1: only the concept note (project section) is needed
    client.post(
        reverse("grants:application_section", args=[application.pk, "project"]),
        {"title": "Peace circles", "summary": "Dialogue.", "objectives": "Trust."},
    )
    client.post(reverse("grants:application_submit", args=[application.pk]), {"declaration": "on"})
    application.refresh_from_db()
    assert (application.status, application.stage, application.versions.count()) == ("submitted", 1, 1)
    reference = application.reference
    officer = staff_member(Role.GRANT_OFFICER)
    with pytest.raises(ValidationError):
        application_invite(actor=officer, application=application)  # not screened yet
    application.eligibility = "eligible"
    application.save()
    with pytest.raises(ValidationError):
        decision_record(actor=officer, application=application, decision="award", justification="x")
    application_invite(actor=officer, application=application)
    assert Notification.objects.get(recipient=admin, kind="application_invited")
    # the first deadline has passed, the full proposal is still open until its own deadline
    GrantCall.objects.filter(pk=call.pk).update(closes_at=timezone.now() - dt.timedelta(minutes=1))
    fill(client, application)
    client.post(reverse("grants:application_submit", args=[application.pk]), {"declaration": "on"})
    application.refresh_from_db()
    assert (application.status, application.stage, application.reference) == ("submitted", 2, reference)
    assert application.versions.count() == 2


def test_a_two_stage_call_needs_a_later_second_deadline(client):

    client.force_login(staff_member(Role.GRANT_OFFICER))
    response = client.post(reverse("grants:call_create"), form_post(two_stages="on"))
    assert "needs a deadline for full proposals" in response.content.decode()
    assert not GrantCall.objects.exists()


def test_a_full_proposal_can_be_withdrawn_until_its_own_deadline():
    call = published_call(two_stages=True, full_proposal_deadline=timezone.now() + dt.timedelta(days=60))
    organization, admin = organization_with_admin(verification_status="verified")
    invited = Application.objects.create(
        call=call, organization=organization, stage=2, invited_at=timezone.now(), created_by=admin
    )
    # The concept notes closed yesterday; the full proposal is still open.
    GrantCall.objects.filter(pk=call.pk).update(closes_at=timezone.now() - dt.timedelta(days=1))
    application_withdraw(actor=admin, application=invited)
    invited.refresh_from_db()
    assert invited.status == "withdrawn"
    # Once its own deadline has passed, a full proposal stays.
    other, other_admin = organization_with_admin(verification_status="verified")
    late = Application.objects.create(call=call, organization=other, stage=2, created_by=other_admin)
    GrantCall.objects.filter(pk=call.pk).update(full_proposal_deadline=timezone.now() - dt.timedelta(minutes=1))
    with pytest.raises(ValidationError, match="closed on"):
        application_withdraw(actor=other_admin, application=late)
    late.refresh_from_db()
    assert late.status == "draft"
