"""Who may do what with organisations: the one place each rule lives."""

from allauth.account.models import EmailAddress

from accounts.models import AnyUser
from accounts.roles import Role
from organizations.models import Invitation, MembershipRole, Organization

# Programme roles that work with CSOs and may see every profile (the donor sees aggregates only).
STAFF_VIEWERS = frozenset(
    {
        Role.PROGRAMME_ADMIN,
        Role.CENTRE_MANAGER,
        Role.CENTRE_STAFF,
        Role.TRAINER,
        Role.GRANT_OFFICER,
        Role.FINANCE_OFFICER,
        Role.REVIEWER,
        Role.LEGAL_COORDINATOR,
        Role.LAWYER,
    }
)
CENTRE_VERIFIERS = frozenset({Role.CENTRE_MANAGER, Role.CENTRE_STAFF})
ASSESSORS = frozenset({Role.PROGRAMME_ADMIN, Role.CENTRE_MANAGER, Role.CENTRE_STAFF, Role.TRAINER, Role.GRANT_OFFICER})


def membership_role(user: AnyUser, organization: Organization) -> str | None:
    """The user's role in the organisation, from a prefetched cache when the selector set one."""
    if not user.is_authenticated:
        return None
    cache = getattr(organization, "_membership_roles", None)
    if cache is not None:
        return cache.get(user.pk)
    membership = organization.memberships.filter(user=user).only("role").first()
    return membership.role if membership else None


def is_staff_viewer(user: AnyUser) -> bool:
    return user.is_authenticated and user.has_role(*STAFF_VIEWERS)


def can_browse_directory(user: AnyUser) -> bool:
    return is_staff_viewer(user)


def can_export_directory(user: AnyUser) -> bool:
    return is_staff_viewer(user)


def can_view_indicators(user: AnyUser) -> bool:
    return is_staff_viewer(user) or (user.is_authenticated and user.has_role(Role.DONOR))


def can_register_organization(user: AnyUser) -> bool:
    return user.is_authenticated


def can_view_organization(user: AnyUser, organization: Organization) -> bool:
    return is_staff_viewer(user) or membership_role(user, organization) is not None


def can_edit_organization(user: AnyUser, organization: Organization) -> bool:
    return (user.is_authenticated and user.has_role(Role.PROGRAMME_ADMIN)) or membership_role(
        user, organization
    ) == MembershipRole.ADMIN


def can_manage_team(user: AnyUser, organization: Organization) -> bool:
    return membership_role(user, organization) == MembershipRole.ADMIN or (
        user.is_authenticated and user.has_role(Role.PROGRAMME_ADMIN)
    )


def can_view_documents(user: AnyUser, organization: Organization) -> bool:
    return can_view_organization(user, organization)


def can_verify_organization(user: AnyUser, organization: Organization) -> bool:
    if not user.is_authenticated:
        return False
    if user.has_role(Role.PROGRAMME_ADMIN, Role.GRANT_OFFICER):
        return True
    if user.has_role(*CENTRE_VERIFIERS):
        return user.has_perm("centers.work_at_center", organization.nearest_centre)
    return False


def can_assess_organization(user: AnyUser, organization: Organization) -> bool:
    if not user.is_authenticated or not user.has_role(*ASSESSORS):
        return False
    if user.has_role(Role.PROGRAMME_ADMIN, Role.GRANT_OFFICER):
        return True
    return user.has_perm("centers.work_at_center", organization.nearest_centre)


def can_view_logo(user: AnyUser, organization: Organization) -> bool:
    return organization.is_published or can_view_organization(user, organization)


def can_accept_invitation(user: AnyUser, invitation: Invitation) -> bool:
    """The invitation is for the address it was sent to: the person's own, or one they have verified."""
    if not user.is_authenticated:
        return False
    addresses = {
        a.lower() for a in EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    }
    return invitation.email.lower() in addresses | {user.email.lower()}


def can_revoke_invitation(user: AnyUser, invitation: Invitation) -> bool:
    return can_manage_team(user, invitation.organization)


def is_cso_member(user: AnyUser) -> bool:
    """People without a programme role are the members (or future members) of CSOs."""
    return user.is_authenticated and not user.roles


def verifies_organizations(user: AnyUser) -> bool:
    """The roles that verify organisations somewhere (can_verify_organization decides for one)."""
    return user.is_authenticated and (
        user.has_role(Role.PROGRAMME_ADMIN, Role.GRANT_OFFICER) or user.has_role(*CENTRE_VERIFIERS)
    )
