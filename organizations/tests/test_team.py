import re
import time

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from accounts.tests.factories import UserFactory
from organizations.models import Invitation, Membership, MembershipRole
from organizations.services import invitation_token
from organizations.tests.factories import invitation_for, organization_with_admin

pytestmark = pytest.mark.django_db


def invite(client, organization, email, role="member"):
    return client.post(reverse("organizations:invite", args=[organization.pk]), {"email": email, "role": role})


def test_an_invitation_is_emailed_and_accepted_by_a_new_person(client, django_capture_on_commit_callbacks):
    organization, admin = organization_with_admin()
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client, organization, "Colleague@Example.org")
    assert response.status_code == 302
    message = mail.outbox[-1]
    assert message.to == ["colleague@example.org"]
    link = re.search(r"https?://\S+/organisations/invitations/\S+/", message.body).group(0)
    path = link.split("127.0.0.1:8000")[-1]

    # the colleague has no account yet: the page offers to sign up or sign in
    client.logout()
    page = client.get(path)
    assert "Create an account" in page.content.decode()

    colleague = UserFactory(email="colleague@example.org")
    client.force_login(colleague)
    response = client.post(path)
    assert response["Location"] == reverse("organizations:detail", args=[organization.pk])
    assert Membership.objects.filter(organization=organization, user=colleague, role="member").exists()

    # the link works once
    response = client.post(path)
    assert "already been used" in response.content.decode()
    assert Membership.objects.filter(organization=organization).count() == 2


def test_inviting_someone_already_in_the_team_is_refused(client):
    organization, admin = organization_with_admin()
    client.force_login(admin)
    response = invite(client, organization, admin.email.upper())
    assert response.status_code == 200
    assert "already in the team" in response.content.decode()
    assert not Invitation.objects.exists()


def test_inviting_the_same_address_twice_is_refused(client):
    organization, admin = organization_with_admin()
    client.force_login(admin)
    invite(client, organization, "x@example.org")
    response = invite(client, organization, "x@example.org")
    assert "already been invited" in response.content.decode()
    assert Invitation.objects.count() == 1


def test_an_expired_invitation_is_refused_with_a_clear_message(client, monkeypatch):
    organization, _ = organization_with_admin()
    invitation = invitation_for(organization, email="late@example.org")
    token = invitation_token(invitation)
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() + 15 * 24 * 3600)
    client.force_login(UserFactory(email="late@example.org"))
    response = client.post(reverse("organizations:invitation", args=[token]))
    assert response.status_code == 410
    assert "expired" in response.content.decode()
    assert not Membership.objects.filter(user__email="late@example.org").exists()


def test_a_tampered_invitation_link_is_refused(client):
    response = client.get(reverse("organizations:invitation", args=["not-a-token"]))
    assert response.status_code == 410
    assert "not valid" in response.content.decode()


def test_an_invitation_is_for_the_invited_address_only(client):
    organization, _ = organization_with_admin()
    invitation = invitation_for(organization, email="right@example.org")
    client.force_login(UserFactory(email="wrong@example.org"))
    response = client.post(reverse("organizations:invitation", args=[invitation_token(invitation)]))
    assert "was sent to right@example.org" in response.content.decode()
    assert not Membership.objects.filter(user__email="wrong@example.org").exists()


def test_a_secondary_verified_address_may_accept(client):
    organization, _ = organization_with_admin()
    invitation = invitation_for(organization, email="work@example.org")
    person = UserFactory(email="home@example.org")
    EmailAddress.objects.create(user=person, email="work@example.org", verified=True, primary=False)
    client.force_login(person)
    client.post(reverse("organizations:invitation", args=[invitation_token(invitation)]))
    assert Membership.objects.filter(user=person, organization=organization).exists()


def test_a_withdrawn_invitation_no_longer_works(client):
    organization, admin = organization_with_admin()
    invitation = invitation_for(organization, email="gone@example.org")
    client.force_login(admin)
    client.post(reverse("organizations:invitation_revoke", args=[organization.pk, invitation.pk]))
    client.force_login(UserFactory(email="gone@example.org"))
    response = client.post(reverse("organizations:invitation", args=[invitation_token(invitation)]))
    assert "withdrawn" in response.content.decode()


def test_the_last_admin_cannot_leave_or_be_demoted(client):
    organization, admin = organization_with_admin()
    membership = Membership.objects.get(user=admin)
    client.force_login(admin)
    client.post(reverse("organizations:membership_remove", args=[organization.pk, membership.pk]))
    assert Membership.objects.filter(pk=membership.pk).exists()
    client.post(reverse("organizations:membership_role", args=[organization.pk, membership.pk]), {"role": "member"})
    membership.refresh_from_db()
    assert membership.role == MembershipRole.ADMIN


def test_an_admin_can_leave_once_someone_else_is_admin(client):
    organization, admin = organization_with_admin()
    other = Membership.objects.create(organization=organization, user=UserFactory(), role="member")
    client.force_login(admin)
    client.post(reverse("organizations:membership_role", args=[organization.pk, other.pk]), {"role": "admin"})
    mine = Membership.objects.get(user=admin)
    response = client.post(reverse("organizations:membership_remove", args=[organization.pk, mine.pk]))
    assert response["Location"] == reverse("core:dashboard")
    assert not Membership.objects.filter(pk=mine.pk).exists()


def test_a_member_cannot_manage_the_team(client):
    organization, admin = organization_with_admin()
    member = Membership.objects.create(organization=organization, user=UserFactory(), role="member")
    client.force_login(member.user)
    admin_membership = Membership.objects.get(user=admin)
    assert (
        client.post(reverse("organizations:membership_remove", args=[organization.pk, admin_membership.pk])).status_code
        == 403
    )
    assert invite(client, organization, "x@example.org").status_code == 403


def test_a_person_in_two_csos_switches_between_them(client):
    first, person = organization_with_admin()
    second, _ = organization_with_admin()
    Membership.objects.create(organization=second, user=person, role="member")
    client.force_login(person)
    client.post(reverse("organizations:switch", args=[second.pk]))
    assert client.session["current_organization"] == second.pk
    html = client.get(reverse("core:dashboard")).content.decode()
    assert first.name in html and second.name in html


def test_the_invitation_e_mail_carries_the_organisation_name_as_written(client, django_capture_on_commit_callbacks):
    organization, admin = organization_with_admin()
    type(organization).objects.filter(pk=organization.pk).update(name="Women & Peace <Basra>")
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        invite(client, organization, "colleague@example.org")
    message = mail.outbox[-1]
    assert "Women & Peace <Basra>" in message.body + message.subject
    assert "&amp;" not in message.body + message.subject
