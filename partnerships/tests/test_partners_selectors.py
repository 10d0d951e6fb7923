"""Reads of partners and relationships: the directory scoped to the reader, each relationship read
from the end of the party whose page shows it, in the reader's language, in one query."""

import datetime as dt

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import pgettext

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from centers.tests.factories import centre, staff_member
from organizations.tests.factories import OrganizationFactory
from partnerships import permissions
from partnerships.models import Partner, RelationshipKind, RelationshipStatus
from partnerships.selectors import partners as selectors
from partnerships.tests.factories_partners import PartnerFactory, relationship

pytestmark = pytest.mark.django_db


def test_visitors_see_public_partners_staff_see_all_and_the_filters_narrow():
    jordan = PartnerFactory(name="Jordanian Hashemite Fund", country="JO", iraq_governorates=["basra"])
    hidden = PartnerFactory(name="Tunisian association", country="TN", is_public=False, kind="regional_cso")
    assert list(selectors.partners_for_user(UserFactory())) == [jordan]
    staff = staff_member(Role.CENTRE_STAFF)
    assert set(selectors.partners_for_user(staff)) == {jordan, hidden}
    assert list(selectors.partners_for_user(staff, {"kind": "regional_cso"})) == [hidden]
    assert list(selectors.partners_for_user(staff, {"country": "JO"})) == [jordan]
    assert list(selectors.partners_for_user(staff, {"governorate": "basra"})) == [jordan]
    assert list(selectors.partners_for_user(staff, {"q": "hashemite"})) == [jordan]
    assert selectors.partner_countries(UserFactory()) == ["JO"]


def test_a_partner_not_public_is_not_found_by_visitors():
    hidden = PartnerFactory(is_public=False)
    with pytest.raises(Http404):
        selectors.partner_for_user_or_404(UserFactory(), hidden.pk)
    assert selectors.partner_for_user_or_404(staff_member(Role.CENTRE_MANAGER), hidden.pk) == hidden


def test_a_relationship_reads_mentors_from_its_source_and_is_mentored_by_from_its_target():
    mentor, mentee = OrganizationFactory(), OrganizationFactory()
    relationship(mentor, mentee, kind=RelationshipKind.MENTORS)
    [from_mentor] = selectors.relationships_of(mentor)
    [from_mentee] = selectors.relationships_of(mentee)
    assert (str(from_mentor.label), from_mentor.other, from_mentor.outgoing) == ("mentors", mentee, True)
    assert (str(from_mentee.label), from_mentee.other, from_mentee.outgoing) == ("is mentored by", mentor, False)


def test_a_membership_reads_both_ways_between_a_cso_and_a_partner_network():
    organization, network = OrganizationFactory(), PartnerFactory(kind="network")
    relationship(organization, network, kind=RelationshipKind.MEMBER_OF)
    assert [str(row.label) for row in selectors.relationships_of(organization)] == ["is a member of"]
    assert [str(row.label) for row in selectors.relationships_of(network)] == ["has as a member"]
    assert selectors.relationships_of(network)[0].other == organization


def test_a_symmetric_kind_reads_the_same_from_both_ends():
    organization, partner = OrganizationFactory(), PartnerFactory()
    relationship(organization, partner, kind=RelationshipKind.PARTNER_OF)
    assert str(selectors.relationships_of(organization)[0].label) == str(selectors.relationships_of(partner)[0].label)


def test_the_labels_stay_lazy_so_each_page_reads_them_in_its_readers_language():
    funder, organization = PartnerFactory(), OrganizationFactory()
    relationship(funder, organization, kind=RelationshipKind.FUNDS)
    [row] = selectors.relationships_of(organization)
    assert isinstance(row.label, Promise)
    with translation.override("ar"):
        assert str(row.label) == pgettext("relationship", "is funded by")


def test_a_cso_and_a_partner_with_the_same_key_do_not_share_relationships():
    organization, other = OrganizationFactory(), OrganizationFactory()
    partner = PartnerFactory()
    Partner.objects.filter(pk=partner.pk).update(id=organization.pk)
    partner = Partner.objects.get(pk=organization.pk)
    relationship(organization, other, kind=RelationshipKind.MENTORS)
    assert selectors.relationships_of(partner) == []
    assert len(selectors.relationships_of(organization)) == 1


def test_active_relationships_come_first_and_readers_who_are_not_staff_see_only_public_other_parties():
    partner = PartnerFactory()
    published = OrganizationFactory(is_published=True)
    unpublished = OrganizationFactory(is_published=False)
    ended = relationship(
        published,
        partner,
        status=RelationshipStatus.ENDED,
        started_on=dt.date(2020, 1, 1),
        ended_on=dt.date(2021, 1, 1),
    )
    active = relationship(unpublished, partner, kind=RelationshipKind.FUNDS, started_on=dt.date(2019, 1, 1))
    assert [row.relationship for row in selectors.relationships_of(partner)] == [active, ended]
    assert [row.relationship for row in selectors.relationships_of(partner, user=UserFactory())] == [ended]
    staff = staff_member(Role.CENTRE_STAFF)
    assert len(selectors.relationships_of(partner, user=staff)) == 2


def test_relationships_of_a_party_take_one_query_whatever_their_number():
    partner = PartnerFactory()
    for _ in range(3):
        relationship(OrganizationFactory(), partner)
    with CaptureQueriesContext(connection) as few:
        [row.other.nearest_centre.name for row in selectors.relationships_of(partner)]
    for _ in range(12):
        relationship(PartnerFactory(), partner, kind=RelationshipKind.FUNDS)
    with CaptureQueriesContext(connection) as many:
        rows = selectors.relationships_of(partner)
        [(row.other.name, permissions.party_centre(row.other)) for row in rows]
    assert len(few) == len(many) == 1
    assert len(rows) == 15


def test_endable_agrees_with_the_permission_and_asks_once_per_centre():
    erbil_partner = PartnerFactory(centre=centre("erbil"))
    basra_partner = PartnerFactory(centre=centre("basra"))
    mosul_cso = OrganizationFactory(nearest_centre=centre("mosul"))
    mine = relationship(mosul_cso, erbil_partner)
    theirs = relationship(mosul_cso, basra_partner)
    relationship(
        mosul_cso,
        erbil_partner,
        kind=RelationshipKind.FUNDS,
        status=RelationshipStatus.ENDED,
        ended_on=dt.date(2025, 6, 1),
    )
    manager = staff_member(Role.CENTRE_MANAGER, centre_slug="erbil")
    rows = selectors.relationships_of(mosul_cso)
    allowed = {
        r.relationship.pk for r in rows if r.is_active and permissions.can_end_relationship(manager, r.relationship)
    }
    assert selectors.endable(manager, rows) == allowed == {mine.pk}
    with CaptureQueriesContext(connection) as asked:
        selectors.endable(manager, rows)
    assert len(asked) <= 2 * 3  # at most the three centres, whatever the number of rows
    assert selectors.endable(staff_member(Role.CENTRE_STAFF), rows) == set()
    assert selectors.endable(staff_member(Role.PROGRAMME_ADMIN, centre_slug=None), rows) == {mine.pk, theirs.pk}


def test_the_choices_of_the_other_party_leave_out_the_party_itself():
    organization, partner = OrganizationFactory(), PartnerFactory()
    groups = dict(selectors.party_choices(exclude=partner))
    assert f"o{organization.pk}" in dict(groups["organizations"])
    assert f"p{partner.pk}" not in dict(groups["partners"])
    assert selectors.party_from_key(f"p{partner.pk}") == partner
    assert selectors.party_from_key(f"o{organization.pk}") == organization
    assert selectors.party_from_key("x1") is None and selectors.party_from_key("o") is None
