"""Who may do what with partners, agreements, exchange visits, coalitions and initiatives: the one
place each rule lives.

- Programme admins manage everything; centre managers manage the partners, agreements and exchange
  visits of their centre (a record of the whole programme, with no centre, is the admins').
- Centre staff record exchange-visit follow-ups and paper signatures for their centre.
- A CSO's administrators draft its initiatives, manage the coalitions it leads and sign for it; its
  members see their own agreements, coalitions and initiatives.
- Visitors see published initiatives, public partner profiles and public coalitions; the donor sees
  the counts and the published initiatives. A signed MoU only reaches the parties' admins and staff.
"""

from accounts.models import AnyUser
from accounts.roles import Role
from centers.models import Center
from organizations.models import MembershipRole, Organization, VerificationStatus
from organizations.permissions import membership_role
from partnerships.models import (
    Agreement,
    Coalition,
    CoalitionRole,
    ExchangeVisit,
    Initiative,
    InitiativeStatus,
    Partner,
    VisitingOrganization,
)

MANAGERS = frozenset({Role.PROGRAMME_ADMIN, Role.CENTRE_MANAGER})
# Programme staff who work with partners and see the whole partnership graph.
STAFF = frozenset({Role.PROGRAMME_ADMIN, Role.CENTRE_MANAGER, Role.CENTRE_STAFF})


def is_admin(user: AnyUser) -> bool:
    return user.is_authenticated and user.has_role(Role.PROGRAMME_ADMIN)


def is_staff(user: AnyUser) -> bool:
    return user.is_authenticated and user.has_role(*STAFF)


def is_manager(user: AnyUser) -> bool:
    """Opens the pages that add partners, agreements and visits: programme admins, centre managers."""
    return user.is_authenticated and user.has_role(*MANAGERS)


def works_at(user: AnyUser, centre: Center | None, roles=STAFF) -> bool:
    """Programme admins everywhere; the given centre roles at their own centre (a programme-wide
    record, with no centre, is the admins' only)."""
    if not user.is_authenticated:
        return False
    if user.has_role(Role.PROGRAMME_ADMIN):
        return True
    if centre is None:
        return False
    return user.has_role(*roles) and user.has_perm("centers.work_at_center", centre)


def manages(user: AnyUser, centre: Center | None) -> bool:
    return works_at(user, centre, roles={Role.CENTRE_MANAGER})


def can_see_network(user: AnyUser) -> bool:
    """The network view and its counts: programme staff and the donor."""
    return is_staff(user) or (user.is_authenticated and user.has_role(Role.DONOR))


def is_cso_admin(user: AnyUser, organization: Organization | None) -> bool:
    return organization is not None and membership_role(user, organization) == MembershipRole.ADMIN


def is_cso_member(user: AnyUser, organization: Organization | None) -> bool:
    return organization is not None and membership_role(user, organization) is not None


# Partners -------------------------------------------------------------------------------------


def can_view_partner(user: AnyUser, partner: Partner) -> bool:
    return partner.is_public or is_staff(user)


def can_manage_partner(user: AnyUser, partner: Partner) -> bool:
    return manages(user, partner.centre)


# Agreements -----------------------------------------------------------------------------------


def can_view_agreement(user: AnyUser, agreement: Agreement) -> bool:
    """Programme staff, and the members of a CSO that is a party."""
    if is_staff(user):
        return True
    return any(is_cso_member(user, party.organization) for party in agreement.parties.all() if party.organization_id)


def can_manage_agreement(user: AnyUser, agreement: Agreement) -> bool:
    return manages(user, agreement.centre)


def can_download_signed_copy(user: AnyUser, agreement: Agreement) -> bool:
    """The signed copy: admins, the staff of the agreement's centre, the CSO parties' admins."""
    if works_at(user, agreement.centre):
        return True
    return any(is_cso_admin(user, party.organization) for party in agreement.parties.all() if party.organization_id)


# Exchange visits ------------------------------------------------------------------------------


def can_view_visit(user: AnyUser, visit: ExchangeVisit) -> bool:
    if is_staff(user):
        return True
    return any(is_cso_member(user, v.organization) for v in visit.visitors.all()) or is_cso_member(
        user, visit.host_organization
    )


def can_manage_visit(user: AnyUser, visit: ExchangeVisit) -> bool:
    return manages(user, visit.event.centre)


def can_record_follow_up(user: AnyUser, visiting: VisitingOrganization) -> bool:
    """The person it is assigned to, and the staff of the visit's centre."""
    if not user.is_authenticated:
        return False
    return visiting.assigned_to_id == user.pk or works_at(user, visiting.visit.event.centre)


# Coalitions -----------------------------------------------------------------------------------


def _leads(user: AnyUser, coalition: Coalition) -> bool:
    return any(
        is_cso_admin(user, member.organization)
        for member in coalition.members.all()
        if member.organization_id and member.role == CoalitionRole.LEAD and member.left_on is None
    )


def is_coalition_member(user: AnyUser, coalition: Coalition) -> bool:
    return any(
        is_cso_member(user, member.organization)
        for member in coalition.members.all()
        if member.organization_id and member.left_on is None
    )


def can_view_coalition(user: AnyUser, coalition: Coalition) -> bool:
    return coalition.is_public or is_staff(user) or is_coalition_member(user, coalition)


def can_manage_coalition(user: AnyUser, coalition: Coalition) -> bool:
    """Programme admins, the managers of its centre, and the admins of its lead CSOs."""
    return manages(user, coalition.centre) or _leads(user, coalition)


def can_start_coalition(user: AnyUser, organization: Organization | None = None) -> bool:
    if is_manager(user):
        return True
    return (
        organization is not None
        and organization.verification_status == VerificationStatus.VERIFIED
        and is_cso_admin(user, organization)
    )


# Initiatives ----------------------------------------------------------------------------------


def can_view_initiative(user: AnyUser, initiative: Initiative) -> bool:
    if initiative.is_public or is_staff(user):
        return True
    if is_cso_member(user, initiative.lead_organization):
        return True
    return initiative.coalition is not None and is_coalition_member(user, initiative.coalition)


def can_start_initiative(user: AnyUser, organization: Organization | None) -> bool:
    """A verified CSO's admin drafts an initiative for it."""
    return (
        organization is not None
        and organization.verification_status == VerificationStatus.VERIFIED
        and is_cso_admin(user, organization)
    )


def can_draft_initiative(user: AnyUser, initiative: Initiative) -> bool:
    """The lead CSO's admins, the admins of its coalition's leads, the managers of its centre."""
    if initiative.status != InitiativeStatus.DRAFT:
        return False
    return (
        is_cso_admin(user, initiative.lead_organization)
        or (initiative.coalition is not None and _leads(user, initiative.coalition))
        or manages(user, initiative.centre)
    )


def can_publish_initiative(user: AnyUser, initiative: Initiative) -> bool:
    return is_cso_admin(user, initiative.lead_organization) or manages(user, initiative.centre)


def can_withdraw_initiative(user: AnyUser, initiative: Initiative) -> bool:
    return can_publish_initiative(user, initiative)


def can_sign_for(user: AnyUser, organization: Organization) -> bool:
    """Only a verified CSO's admin signs for it."""
    return organization.verification_status == VerificationStatus.VERIFIED and is_cso_admin(user, organization)


def can_enter_paper_signature(user: AnyUser, initiative: Initiative) -> bool:
    return works_at(user, initiative.centre)


def can_record_advocacy(user: AnyUser, initiative: Initiative) -> bool:
    """Targets, deliveries, responses and outcomes: the lead CSO's admins and the centre's staff."""
    return is_cso_admin(user, initiative.lead_organization) or works_at(user, initiative.centre)
