"""The network view: counts per governorate, and for one governorate or one CSO its partners,
coalitions, agreements and initiatives. Every read is a fixed number of queries, however many
organisations, relationships or agreements there are (the counts are aggregates in the database,
the lists come with their joins).

Programme staff see everything. The donor sees the counts (aggregates, the same figures as staff)
and, in the lists, only what is public: CSOs with a published profile, partners marked public, public
coalitions and published or delivered initiatives; never an agreement (only how many are active)."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, OuterRef, Q, QuerySet
from django.http import Http404

from accounts.models import AnyUser
from core.geography import Governorate
from core.queries import SubqueryCount
from organizations.models import Organization
from partnerships import permissions
from partnerships.models import (
    Agreement,
    AgreementParty,
    AgreementStatus,
    Coalition,
    CoalitionMember,
    Initiative,
    InitiativeStatus,
    Partner,
    Relationship,
    RelationshipStatus,
    Signature,
)

PUBLIC_INITIATIVE_STATES = (InitiativeStatus.PUBLISHED, InitiativeStatus.DELIVERED)


@dataclass(frozen=True)
class GovernorateCounts:
    code: str
    label: str
    organizations: int = 0
    partners: int = 0
    coalitions: int = 0
    agreements: int = 0
    initiatives: int = 0

    @property
    def total(self) -> int:
        return self.organizations + self.partners + self.coalitions + self.agreements + self.initiatives


def _by_governorate(rows: QuerySet, key: str) -> dict[str, int]:
    return {row[key]: row["n"] for row in rows}


def counts_by_governorate() -> list[GovernorateCounts]:
    """For each governorate: the CSOs there with at least one active relationship, the partners
    working there, the coalitions with a current member CSO there, the active agreements with a CSO
    party there and the published (or delivered) initiatives led from there. Five queries. A
    partner or a coalition present in several governorates counts in each."""
    active = Relationship.objects.filter(status=RelationshipStatus.ACTIVE)
    organizations = _by_governorate(
        Organization.objects.filter(
            Q(pk__in=active.values("source_organization")) | Q(pk__in=active.values("target_organization"))
        )
        .values("governorate")
        .annotate(n=Count("pk"))
        .order_by(),
        "governorate",
    )
    partners = Partner.objects.aggregate(
        **{code: Count("pk", filter=Q(iraq_governorates__contains=[code])) for code in Governorate.values}
    )
    coalitions = _by_governorate(
        CoalitionMember.objects.filter(left_on__isnull=True, organization__isnull=False)
        .values("organization__governorate")
        .annotate(n=Count("coalition", distinct=True))
        .order_by(),
        "organization__governorate",
    )
    agreements = _by_governorate(
        AgreementParty.objects.filter(agreement__status=AgreementStatus.ACTIVE, organization__isnull=False)
        .values("organization__governorate")
        .annotate(n=Count("agreement", distinct=True))
        .order_by(),
        "organization__governorate",
    )
    initiatives = _by_governorate(
        Initiative.objects.filter(status__in=PUBLIC_INITIATIVE_STATES)
        .values("lead_organization__governorate")
        .annotate(n=Count("pk"))
        .order_by(),
        "lead_organization__governorate",
    )
    return [
        GovernorateCounts(
            code=code,
            label=str(label),
            organizations=organizations.get(code, 0),
            partners=partners[code],
            coalitions=coalitions.get(code, 0),
            agreements=agreements.get(code, 0),
            initiatives=initiatives.get(code, 0),
        )
        for code, label in Governorate.choices
    ]


def governorate_or_404(code: str) -> tuple[str, str]:
    if code not in Governorate.values:
        raise Http404
    return code, str(Governorate(code).label)


def _relationships_of(outer: str = "pk") -> "QuerySet[Relationship, Any]":
    return Relationship.objects.filter(
        Q(source_organization=OuterRef(outer)) | Q(target_organization=OuterRef(outer)),
        status=RelationshipStatus.ACTIVE,
    ).values("pk")


def _public_initiatives_of(outer: str = "pk") -> "QuerySet[Initiative, Any]":
    signed = Signature.objects.filter(organization=OuterRef(OuterRef(outer)), withdrawn_at__isnull=True)
    return Initiative.objects.filter(
        Q(lead_organization=OuterRef(outer)) | Q(pk__in=signed.values("initiative")),
        status__in=PUBLIC_INITIATIVE_STATES,
    ).values("pk")


def with_network_counts(organizations: QuerySet[Organization]) -> QuerySet[Organization]:
    """Each CSO with `partner_count` (its active relationships), `coalition_count` (coalitions it is
    a current member of), `agreement_count` (active agreements it is a party to) and
    `initiative_count` (published or delivered initiatives it leads or signed), in the same query."""
    return organizations.annotate(
        partner_count=SubqueryCount(_relationships_of()),
        coalition_count=SubqueryCount(
            CoalitionMember.objects.filter(organization=OuterRef("pk"), left_on__isnull=True).values("pk")
        ),
        agreement_count=SubqueryCount(
            AgreementParty.objects.filter(organization=OuterRef("pk"), agreement__status=AgreementStatus.ACTIVE).values(
                "pk"
            )
        ),
        initiative_count=SubqueryCount(_public_initiatives_of()),
    )


def governorate_organizations(user: AnyUser, code: str) -> QuerySet[Organization]:
    """The CSOs of the governorate that take part in the network (a relationship, a coalition, an
    agreement or an initiative), with their counts; published profiles only for the donor."""
    active = Relationship.objects.filter(status=RelationshipStatus.ACTIVE)
    in_network = (
        Q(pk__in=active.values("source_organization"))
        | Q(pk__in=active.values("target_organization"))
        | Q(pk__in=CoalitionMember.objects.filter(left_on__isnull=True).values("organization"))
        | Q(pk__in=AgreementParty.objects.values("organization"))
        | Q(pk__in=Initiative.objects.values("lead_organization"))
    )
    organizations = Organization.objects.filter(in_network, governorate=code)
    if not permissions.can_see_network_details(user):
        organizations = organizations.filter(is_published=True)
    return with_network_counts(organizations).order_by("name", "pk")


def governorate_partners(user: AnyUser, code: str) -> QuerySet[Partner]:
    partners = Partner.objects.filter(iraq_governorates__contains=[code])
    if not permissions.can_see_network_details(user):
        partners = partners.filter(is_public=True)
    return partners.order_by("name", "pk")


def governorate_coalitions(user: AnyUser, code: str) -> QuerySet[Coalition]:
    """Coalitions with a current member CSO in the governorate, with how many (`local_members`)."""
    local = CoalitionMember.objects.filter(left_on__isnull=True, organization__governorate=code)
    coalitions = Coalition.objects.filter(pk__in=local.values("coalition")).annotate(
        local_members=SubqueryCount(local.filter(coalition=OuterRef("pk")).values("pk"))
    )
    if not permissions.can_see_network_details(user):
        coalitions = coalitions.filter(is_public=True)
    return coalitions.order_by("name", "pk")


def _agreements_with_parties(agreements: QuerySet[Agreement]) -> QuerySet[Agreement]:
    return agreements.select_related("centre").prefetch_related("parties__organization", "parties__partner")


def governorate_agreements(user: AnyUser, code: str) -> QuerySet[Agreement]:
    """The active agreements with a CSO party in the governorate: staff only (none for the donor)."""
    if not permissions.can_see_network_details(user):
        return Agreement.objects.none()
    local = AgreementParty.objects.filter(organization__governorate=code).values("agreement")
    agreements = Agreement.objects.filter(status=AgreementStatus.ACTIVE, pk__in=local)
    return _agreements_with_parties(agreements).order_by("ends_on", "pk")


def _visible_initiatives(user: AnyUser, initiatives: QuerySet[Initiative]) -> QuerySet[Initiative]:
    if not permissions.can_see_network_details(user):
        initiatives = initiatives.filter(status__in=PUBLIC_INITIATIVE_STATES)
    return initiatives.select_related("lead_organization", "coalition").order_by("-created_at", "pk")


def governorate_initiatives(user: AnyUser, code: str) -> QuerySet[Initiative]:
    return _visible_initiatives(user, Initiative.objects.filter(lead_organization__governorate=code))


# One CSO ----------------------------------------------------------------------------------------


def network_organization_or_404(user: AnyUser, pk: int) -> Organization:
    """A CSO with its counts: any for programme staff; for the donor, one whose profile is published
    (another answers 404, as in the public directory)."""
    organizations = Organization.objects.filter(pk=pk)
    if not permissions.can_see_network_details(user):
        organizations = organizations.filter(is_published=True)
    organization = with_network_counts(organizations).first()
    if organization is None:
        raise Http404
    return organization


@dataclass(frozen=True)
class Link:
    """A relationship as one CSO reads it: "<label> <other>" in the reader's language."""

    relationship: Relationship
    label: str
    other: Organization | Partner

    @property
    def other_is_partner(self) -> bool:
        return isinstance(self.other, Partner)


def _shown_to_everyone(party: Organization | Partner) -> bool:
    return party.is_public if isinstance(party, Partner) else party.is_published


def organization_links(user: AnyUser, organization: Organization) -> list[Link]:
    """The CSO's relationships read from its end (its label, the other party), active ones first.
    The donor sees only those with a public partner or a CSO whose profile is published. One query."""
    relationships = (
        Relationship.objects.filter(Q(source_organization=organization) | Q(target_organization=organization))
        .select_related("source_organization", "source_partner", "target_organization", "target_partner")
        .order_by("status", "-started_on", "pk")
    )
    details = permissions.can_see_network_details(user)
    links = []
    for relationship in relationships:
        if relationship.source_organization_id == organization.pk:
            link = Link(relationship, str(relationship.source_label()), relationship.target)
        else:
            link = Link(relationship, str(relationship.target_label()), relationship.source)
        if details or _shown_to_everyone(link.other):
            links.append(link)
    return links


def organization_coalitions(user: AnyUser, organization: Organization) -> QuerySet[CoalitionMember]:
    """The CSO's memberships (current first, then past), with the coalition; public coalitions only
    for the donor."""
    memberships = CoalitionMember.objects.filter(organization=organization).select_related("coalition")
    if not permissions.can_see_network_details(user):
        memberships = memberships.filter(coalition__is_public=True)
    return memberships.order_by(F("left_on").desc(nulls_first=True), "coalition__name", "pk")


def organization_agreements(user: AnyUser, organization: Organization) -> QuerySet[Agreement]:
    """Every agreement the CSO is a party to, with all its parties: staff only."""
    if not permissions.can_see_network_details(user):
        return Agreement.objects.none()
    agreements = Agreement.objects.filter(
        pk__in=AgreementParty.objects.filter(organization=organization).values("agreement")
    )
    return _agreements_with_parties(agreements).order_by("-created_at", "pk")


def organization_initiatives(user: AnyUser, organization: Organization) -> QuerySet[Initiative]:
    """The initiatives the CSO leads or signed (a signature not withdrawn)."""
    signed = Signature.objects.filter(organization=organization, withdrawn_at__isnull=True).values("initiative")
    initiatives = Initiative.objects.filter(Q(lead_organization=organization) | Q(pk__in=signed))
    return _visible_initiatives(user, initiatives)
