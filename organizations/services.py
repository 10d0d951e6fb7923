"""Every write to organisations, their teams, leadership, documents, verification and assessments."""

from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.audit import actor_context
from notifications.services import notify
from organizations import permissions
from organizations.invitations import invitation_from_token
from organizations.invitations import invitation_token as invitation_token  # the link, for pages and tests
from organizations.leadership import organization_refresh_leadership_flags
from organizations.models import (
    CURRENT_ORGANIZATION_SESSION_KEY,
    PROFILE_FIELDS,
    Assessment,
    AssessmentIndicator,
    AssessmentKind,
    AssessmentScore,
    Invitation,
    InvitationStatus,
    LeadershipMember,
    Membership,
    MembershipRole,
    Organization,
    OrganizationDocument,
    VerificationStatus,
)
from organizations.tasks import send_invitation_email
from organizations.workflows import INVITATION, VERIFICATION

_M = TypeVar("_M", bound=models.Model)


def _save_validated(instance: _M, **kwargs: Any) -> _M:
    """full_clean (fields and database constraints) before saving, so a refused value is a clear
    validation error, not a database error; a race that slips past is turned into one too."""
    instance.full_clean(**kwargs)
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as error:
        raise ValidationError(_("This conflicts with an existing record. Please check and try again.")) from error
    return instance


@transaction.atomic
def organization_register(*, actor: User, data: dict) -> Organization:
    """Creates a CSO with the actor as its first administrator. It starts pending verification."""
    if not permissions.can_register_organization(actor):
        raise PermissionDenied
    organization = Organization(**{k: v for k, v in data.items() if k in PROFILE_FIELDS})
    with actor_context(actor, action="organization_register"):
        _save_validated(organization)
        Membership.objects.create(organization=organization, user=actor, role=MembershipRole.ADMIN)
    return organization


@transaction.atomic
def organization_update(*, actor: User, organization: Organization, data: dict) -> Organization:
    if not permissions.can_edit_organization(actor, organization):
        raise PermissionDenied
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    for field, value in data.items():
        if field in PROFILE_FIELDS:
            setattr(organization, field, value)
    with actor_context(actor, action="organization_update"):
        _save_validated(organization)
    return organization


# --- Leadership -----------------------------------------------------------------------------------


def _check_birth_year(member: LeadershipMember) -> None:
    if member.birth_year and member.birth_year > timezone.localdate().year:
        raise ValidationError({"birth_year": _("The birth year cannot be in the future.")})
    if member.birth_year and member.birth_year < timezone.localdate().year - 110:
        raise ValidationError({"birth_year": _("Please check the birth year.")})


@transaction.atomic
def leadership_save(
    *, actor: User, organization: Organization, member: LeadershipMember, data: dict
) -> LeadershipMember:
    """Adds or changes a leadership position and refreshes the derived women-/youth-led flags."""
    if not permissions.can_edit_organization(actor, organization):
        raise PermissionDenied
    if member.pk and member.organization_id != organization.pk:
        raise PermissionDenied
    member.organization = organization
    for field, value in data.items():
        setattr(member, field, value)
    _check_birth_year(member)
    with actor_context(actor, action="leadership_save"):
        _save_validated(member)
        organization_refresh_leadership_flags(organization=organization)
    return member


@transaction.atomic
def leadership_delete(*, actor: User, member: LeadershipMember) -> None:
    organization = member.organization
    if not permissions.can_edit_organization(actor, organization):
        raise PermissionDenied
    with actor_context(actor, action="leadership_delete"):
        member.delete()
        organization_refresh_leadership_flags(organization=organization)


# --- Team -----------------------------------------------------------------------------------------


@transaction.atomic
def invitation_create(*, actor: User, organization: Organization, email: str, role: str) -> Invitation:
    """Invites an address to the team and e-mails a signed link that expires in two weeks."""
    if not permissions.can_manage_team(actor, organization):
        raise PermissionDenied
    email = email.strip().lower()
    if organization.memberships.filter(user__email__iexact=email).exists():
        raise ValidationError({"email": _("This person is already in the team.")})
    if organization.invitations.filter(email__iexact=email, status=InvitationStatus.PENDING).exists():
        raise ValidationError({"email": _("This address has already been invited.")})
    invitation = Invitation(organization=organization, email=email, role=role, invited_by=actor)
    with actor_context(actor, action="invitation_create"):
        _save_validated(invitation)
    language = translation.get_language() or settings.LANGUAGE_CODE
    transaction.on_commit(lambda: send_invitation_email.delay(invitation.pk, language))
    return invitation


@transaction.atomic
def invitation_accept(*, user: User, token: str) -> Membership:
    """Adds the user to the team. The invitation works once, before it expires, for the invited address."""
    invitation = invitation_from_token(token)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if INVITATION.transition("accept", invitation.status) is None:
        raise ValidationError(_("This invitation has already been used."), code="used")
    if not permissions.can_accept_invitation(user, invitation):
        raise ValidationError(
            _("This invitation was sent to %(email)s. Sign in with that address to accept it."),
            code="wrong_user",
            params={"email": invitation.email},
        )
    with actor_context(user, action="invitation_accept"):
        membership, _created = Membership.objects.get_or_create(
            organization=invitation.organization, user=user, defaults={"role": invitation.role}
        )
        INVITATION.apply("accept", invitation, user)
        invitation.accepted_by = user
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["status", "accepted_by", "accepted_at"])
    return membership


@transaction.atomic
def invitation_revoke(*, actor: User, invitation: Invitation) -> Invitation:
    """Withdraws an invitation not yet accepted; its link stops working."""
    if not permissions.can_revoke_invitation(actor, invitation):
        raise PermissionDenied
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    INVITATION.apply("revoke", invitation, actor)
    invitation.save(update_fields=["status"])
    return invitation


def _lock_admins(organization_id: int) -> list[Membership]:
    return list(
        Membership.objects.select_for_update().filter(organization_id=organization_id, role=MembershipRole.ADMIN)
    )


@transaction.atomic
def membership_set_role(*, actor: User, membership: Membership, role: str) -> Membership:
    if not permissions.can_manage_team(actor, membership.organization):
        raise PermissionDenied
    admins = _lock_admins(membership.organization_id)
    if role != MembershipRole.ADMIN and [m.pk for m in admins] == [membership.pk]:
        raise ValidationError(_("The organisation needs at least one administrator."))
    membership.role = role
    with actor_context(actor, action="membership_set_role"):
        membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def membership_remove(*, actor: User, membership: Membership) -> None:
    """Removes a member (or lets a member leave). The last administrator cannot go."""
    is_self = actor.pk == membership.user_id
    if not is_self and not permissions.can_manage_team(actor, membership.organization):
        raise PermissionDenied
    admins = _lock_admins(membership.organization_id)
    if [m.pk for m in admins] == [membership.pk]:
        raise ValidationError(_("The last administrator cannot leave. Make someone else an administrator first."))
    with actor_context(actor, action="membership_remove"):
        membership.delete()


# --- Documents ------------------------------------------------------------------------------------


@transaction.atomic
def document_add(*, actor: User, organization: Organization, data: dict) -> OrganizationDocument:
    if not permissions.can_edit_organization(actor, organization):
        raise PermissionDenied
    upload = data["file"]
    document = OrganizationDocument(
        organization=organization,
        kind=data["kind"],
        title=data["title"],
        file=upload,
        original_filename=upload.name[:255],
        expires_on=data.get("expires_on"),
        uploaded_by=actor,
    )
    with actor_context(actor, action="document_add"):
        return _save_validated(document)


@transaction.atomic
def document_delete(*, actor: User, document: OrganizationDocument) -> None:
    if not permissions.can_edit_organization(actor, document.organization):
        raise PermissionDenied
    stored = document.file.name
    with actor_context(actor, action="document_delete"):
        document.delete()
    storage = OrganizationDocument._meta.get_field("file").storage
    transaction.on_commit(lambda: storage.delete(stored))


# --- Verification ---------------------------------------------------------------------------------

REASON_REQUIRED = {VerificationStatus.NEEDS_CHANGES, VerificationStatus.REJECTED}


@transaction.atomic
def organization_verify(*, actor: User, organization: Organization, status: str, reason: str = "") -> Organization:
    """Records a verification decision (audited) and tells the organisation's administrators."""
    if not permissions.can_verify_organization(actor, organization):
        raise PermissionDenied
    if status not in VerificationStatus.values or status == VerificationStatus.PENDING:
        raise ValidationError(_("Choose a decision."))
    reason = reason.strip()
    if status in REASON_REQUIRED and not reason:
        raise ValidationError({"reason": _("Say what the organisation needs to change or why it is rejected.")})
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    VERIFICATION.apply_move(organization, status, actor)
    organization.verification_reason = reason
    organization.verified_by = actor
    organization.verified_at = timezone.now()
    with actor_context(actor, action="organization_verify"):
        organization.save(update_fields=["verification_status", "verification_reason", "verified_by", "verified_at"])
    url = reverse("organizations:detail", args=[organization.pk])
    for membership in organization.memberships.filter(role=MembershipRole.ADMIN).select_related("user"):
        notify(
            recipient=membership.user,
            kind="organization_verification",
            context={
                "organization": organization,
                "status": organization.get_verification_status_display(),
                "reason": reason,
            },
            url=url,
        )
    return organization


# --- Capacity assessments -------------------------------------------------------------------------


@transaction.atomic
def assessment_create(*, actor: User, organization: Organization, data: dict) -> Assessment:
    """Starts an assessment with one empty score per indicator in use."""
    if not permissions.can_assess_organization(actor, organization):
        raise PermissionDenied
    assessment = Assessment(
        organization=organization,
        template=data["template"],
        kind=data["kind"],
        assessed_on=data["assessed_on"],
        participants=data.get("participants", ""),
        conducted_by=actor,
    )
    if (
        assessment.kind != AssessmentKind.BASELINE
        and not organization.assessments.filter(kind=AssessmentKind.BASELINE).exists()
    ):
        raise ValidationError({"kind": _("Record the baseline assessment first.")})
    with actor_context(actor, action="assessment_create"):
        _save_validated(assessment)
        indicators = AssessmentIndicator.objects.filter(dimension__template=assessment.template, is_active=True)
        AssessmentScore.objects.bulk_create(AssessmentScore(assessment=assessment, indicator=i) for i in indicators)
    return assessment


@transaction.atomic
def assessment_save(
    *, actor: User, assessment: Assessment, scores: dict[int, tuple], notes: str, finalize: bool
) -> Assessment:
    """Saves scores ({indicator_id: (score or None, note)}). A final assessment needs every score
    and cannot be changed afterwards."""
    if not permissions.can_assess_organization(actor, assessment.organization):
        raise PermissionDenied
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.is_final:
        raise ValidationError(_("This assessment is final and can no longer be changed."))
    rows = {s.indicator_id: s for s in assessment.scores.all()}
    for indicator_id, (score, note) in scores.items():
        row = rows.get(indicator_id)
        if row is None:
            continue
        if score is not None and not 1 <= score <= 4:
            raise ValidationError(_("Scores go from 1 to 4."))
        row.score, row.note = score, note
    if finalize and any(row.score is None for row in rows.values()):
        raise ValidationError(_("Score every indicator before marking the assessment final."))
    with actor_context(actor, action="assessment_save"):
        AssessmentScore.objects.bulk_update(rows.values(), ["score", "note"])
        assessment.notes = notes
        assessment.is_final = finalize
        assessment.save(update_fields=["notes", "is_final", "updated_at"])
    return assessment


# --- The person's current organisation ------------------------------------------------------------


def current_organization_set(*, request: HttpRequest, organization: Organization) -> None:
    if (
        not request.user.is_authenticated
        or not Membership.objects.filter(user=request.user, organization=organization).exists()
    ):
        raise PermissionDenied
    request.session[CURRENT_ORGANIZATION_SESSION_KEY] = organization.pk
