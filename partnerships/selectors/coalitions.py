"""Reads of coalitions and networks: the ones a person may see, one coalition with its members
(current by role, past with their dates) and its joint actions (its initiatives), each in a fixed
number of queries."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from accounts.models import AnyUser
from organizations.models import Membership, MembershipRole, Organization, VerificationStatus
from partnerships import permissions
from partnerships.models import (
    Coalition,
    CoalitionKind,
    CoalitionMember,
    CoalitionRole,
    Initiative,
    InitiativeStatus,
)

PUBLIC_INITIATIVE_STATES = (InitiativeStatus.PUBLISHED, InitiativeStatus.DELIVERED)
ROLE_ORDER = (CoalitionRole.LEAD, CoalitionRole.MEMBER, CoalitionRole.OBSERVER)


def prime_membership_roles(organizations: Iterable[Organization]) -> None:
    """Caches every person's role in each organisation (one query for all of them), so the
    permission predicates (organizations.permissions.membership_role) ask the database nothing."""
    by_pk: dict[int, list[Organization]] = {}
    for organization in organizations:
        by_pk.setdefault(organization.pk, []).append(organization)
    if not by_pk:
        return
    roles: dict[int, dict[int, str]] = {pk: {} for pk in by_pk}
    for organization_id, user_id, role in Membership.objects.filter(organization__in=by_pk).values_list(
        "organization_id", "user_id", "role"
    ):
        roles[organization_id][user_id] = role
    for pk, same in by_pk.items():
        for organization in same:
            organization._membership_roles = roles[pk]  # type: ignore[attr-defined]  # read by membership_role


def _current_members() -> Prefetch:
    return Prefetch(
        "members",
        queryset=CoalitionMember.objects.filter(left_on__isnull=True).select_related("organization", "partner"),
        to_attr="current_members",
    )


def coalitions_for_user(user: AnyUser, *, kind: str = "", q: str = "") -> QuerySet[Coalition]:
    """Public coalitions for everyone; the person's own (a current member through one of her CSOs)
    besides; every coalition for programme staff. With the current members, in two more queries."""
    coalitions = Coalition.objects.select_related("centre").prefetch_related(_current_members())
    if not permissions.is_staff(user):
        visible = Q(is_public=True)
        if user.is_authenticated:
            visible |= Q(pk__in=_coalitions_of(user.pk))
        coalitions = coalitions.filter(visible)
    if kind in CoalitionKind.values:
        coalitions = coalitions.filter(kind=kind)
    if q.strip():
        coalitions = coalitions.filter(name__icontains=q.strip())
    return coalitions.order_by("name", "pk")


def _coalitions_of(user_id: int) -> "QuerySet[CoalitionMember, Any]":
    """The coalitions the person's CSOs are current members of (a subquery)."""
    return CoalitionMember.objects.filter(left_on__isnull=True, organization__memberships__user_id=user_id).values(
        "coalition"
    )


def coalition_for_user_or_404(
    user: AnyUser, pk: int, *, may: Callable[[AnyUser, Coalition], bool] | None = None
) -> Coalition:
    """Fetches and authorises in one step: a coalition the person may not see answers 404 (nobody
    learns a private one exists); one she sees but may not act on as `may` asks answers 403. Its
    members (current and past) come prefetched with their organisations' roles cached."""
    coalition = (
        Coalition.objects.select_related("centre")
        .prefetch_related(
            Prefetch(
                "members",
                queryset=CoalitionMember.objects.select_related("organization", "partner").order_by("joined_on", "pk"),
            )
        )
        .filter(pk=pk)
        .first()
    )
    if coalition is None:
        raise Http404
    prime_membership_roles(m.organization for m in coalition.members.all() if m.organization is not None)
    if not permissions.can_view_coalition(user, coalition):
        raise Http404
    if may is not None and not may(user, coalition):
        raise PermissionDenied
    return coalition


def member_of_or_404(coalition: Coalition, member_pk: int) -> CoalitionMember:
    """A member row of this coalition (from the prefetched members), or 404."""
    for member in coalition.members.all():
        if member.pk == member_pk:
            return member
    raise Http404


@dataclass
class Roster:
    """A coalition's members: the current ones by role (lead, member, observer), the past ones
    most recently left first, and how many were left out for a visitor (`hidden`)."""

    current: list[tuple[str, list[CoalitionMember]]] = field(default_factory=list)
    past: list[CoalitionMember] = field(default_factory=list)
    hidden: int = 0


def shown_to_visitors(member: CoalitionMember) -> bool:
    """A member CSO whose profile is published, or a partner marked public."""
    if member.organization is not None:
        return member.organization.is_published
    return member.partner is not None and member.partner.is_public


def roster(user: AnyUser, coalition: Coalition) -> Roster:
    """Its members and programme staff see every member; a visitor sees the CSOs whose profile is
    published and the partners marked public, and how many others there are."""
    members = list(coalition.members.all())
    sees_all = permissions.is_staff(user) or permissions.is_coalition_member(user, coalition)
    shown = [m for m in members if sees_all or shown_to_visitors(m)]
    labels = dict(CoalitionRole.choices)
    current = []
    for role in ROLE_ORDER:
        group = [m for m in shown if m.left_on is None and m.role == role]
        if group:
            current.append((str(labels[role]), group))
    past = sorted((m for m in shown if m.left_on is not None), key=lambda m: (m.left_on, m.pk), reverse=True)
    return Roster(current=current, past=past, hidden=len(members) - len(shown))


def list_rows(user: AnyUser, coalitions: Iterable[Coalition]) -> list[dict]:
    """The rows of the list: each coalition with its current members' count and its leads (for a
    visitor, the leads she may see), from the prefetched current members."""
    staff = permissions.is_staff(user)
    rows = []
    for coalition in coalitions:
        current = coalition.current_members  # type: ignore[attr-defined]  # prefetched by coalitions_for_user
        leads = [m for m in current if m.role == CoalitionRole.LEAD and (staff or shown_to_visitors(m))]
        rows.append({"coalition": coalition, "members": len(current), "leads": leads})
    return rows


def coalition_initiatives(user: AnyUser, coalition: Coalition) -> QuerySet[Initiative]:
    """The coalition's joint actions: published and delivered initiatives for everyone; drafts and
    withdrawn ones too for its members and programme staff."""
    initiatives = Initiative.objects.filter(coalition=coalition).select_related("lead_organization")
    if not (permissions.is_staff(user) or permissions.is_coalition_member(user, coalition)):
        initiatives = initiatives.filter(status__in=PUBLIC_INITIATIVE_STATES)
    return initiatives.order_by("-created_at", "pk")


def startable_organizations(user: AnyUser) -> QuerySet[Organization]:
    """The verified CSOs the person administers: those she may start a coalition for."""
    if not user.is_authenticated:
        return Organization.objects.none()
    return Organization.objects.filter(
        memberships__user=user,
        memberships__role=MembershipRole.ADMIN,
        verification_status=VerificationStatus.VERIFIED,
    ).order_by("name")
