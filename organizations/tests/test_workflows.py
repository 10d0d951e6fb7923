"""The organisations' workflows (organizations.workflows), walked through the services: a CSO's
verification and an invitation to its team, from every status, allowed or refused as the tables say."""

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from centers.tests.factories import staff_member
from organizations import services
from organizations.models import (
    Invitation,
    InvitationStatus,
    Membership,
    MembershipEvent,
    MembershipRole,
    OrganizationVerificationEvent,
    VerificationStatus,
)
from organizations.tests.factories import invitation_for, organization_with_admin
from organizations.workflows import INVITATION, VERIFICATION

pytestmark = pytest.mark.django_db

DECISIONS = [(state, target) for state in VerificationStatus.values for target in VerificationStatus.values]


@pytest.mark.parametrize(("state", "target"), DECISIONS, ids=[f"{s}-to-{t}" for s, t in DECISIONS])
def test_each_verification_decision_from_each_status_is_allowed_or_refused_as_the_table_says(state, target):
    # given
    organization, _admin = organization_with_admin(verification_status=state)
    officer = staff_member(Role.GRANT_OFFICER)

    def decide():
        return services.organization_verify(
            actor=officer, organization=organization, status=target, reason=f"Decided from {state}."
        )

    if not VERIFICATION.can_move(state, target):
        # when / then: refused, and nothing changed
        with pytest.raises(ValidationError):
            decide()
        organization.refresh_from_db()
        assert organization.verification_status == state
        return
    # when
    decide()
    # then
    organization.refresh_from_db()
    assert organization.verification_status == target
    event = OrganizationVerificationEvent.objects.filter(pgh_obj=organization).latest("pgh_id")
    assert event.verification_status == target and event.pgh_context.metadata["user"] == officer.pk
    assert event.pgh_context.metadata["action"] == "organization_verify"


@pytest.mark.parametrize("state", VerificationStatus.values)
def test_people_who_do_not_verify_are_refused_and_the_status_stays(state):
    organization, admin = organization_with_admin(verification_status=state)
    basra_staff = staff_member(Role.CENTRE_STAFF, centre_slug="basra")  # the CSO is near Erbil
    for person in (admin, basra_staff, staff_member(Role.TRAINER)):
        assert not VERIFICATION.actions_for(organization, person)
        with pytest.raises(PermissionDenied):
            services.organization_verify(
                actor=person, organization=organization, status=VerificationStatus.VERIFIED, reason=""
            )
        organization.refresh_from_db()
        assert organization.verification_status == state


def accept(invitation, person):
    return services.invitation_accept(user=person, token=services.invitation_token(invitation))


def revoke(invitation, person):
    return services.invitation_revoke(actor=person, invitation=invitation)


INVITATION_STEPS = {"accept": accept, "revoke": revoke}
INVITATION_WALK = [(state, action) for state in InvitationStatus.values for action in INVITATION_STEPS]


@pytest.mark.parametrize(("state", "action"), INVITATION_WALK, ids=[f"{s}-{a}" for s, a in INVITATION_WALK])
def test_each_invitation_step_from_each_status_is_allowed_or_refused_as_the_table_says(state, action):
    # given: an invitation to invitee@example.org; the CSO's admin withdraws, the invitee accepts
    organization, admin = organization_with_admin()
    invitation = invitation_for(organization, status=state)
    invitee = UserFactory(email="invitee@example.org")
    person = invitee if action == "accept" else admin
    transition = INVITATION.transition(action, state)
    if transition is None:
        with pytest.raises(ValidationError):
            INVITATION_STEPS[action](invitation, person)
        invitation.refresh_from_db()
        assert invitation.status == state
        return
    INVITATION_STEPS[action](invitation, person)
    invitation.refresh_from_db()
    assert invitation.status == transition.target
    if action == "accept":  # invitations themselves have no history; the membership they give has
        membership = Membership.objects.get(organization=organization, user=invitee)
        context = MembershipEvent.objects.get(pgh_obj=membership).pgh_context.metadata
        assert context["user"] == invitee.pk and context["action"] == "invitation_accept"


def test_an_invitation_is_refused_to_people_the_table_does_not_name_and_stays_pending():
    organization, admin = organization_with_admin()
    member = UserFactory()
    Membership.objects.create(organization=organization, user=member, role=MembershipRole.MEMBER)
    invitation = invitation_for(organization)
    with pytest.raises(ValidationError, match="was sent to invitee@example.org"):
        accept(invitation, UserFactory(email="someone.else@example.org"))
    with pytest.raises(PermissionDenied):
        revoke(invitation, member)  # a member who does not manage the team
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.PENDING and not Invitation.objects.exclude(pk=invitation.pk).exists()
    assert INVITATION.actions_for(invitation, admin) == {"revoke"}


def test_the_design_document_carries_the_tables_as_the_workflows_render_them():
    document = (settings.BASE_DIR / "docs" / "workflows.md").read_text()
    assert VERIFICATION.markdown() in document
    assert INVITATION.markdown() in document


def test_withdrawing_an_invitation_already_accepted_is_refused_with_a_message(client):
    organization, admin = organization_with_admin()
    invitation = invitation_for(organization, status=InvitationStatus.ACCEPTED)
    client.force_login(admin)
    response = client.post(
        reverse("organizations:invitation_revoke", args=[organization.pk, invitation.pk]), follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("organizations:detail", args=[organization.pk])
    assert "it cannot become" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ACCEPTED
