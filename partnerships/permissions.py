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
    AgreementParty,
    Coalition,
    CoalitionMember,
    CoalitionRole,
    ExchangeVisit,
    Initiative,
    InitiativeStatus,
    Obligation,
    Partner,
    Relationship,
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


def can_add_partner_for(user: AnyUser, centre: Center | None) -> bool:
    """A partner in the care of `centre`: its managers and programme admins (a partner of the
    whole programme, with no centre, is the admins')."""
    return manages(user, centre)


def party_centre(party: Organization | Partner) -> Center | None:
    """The centre in charge of a party: a CSO's nearest centre, a partner's centre (None: the programme's)."""
    return party.nearest_centre if isinstance(party, Organization) else party.centre


def can_record_relationship(user: AnyUser, *parties: Organization | Partner) -> bool:
    """Programme admins, and the managers of either party's centre."""
    return is_admin(user) or any(manages(user, party_centre(party)) for party in parties)


def can_end_relationship(user: AnyUser, relationship: Relationship) -> bool:
    return can_record_relationship(user, relationship.source, relationship.target)


def can_download_relationship_evidence(user: AnyUser, relationship: Relationship, field: str = "") -> bool:
    """The evidence file: programme staff, and the admins of a CSO that is a party."""
    if is_staff(user):
        return True
    return is_cso_admin(user, relationship.source_organization) or is_cso_admin(user, relationship.target_organization)


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


def can_add_agreement(user: AnyUser) -> bool:
    """Opens the page that drafts an agreement (the centre chosen there is checked by the service)."""
    return is_manager(user)


def is_party_member(user: AnyUser) -> bool:
    """A member of a CSO that is party to an agreement: one EXISTS query, kept on the person for the
    rest of the request (the menu asks on every page)."""
    if not user.is_authenticated:
        return False
    cached = getattr(user, "_party_to_agreements", None)
    if cached is None:
        cached = AgreementParty.objects.filter(organization__memberships__user=user).exists()
        user._party_to_agreements = cached  # type: ignore[attr-defined]  # a per-request cache on the person
    return cached


def can_list_agreements(user: AnyUser) -> bool:
    """The agreements page and its menu entry: programme staff, and members of a CSO party to one."""
    return is_staff(user) or is_party_member(user)


def can_update_obligation(user: AnyUser, obligation: Obligation, *, manages_agreement: bool | None = None) -> bool:
    """The agreement's managers, and the person who follows the obligation up. `manages_agreement`:
    can_manage_agreement of its agreement when the caller knows it already (a page of many
    obligations asks it once, not once each)."""
    if not user.is_authenticated:
        return False
    if obligation.owner_id == user.pk:
        return True
    if manages_agreement is None:
        manages_agreement = can_manage_agreement(user, obligation.agreement)
    return manages_agreement


# Exchange visits ------------------------------------------------------------------------------


def can_view_visit(user: AnyUser, visit: ExchangeVisit) -> bool:
    if is_staff(user):
        return True
    return any(is_cso_member(user, v.organization) for v in visit.visitors.all()) or is_cso_member(
        user, visit.host_organization
    )


def can_manage_visit(user: AnyUser, visit: ExchangeVisit) -> bool:
    return manages(user, visit.event.centre)


def can_record_follow_up(user: AnyUser, visiting: VisitingOrganization, *, at_centre: bool | None = None) -> bool:
    """The person it is assigned to, and the staff of the visit's centre (`at_centre`: whether the
    person works at it, when the caller already knows, as for a page listing every visitor)."""
    if not user.is_authenticated:
        return False
    if visiting.assigned_to_id == user.pk:
        return True
    return works_at(user, visiting.visit.event.centre) if at_centre is None else at_centre


def can_create_visit_for(user: AnyUser, event) -> bool:
    """An exchange visit is recorded on an event of the manager's centre (programme admins: any)."""
    return manages(user, event.centre)


def can_follow_up_at(user: AnyUser, centre: Center | None) -> bool:
    """Who may be given a visit's follow-ups: the managers and staff of the event's centre (and
    programme admins), while their account is active."""
    return user.is_authenticated and user.is_active and works_at(user, centre)


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


def can_start_some_coalition(user: AnyUser) -> bool:
    """Opens the page that starts a coalition: managers, and the admins of a verified CSO."""
    if is_manager(user):
        return True
    return (
        user.is_authenticated
        and Organization.objects.filter(
            memberships__user=user,
            memberships__role=MembershipRole.ADMIN,
            verification_status=VerificationStatus.VERIFIED,
        ).exists()
    )


def can_record_leaving(user: AnyUser, member: CoalitionMember, *, manages_coalition: bool | None = None) -> bool:
    """Who records that a member left: those who manage the coalition, and the admins of the member
    CSO itself (a CSO may leave on its own). `manages_coalition`: can_manage_coalition of its
    coalition when the caller knows it already (a page of many members asks it once, not once each)."""
    if manages_coalition is None:
        manages_coalition = can_manage_coalition(user, member.coalition)
    return manages_coalition or is_cso_admin(user, member.organization)


def can_see_network_details(user: AnyUser) -> bool:
    """In the network view, the agreements, the partners not marked public, the draft initiatives and
    the CSOs whose profile is not published: programme staff only (the donor sees counts and what is
    public)."""
    return is_staff(user)


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


def works_with_initiative(user: AnyUser, initiative: Initiative) -> bool:
    """The drafters' side: programme staff, the lead CSO's members, its coalition's members. They see
    the versions of the text and issue the signature list; others see only what is published."""
    if is_staff(user) or is_cso_member(user, initiative.lead_organization):
        return True
    return initiative.coalition is not None and is_coalition_member(user, initiative.coalition)


def can_see_advocacy(user: AnyUser, initiative: Initiative) -> bool:
    """Targets, deliveries, responses and outcomes (and their evidence): signed-in people who may see
    the initiative. Visitors see the text and the signatories only."""
    return user.is_authenticated and can_view_initiative(user, initiative)


def can_issue_signature_list(user: AnyUser, initiative: Initiative) -> bool:
    return initiative.is_public and works_with_initiative(user, initiative)


def can_download_paper_proof(user: AnyUser, initiative: Initiative) -> bool:
    """A scanned page names people: the staff of the initiative's centre and the lead CSO's admins."""
    return works_at(user, initiative.centre) or is_cso_admin(user, initiative.lead_organization)
