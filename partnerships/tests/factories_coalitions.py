"""Test data: coalitions and the network view (partners, relationships, agreements and initiatives
made directly, so these tests do not depend on the other sub-domains' factories)."""

import hashlib
import itertools
from datetime import date, timedelta

from django.utils import timezone

from centers.tests.factories import centre
from organizations.tests.factories import OrganizationFactory, organization_with_admin
from partnerships.models import (
    Agreement,
    AgreementParty,
    AgreementStatus,
    Coalition,
    CoalitionMember,
    CoalitionRole,
    Initiative,
    InitiativeStatus,
    InitiativeVersion,
    Partner,
    PartnerKind,
    Relationship,
    RelationshipKind,
    Signature,
)
from partnerships.models.agreements import SIGNED_STATES

_numbers = itertools.count(1)
FOUNDED = date(2024, 1, 15)


def make_partner(**kwargs) -> Partner:
    number = next(_numbers)
    defaults = {"name": f"Partner {number}", "acronym": f"P{number}", "kind": PartnerKind.INGO, "country": "GB"}
    return Partner.objects.create(**{**defaults, **kwargs})


def make_coalition(*, lead=None, centre_slug: str = "erbil", founded_on: date = FOUNDED, **kwargs) -> Coalition:
    """A coalition (public unless told), with `lead` as its lead member from the founding date."""
    defaults = {"name": f"Coalition {next(_numbers)}", "purpose": "Clean water for every district."}
    coalition = Coalition.objects.create(centre=centre(centre_slug), founded_on=founded_on, **{**defaults, **kwargs})
    if lead is not None:
        CoalitionMember.objects.create(
            coalition=coalition, organization=lead, role=CoalitionRole.LEAD, joined_on=founded_on
        )
    return coalition


def add_member(coalition: Coalition, *, role: str = CoalitionRole.MEMBER, joined_on: date | None = None, **party):
    return CoalitionMember.objects.create(
        coalition=coalition, role=role, joined_on=joined_on or coalition.founded_on, **party
    )


def relate(source, target, *, kind: str = RelationshipKind.MENTORS, **kwargs) -> Relationship:
    """`source` <kind> `target`, each a CSO or a partner."""
    ends = {
        f"{end}_{'partner' if isinstance(party, Partner) else 'organization'}": party
        for end, party in (("source", source), ("target", target))
    }
    return Relationship.objects.create(kind=kind, started_on=date(2025, 1, 1), **ends, **kwargs)


def make_agreement(*parties, status: str = AgreementStatus.ACTIVE, **kwargs) -> Agreement:
    number = next(_numbers)
    signed = status in SIGNED_STATES
    defaults = {
        "title": f"MoU {number}",
        "reference": f"MOU-T-{number}",
        "purpose": "Joint work.",
        "starts_on": date(2025, 1, 1) if signed else None,
        "ends_on": date(2027, 1, 1) if signed else None,
        "signed_copy": "partnerships/signed.pdf" if signed else "",
    }
    agreement = Agreement.objects.create(status=status, **{**defaults, **kwargs})
    for party in parties:
        key = "partner" if isinstance(party, Partner) else "organization"
        AgreementParty.objects.create(agreement=agreement, **{key: party})
    return agreement


def make_initiative(lead, author, *, published: bool = True, coalition=None, **kwargs) -> Initiative:
    initiative = Initiative.objects.create(
        title=kwargs.pop("title", f"Joint statement {next(_numbers)}"),
        language="ar",
        lead_organization=lead,
        coalition=coalition,
        centre=lead.nearest_centre,
        created_by=author,
        **kwargs,
    )
    if published:
        text = "نطالب بالحق في المياه النظيفة."
        version = InitiativeVersion.objects.create(initiative=initiative, number=1, text=text, written_by=author)
        today = timezone.localdate()
        Initiative.objects.filter(pk=initiative.pk).update(
            status=InitiativeStatus.PUBLISHED,
            published_version=version,
            text_sha256=hashlib.sha256(text.encode()).hexdigest(),
            published_at=timezone.now(),
            opens_on=today - timedelta(days=1),
            closes_on=today + timedelta(days=30),
        )
        initiative.refresh_from_db()
    return initiative


def sign(initiative: Initiative, organization, user) -> Signature:
    return Signature.objects.create(initiative=initiative, organization=organization, signed_by=user)


def matrix_objects(author, so_far: dict) -> dict:
    """A members-only coalition at the Erbil centre (where the matrix's centre roles work), led by a
    verified, published CSO none of the role users belongs to, with a partner as a second member;
    that CSO is also the network view's CSO."""
    organization, _admin = organization_with_admin(admin=author, is_published=True, verification_status="verified")
    coalition = make_coalition(lead=organization, is_public=False, name="Matrix coalition")
    partner = so_far.get("partners_public") or make_partner(name="Matrix coalition partner", is_public=True)
    member = add_member(coalition, partner=partner, joined_on=FOUNDED + timedelta(days=10))
    relate(organization, OrganizationFactory(governorate="ninewa"), kind=RelationshipKind.MENTORS)
    return {"coalition": coalition, "coalition_member": member, "network_organization": organization}
