"""Reads of partners and of the relationships between parties, scoped to the reader: visitors see
public partner profiles (and their public contacts), programme staff see every partner. A
relationship is read from one party's end: its label as that party reads it, and the other party."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from guardian.shortcuts import get_objects_for_user

from accounts.models import AnyUser
from accounts.roles import Role
from centers.models import Center
from organizations.models import Organization
from partnerships import permissions
from partnerships.models import Partner, PartnerContact, Relationship, RelationshipStatus

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

Party = Organization | Partner
ORGANIZATION_KEY, PARTNER_KEY = "o", "p"


def partners_for_user(user: AnyUser, filters: dict[str, Any] | None = None) -> QuerySet[Partner]:
    """The partners the person may see (visitors: the public profiles; staff: all), narrowed by
    `filters`: `q` (name, acronym, city, description), `kind`, `country`, `governorate` (works there)."""
    filters = filters or {}
    partners = Partner.objects.select_related("centre")
    if not permissions.is_staff(user):
        partners = partners.filter(is_public=True)
    text = (filters.get("q") or "").strip()
    if text:
        partners = partners.filter(
            Q(name__icontains=text)
            | Q(acronym__icontains=text)
            | Q(city__icontains=text)
            | Q(description__icontains=text)
        )
    if filters.get("kind"):
        partners = partners.filter(kind=filters["kind"])
    if filters.get("country"):
        partners = partners.filter(country=filters["country"])
    if filters.get("governorate"):
        partners = partners.filter(iraq_governorates__contains=[filters["governorate"]])
    return partners.order_by("name", "pk")


def partner_countries(user: AnyUser) -> list[str]:
    """The countries of the partners the person may see, for the directory's filter."""
    countries = partners_for_user(user).order_by("country").values_list("country", flat=True).distinct()
    return list(countries)


def partner_for_user_or_404(
    user: AnyUser, pk: int, *, may: Callable[[AnyUser, Partner], bool] | None = None
) -> Partner:
    """Fetches and authorises in one step: a partner the person may not see answers 404; one she
    sees but may not act on as `may(user, partner)` asks answers 403."""
    partner = Partner.objects.select_related("centre", "created_by").filter(pk=pk).first()
    if partner is None or not permissions.can_view_partner(user, partner):
        raise Http404
    if may is not None and not may(user, partner):
        raise PermissionDenied
    return partner


def contacts_for(user: AnyUser, partner: Partner) -> QuerySet[PartnerContact]:
    """Every contact for programme staff; the public ones for everybody else."""
    contacts = partner.contacts.order_by("full_name", "pk")
    return contacts if permissions.is_staff(user) else contacts.filter(is_public=True)


def contact_of_or_404(partner: Partner, pk: int) -> PartnerContact:
    contact = partner.contacts.filter(pk=pk).first()
    if contact is None:
        raise Http404
    return contact


def manageable_centres(user: AnyUser) -> QuerySet[Center]:
    """The centres whose partners the person manages (every active centre for programme admins)."""
    if not user.is_authenticated:
        return Center.objects.none()
    if permissions.is_admin(user):
        return Center.objects.filter(is_active=True)
    if not user.has_role(Role.CENTRE_MANAGER):
        return Center.objects.none()
    return get_objects_for_user(user, "centers.manage_center", klass=Center, accept_global_perms=False).filter(
        is_active=True
    )


# Relationships, read from one end ---------------------------------------------------------------


@dataclass(frozen=True)
class PartyRelationship:
    """A relationship as `party` reads it: "mentors" from the source, "is mentored by" from the target."""

    relationship: Relationship
    label: "StrOrPromise"
    other: Party
    outgoing: bool

    @property
    def is_active(self) -> bool:
        return self.relationship.status == RelationshipStatus.ACTIVE

    @property
    def other_is_partner(self) -> bool:
        return isinstance(self.other, Partner)


def party_key(party: Party) -> str:
    return f"{ORGANIZATION_KEY if isinstance(party, Organization) else PARTNER_KEY}{party.pk}"


def party_from_key(key: str) -> Party | None:
    """The CSO ("o<pk>") or partner ("p<pk>") a form's choice names, or None."""
    prefix, number = key[:1], key[1:]
    if not number.isdigit():
        return None
    if prefix == ORGANIZATION_KEY:
        return Organization.objects.select_related("nearest_centre").filter(pk=int(number)).first()
    if prefix == PARTNER_KEY:
        return Partner.objects.select_related("centre").filter(pk=int(number)).first()
    return None


def _ends(party: Party) -> tuple[Q, Q]:
    if isinstance(party, Organization):
        return Q(source_organization=party), Q(target_organization=party)
    return Q(source_partner=party), Q(target_partner=party)


def _is_public(party: Party) -> bool:
    return party.is_public if isinstance(party, Partner) else party.is_published


def relationships_of(party: Party, *, user: AnyUser | None = None) -> list[PartyRelationship]:
    """The party's relationships, active first then the newest, each read from its end, with the
    other party (one query, whatever their number). With `user`, a reader who is not programme
    staff only sees those whose other party is public (a public partner, a published CSO)."""
    as_source, as_target = _ends(party)
    rows = (
        Relationship.objects.filter(as_source | as_target)
        .select_related(
            "source_organization__nearest_centre",
            "target_organization__nearest_centre",
            "source_partner__centre",
            "target_partner__centre",
        )
        .order_by("status", "-started_on", "pk")
    )
    key = party_key(party)
    found = []
    for relationship in rows:
        outgoing = party_key(relationship.source) == key
        found.append(
            PartyRelationship(
                relationship=relationship,
                label=relationship.source_label() if outgoing else relationship.target_label(),
                other=relationship.target if outgoing else relationship.source,
                outgoing=outgoing,
            )
        )
    if user is not None and not permissions.is_staff(user):
        found = [row for row in found if _is_public(row.other)]
    return found


def relationship_for_user_or_404(
    user: AnyUser, pk: int, *, may: Callable[[AnyUser, Relationship], bool] | None = None
) -> Relationship:
    """A relationship with both its parties (and their centres), for programme staff (404 for
    others); 403 when the person may not act on it as `may(user, relationship)` asks."""
    relationship = (
        Relationship.objects.select_related(
            "source_organization__nearest_centre",
            "target_organization__nearest_centre",
            "source_partner__centre",
            "target_partner__centre",
        )
        .filter(pk=pk)
        .first()
    )
    if relationship is None or not permissions.is_staff(user):
        raise Http404
    if may is not None and not may(user, relationship):
        raise PermissionDenied
    return relationship


def endable(user: AnyUser, rows: list[PartyRelationship]) -> set[int]:
    """The active relationships among `rows` the person may end (permissions.can_end_relationship),
    asking once per centre rather than once per row."""
    if not permissions.is_manager(user):
        return set()
    managed: dict[int | None, bool] = {}

    def manages(party: Party) -> bool:
        centre = permissions.party_centre(party)
        key = centre.pk if centre else None
        if key not in managed:
            managed[key] = permissions.manages(user, centre)
        return managed[key]

    return {
        row.relationship.pk
        for row in rows
        if row.is_active and (manages(row.relationship.source) or manages(row.relationship.target))
    }


def party_choices(exclude: Party) -> list[tuple[str, list[tuple[str, str]]]]:
    """Every CSO and partner but `exclude`, grouped, for the relationship form (two queries)."""
    organizations = Organization.objects.order_by("name", "pk").values_list("pk", "name", "acronym")
    partners = Partner.objects.order_by("name", "pk").values_list("pk", "name", "acronym")
    skip = party_key(exclude)

    def options(prefix: str, rows) -> list[tuple[str, str]]:
        return [
            (f"{prefix}{pk}", f"{name} ({acronym})" if acronym else name)
            for pk, name, acronym in rows
            if f"{prefix}{pk}" != skip
        ]

    return [
        ("organizations", options(ORGANIZATION_KEY, organizations)),
        ("partners", options(PARTNER_KEY, partners)),
    ]
