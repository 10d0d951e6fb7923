"""The partners' demo, after the staff and the CSOs of their own demos: 17 partners with contacts,
relationships both ways written through the services (symmetric ones in their canonical order, some
ended); run again, it adds nothing; with a larger scale, more relationships."""

import io

import pytest

from centers import demo as staff_demo
from organizations import demo as organizations_demo
from partnerships.demo import partners as partners_demo
from partnerships.models import Partner, PartnerContact, Relationship, RelationshipKind, RelationshipStatus
from partnerships.selectors.partners import relationships_of

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, int, int]:
    return Partner.objects.count(), PartnerContact.objects.count(), Relationship.objects.count()


def test_the_partners_demo_makes_relationships_both_ways_and_is_idempotent():
    out = io.StringIO()
    staff_demo.seed(scale=1, stdout=out)
    organizations_demo.seed(scale=1, stdout=out)
    partners_demo.seed(scale=1, stdout=out)
    assert Partner.objects.count() == 17 and Partner.objects.filter(is_public=False).exists()
    assert PartnerContact.objects.filter(is_public=False).exists() and PartnerContact.objects.count() >= 10
    relationships = Relationship.objects.all()
    assert {r.kind for r in relationships} == set(RelationshipKind.values)
    assert relationships.filter(status=RelationshipStatus.ENDED).count() >= 3
    assert relationships.filter(source_organization__isnull=False, target_organization__isnull=False).exists()
    assert relationships.filter(source_partner__isnull=False, target_organization__isnull=False).exists()
    assert relationships.filter(source_organization__isnull=False, target_partner__isnull=False).exists()
    nrc_hhro = relationships.get(kind=RelationshipKind.PARTNER_OF, target_partner__acronym="NRC")
    assert nrc_hhro.source_organization.acronym == "HHRO"  # entered from the partner's end, stored CSO first
    network = Partner.objects.get(acronym="KRD-Net")
    assert {str(row.label) for row in relationships_of(network)} == {"has as a member", "is a member of"}
    first = counts()
    partners_demo.seed(scale=1, stdout=out)
    assert counts() == first
    organizations_demo.seed(scale=2, stdout=out)
    partners_demo.seed(scale=2, stdout=out)
    assert counts()[:2] == first[:2] and counts()[2] > first[2]
