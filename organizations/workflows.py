"""The workflows of organisations: a CSO's verification (`Organization.verification_status`) and an
invitation to its team (`Invitation.status`). `organizations.services` enforces them; conditions that
are not about the status (a reason, the signed link) stay in the services."""

from core.workflow import Transition, Workflow
from organizations import permissions
from organizations.models import InvitationStatus, VerificationStatus

# A decision can be made, and made again, from any status; nothing moves a CSO back to pending.
DECIDED_FROM = set(VerificationStatus)

VERIFICATION = Workflow(
    "organizations.organization",
    states=VerificationStatus,
    field="verification_status",
    initial=[VerificationStatus.PENDING],
    transitions=[
        Transition("verify", DECIDED_FROM, VerificationStatus.VERIFIED, who=permissions.can_verify_organization),
        Transition(
            "ask_for_changes",
            DECIDED_FROM,
            VerificationStatus.NEEDS_CHANGES,
            who=permissions.can_verify_organization,
            note="a reason the CSO reads",
        ),
        Transition(
            "reject",
            DECIDED_FROM,
            VerificationStatus.REJECTED,
            who=permissions.can_verify_organization,
            note="a reason the CSO reads",
        ),
    ],
)

INVITATION = Workflow(
    "organizations.invitation",
    states=InvitationStatus,
    initial=[InvitationStatus.PENDING],
    transitions=[
        Transition(
            "accept",
            {InvitationStatus.PENDING},
            InvitationStatus.ACCEPTED,
            who=permissions.can_accept_invitation,
            note="with the signed link, before it expires",
        ),
        Transition(
            "revoke", {InvitationStatus.PENDING}, InvitationStatus.REVOKED, who=permissions.can_revoke_invitation
        ),
    ],
)
