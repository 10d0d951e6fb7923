"""The network view: counts per governorate, the drill-down for a governorate and for a CSO, what
the donor sees and does not, and the same number of queries for 5 and for 50 organisations."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from centers.tests.factories import staff_member
from organizations.tests.factories import OrganizationFactory, organization_with_admin
from partnerships.models import AgreementStatus, RelationshipKind, RelationshipStatus
from partnerships.selectors.network import counts_by_governorate
from partnerships.tests.factories_coalitions import (
    add_member,
    make_agreement,
    make_coalition,
    make_initiative,
    make_partner,
    relate,
    sign,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return staff_member(Role.CENTRE_STAFF, centre_slug="mosul")


@pytest.fixture
def donor():
    return staff_member(Role.DONOR)


@pytest.fixture
def graph():
    """Two Basra CSOs and one in Ninewa, a public partner working in both, a private one in Basra."""
    author = UserFactory()
    basra_a = OrganizationFactory(governorate="basra", is_published=True, name="Basra Water Watch")
    basra_b = OrganizationFactory(governorate="basra", is_published=False, name="Quiet Basra Group")
    ninewa = OrganizationFactory(governorate="ninewa", is_published=True, name="Ninewa Rights")
    oxfam = make_partner(name="Oxfam", is_public=True, iraq_governorates=["basra", "ninewa"])
    hidden = make_partner(name="Private Foundation", is_public=False, iraq_governorates=["basra"])
    relate(oxfam, basra_a, kind=RelationshipKind.MENTORS)  # Basra Water Watch "is mentored by" Oxfam
    relate(basra_a, hidden, kind=RelationshipKind.PARTNER_OF)
    relate(basra_b, oxfam, status=RelationshipStatus.ENDED, ended_on=date(2025, 6, 1))  # ended: not counted
    relate(basra_a, ninewa, kind=RelationshipKind.TRAINS)
    water = make_coalition(name="Basra Water Rights Coalition", lead=basra_a)
    add_member(water, organization=ninewa)
    add_member(water, partner=oxfam)
    former = make_coalition(name="Old forum", is_public=False)
    add_member(former, organization=basra_b, left_on=date(2024, 6, 1))  # a former member: not counted
    make_agreement(basra_a, oxfam, title="Oxfam water MoU")
    make_agreement(basra_a, basra_b, title="Basra exchange MoU")
    make_agreement(basra_b, hidden, status=AgreementStatus.DRAFT, title="Draft MoU")
    published = make_initiative(basra_a, author, coalition=water, title="Water for Zubair")
    make_initiative(basra_a, author, published=False, title="Unpublished draft")
    signed = make_initiative(ninewa, author, title="Ninewa letter")
    sign(signed, basra_a, author)
    return {"a": basra_a, "b": basra_b, "ninewa": ninewa, "published": published, "signed": signed}


def _counts(code: str):
    return next(row for row in counts_by_governorate() if row.code == code)


def test_the_counts_per_governorate_are_right(graph):
    basra = _counts("basra")
    assert (basra.organizations, basra.partners, basra.coalitions, basra.agreements, basra.initiatives) == (
        1,  # Basra Water Watch (Quiet Basra Group's only relationship ended)
        2,  # Oxfam and the private foundation
        1,  # the water coalition (the old forum has only a former member)
        2,  # two active MoUs (the draft does not count)
        1,  # the published initiative (not the draft)
    )
    ninewa = _counts("ninewa")
    assert (ninewa.organizations, ninewa.partners, ninewa.coalitions, ninewa.agreements, ninewa.initiatives) == (
        1,
        1,
        1,
        0,
        1,
    )
    assert _counts("anbar").total == 0


def test_the_network_page_shows_every_governorate_to_staff_and_the_donor(graph, staff, donor, client):
    for person in (staff, donor):
        client.force_login(person)
        page = client.get(reverse("partnerships:network")).content.decode()
        assert page.count('data-testid="governorate-') == 19
        basra = page.split('data-testid="governorate-basra"')[1].split("</tr>")[0]
        assert '<td class="text-end" data-count="agreements">2</td>' in basra


@pytest.mark.parametrize("role", [Role.TRAINER, Role.GRANT_OFFICER])
def test_other_roles_and_csos_are_refused(graph, client, role):
    client.force_login(staff_member(role))
    assert client.get(reverse("partnerships:network")).status_code == 403
    _organization, admin = organization_with_admin()
    client.force_login(admin)
    assert client.get(reverse("partnerships:network_governorate", args=["basra"])).status_code == 403
    assert client.get(reverse("partnerships:network_organization", args=[graph["a"].pk])).status_code == 403


def test_an_unknown_governorate_answers_404(staff, client):
    client.force_login(staff)
    assert client.get(reverse("partnerships:network_governorate", args=["atlantis"])).status_code == 404


def test_staff_see_the_whole_governorate(graph, staff, client):
    client.force_login(staff)
    page = client.get(reverse("partnerships:network_governorate", args=["basra"])).content.decode()
    assert "Basra Water Watch" in page and "Quiet Basra Group" in page  # both take part (an agreement)
    assert "Private Foundation" in page and "Oxfam" in page
    assert "Oxfam water MoU" in page and "Basra exchange MoU" in page and "Draft MoU" not in page
    assert "Water for Zubair" in page and "Unpublished draft" in page and "Ninewa letter" not in page
    assert "Basra Water Rights Coalition" in page and "Old forum" not in page


def test_the_donor_sees_counts_and_what_is_public_only(graph, donor, client):
    client.force_login(donor)
    page = client.get(reverse("partnerships:network_governorate", args=["basra"])).content.decode()
    assert 'data-count="agreements"' in page and 'data-testid="agreements"' not in page
    assert "Oxfam water MoU" not in page and "Private Foundation" not in page
    assert "Quiet Basra Group" not in page and "Basra Water Watch" in page
    assert "Water for Zubair" in page and "Unpublished draft" not in page


def test_the_cso_page_reads_each_relationship_from_its_end(graph, staff, client):
    client.force_login(staff)
    page = client.get(reverse("partnerships:network_organization", args=[graph["a"].pk])).content.decode()
    assert "is mentored by" in page and "trains" in page and "is a partner of" in page
    assert "Basra Water Rights Coalition" in page and "Lead" in page
    assert "Oxfam water MoU" in page and "Basra exchange MoU" in page
    assert "Water for Zubair" in page and "Ninewa letter" in page and "signatory" in page
    ninewa = client.get(reverse("partnerships:network_organization", args=[graph["ninewa"].pk])).content.decode()
    assert "is trained by" in ninewa and "Basra Water Watch" in ninewa


def test_the_donor_sees_a_published_csos_public_network_and_no_unpublished_cso(graph, donor, client):
    client.force_login(donor)
    page = client.get(reverse("partnerships:network_organization", args=[graph["a"].pk])).content.decode()
    assert "Oxfam" in page and "Private Foundation" not in page
    assert "Oxfam water MoU" not in page and 'data-testid="agreements"' not in page
    assert "Water for Zubair" in page and "Unpublished draft" not in page
    assert client.get(reverse("partnerships:network_organization", args=[graph["b"].pk])).status_code == 404


def _network_around(organizations, partner, author):
    """Each CSO with a relationship, a coalition, two agreements (one with the partner) and an initiative."""
    for organization in organizations:
        relate(partner, organization, kind=RelationshipKind.FUNDS)
        coalition = make_coalition(lead=organization)
        add_member(coalition, partner=partner)
        make_agreement(organization, partner)
        make_agreement(organization, OrganizationFactory(governorate="basra"), status=AgreementStatus.NEGOTIATION)
        make_initiative(organization, author)


def _queries(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


@pytest.mark.parametrize("viewer", ["staff", "donor"])
def test_the_governorate_page_takes_the_same_queries_for_5_and_50_organisations(viewer, client, request):
    client.force_login(request.getfixturevalue(viewer))
    partner, author = make_partner(is_public=True, iraq_governorates=["dhi_qar"]), UserFactory()
    url = reverse("partnerships:network_governorate", args=["dhi_qar"])
    _network_around([OrganizationFactory(governorate="dhi_qar", is_published=True) for _ in range(5)], partner, author)
    few, page = _queries(client, url)
    assert page.count('data-testid="organization-row"') == 5
    _network_around([OrganizationFactory(governorate="dhi_qar", is_published=True) for _ in range(45)], partner, author)
    many, page = _queries(client, url)
    assert page.count('data-testid="organization-row"') == 50 and many == few


@pytest.mark.parametrize("viewer", ["staff", "donor"])
def test_the_cso_page_takes_the_same_queries_for_5_and_50_of_everything(viewer, client, request):
    client.force_login(request.getfixturevalue(viewer))
    author = UserFactory()
    organization = OrganizationFactory(governorate="basra", is_published=True)
    url = reverse("partnerships:network_organization", args=[organization.pk])

    def grow(n):
        for _ in range(n):
            partner = make_partner(is_public=True)
            relate(organization, partner, kind=RelationshipKind.PARTNER_OF)
            relate(OrganizationFactory(is_published=True), organization, kind=RelationshipKind.MENTORS)
            coalition = make_coalition(lead=organization)
            add_member(coalition, partner=partner)
            make_agreement(organization, partner, OrganizationFactory())
            other = OrganizationFactory()
            sign(make_initiative(other, author, coalition=coalition), organization, author)

    grow(5)
    few, page = _queries(client, url)
    assert page.count('data-testid="link"') == 10
    grow(45)
    many, page = _queries(client, url)
    assert page.count('data-testid="link"') == 100 and page.count('data-testid="initiative"') == 50
    assert many == few
