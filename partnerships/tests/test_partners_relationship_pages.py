"""Recording and ending relationships from a partner's page and from an Iraqi CSO's, and the CSO
profile's section that lists them read from the CSO's end, in the reader's language."""

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import pgettext

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from centers.tests.factories import centre, staff_member
from organizations.models import Membership
from organizations.tests.factories import OrganizationFactory
from partnerships.models import Relationship, RelationshipKind, RelationshipStatus
from partnerships.tests.factories_partners import PartnerFactory, relationship

pytestmark = pytest.mark.django_db


@pytest.fixture
def erbil_manager():
    return staff_member(Role.CENTRE_MANAGER, centre_slug="erbil")


def since(days: int) -> str:
    return (timezone.localdate() - dt.timedelta(days=days)).isoformat()


def test_from_a_partners_page_has_as_a_member_records_the_cso_as_the_member(client, erbil_manager):
    network, organization = PartnerFactory(kind="network"), OrganizationFactory()
    client.force_login(erbil_manager)
    url = reverse("partnerships:partner_relationship_add", args=[network.pk])
    form = client.get(url).content.decode()
    assert "has as a member" in form and f'value="o{organization.pk}"' in form
    assert f'value="p{network.pk}"' not in form  # not with itself
    response = client.post(url, {"kind": "member_of:inverse", "other": f"o{organization.pk}", "started_on": since(30)})
    assert response.status_code == 302 and response.url == network.get_absolute_url()
    recorded = Relationship.objects.get()
    assert (recorded.source, recorded.target, recorded.kind) == (organization, network, RelationshipKind.MEMBER_OF)
    assert recorded.recorded_by == erbil_manager


def test_from_a_csos_page_is_mentored_by_records_the_other_cso_as_the_mentor(client, erbil_manager):
    mentee, mentor = OrganizationFactory(), OrganizationFactory()
    client.force_login(erbil_manager)
    response = client.post(
        reverse("partnerships:organization_relationship_add", args=[mentee.pk]),
        {"kind": "mentors:inverse", "other": f"o{mentor.pk}", "started_on": since(60), "description": "Monthly"},
    )
    assert response.status_code == 302 and response.url == reverse("organizations:detail", args=[mentee.pk])
    recorded = Relationship.objects.get()
    assert (recorded.source, recorded.target, recorded.description) == (mentor, mentee, "Monthly")


def test_a_refused_relationship_keeps_what_was_typed_and_saves_nothing(client, erbil_manager):
    organization, partner = OrganizationFactory(), PartnerFactory()
    relationship(organization, partner, kind=RelationshipKind.FUNDS)
    client.force_login(erbil_manager)
    url = reverse("partnerships:partner_relationship_add", args=[partner.pk])
    typed = {
        "kind": "funds:inverse",  # the partner "is funded by" the CSO: the CSO funds it, as recorded
        "other": f"o{organization.pk}",
        "started_on": since(5),
        "description": "Second grant",
    }
    duplicate = client.post(url, typed).content.decode()
    assert "already have an active relationship" in duplicate and "Second grant" in duplicate
    future = client.post(url, {**typed, "kind": "trains", "started_on": since(-3)}).content.decode()
    assert "cannot be in the future" in future and "Second grant" in future
    ended_first = client.post(url, {**typed, "kind": "trains", "ended_on": since(10)}).content.decode()
    assert "cannot be before the start" in ended_first
    unknown = client.post(url, {**typed, "kind": "trains", "other": "o999999"}).content.decode()
    assert "Select a valid choice" in unknown
    assert Relationship.objects.count() == 1


def test_a_manager_cannot_record_a_relationship_between_two_parties_of_other_centres(client):
    partner = PartnerFactory(centre=centre("basra"))
    organization = OrganizationFactory(nearest_centre=centre("mosul"))
    client.force_login(staff_member(Role.CENTRE_MANAGER, centre_slug="erbil"))
    page = client.post(
        reverse("partnerships:partner_relationship_add", args=[partner.pk]),
        {"kind": "funds", "other": f"o{organization.pk}", "started_on": since(5)},
    ).content.decode()
    assert "your centre" in page
    assert not Relationship.objects.exists()


def test_centre_staff_and_visitors_may_not_record_relationships(client):
    organization = OrganizationFactory()
    url = reverse("partnerships:organization_relationship_add", args=[organization.pk])
    assert client.get(url).status_code == 302  # sign in first
    client.force_login(staff_member(Role.CENTRE_STAFF))
    assert client.post(url, {"kind": "mentors", "other": "o1", "started_on": since(5)}).status_code == 403
    assert not Relationship.objects.exists()


def test_ending_a_relationship_keeps_it_on_the_page_as_ended_and_goes_back_where_it_came_from(client, erbil_manager):
    organization, partner = OrganizationFactory(), PartnerFactory()
    active = relationship(organization, partner, started_on=timezone.localdate() - dt.timedelta(days=100))
    client.force_login(erbil_manager)
    url = reverse("partnerships:relationship_end", args=[active.pk]) + f"?from=p{partner.pk}"
    assert client.get(url).status_code == 200
    refused = client.post(url, {"ended_on": since(200)})
    assert refused.status_code == 200 and "cannot be before the start" in refused.content.decode()
    active.refresh_from_db()
    assert active.status == RelationshipStatus.ACTIVE
    response = client.post(url, {"ended_on": since(1)})
    assert response.status_code == 302 and response.url == partner.get_absolute_url()
    active.refresh_from_db()
    assert (active.status, active.ended_on.isoformat()) == (RelationshipStatus.ENDED, since(1))
    page = client.get(partner.get_absolute_url()).content.decode()
    assert "ended" in page and 'data-testid="relationship-end"' not in page


def test_another_centres_manager_may_not_end_a_relationship_of_erbils_parties(client):
    active = relationship(OrganizationFactory(), PartnerFactory())
    client.force_login(staff_member(Role.CENTRE_MANAGER, centre_slug="basra"))
    url = reverse("partnerships:relationship_end", args=[active.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"ended_on": since(1)}).status_code == 403
    active.refresh_from_db()
    assert active.status == RelationshipStatus.ACTIVE


# The CSO profile's section --------------------------------------------------------------------


def test_the_cso_profile_lists_its_relationships_from_its_end_in_the_readers_language(client):
    organization = OrganizationFactory()
    funder = PartnerFactory(name="Deutsche Gesellschaft für Internationale Zusammenarbeit")
    mentee = OrganizationFactory(name="ڕێکخراوی شنگال", is_published=True)
    relationship(funder, organization, kind=RelationshipKind.FUNDS)
    relationship(organization, mentee, kind=RelationshipKind.MENTORS)
    client.force_login(staff_member(Role.TRAINER))
    with translation.override("ar"):
        url = reverse("organizations:detail", args=[organization.pk])
        funded_by, mentors = pgettext("relationship", "is funded by"), pgettext("relationship", "mentors")
    page = client.get(url).content.decode()
    assert 'id="relationships"' in page
    assert funded_by in page and mentors in page
    assert "Deutsche Gesellschaft" in page and "ڕێکخراوی شنگال" in page
    assert 'data-testid="relationship-add"' not in page  # a trainer reads; managers record


def test_other_programme_roles_do_not_learn_of_a_non_public_partner_on_a_cso_profile(client):
    # given a CSO funded by a partner whose profile is not public, and mentoring an unpublished CSO
    organization = OrganizationFactory()
    relationship(PartnerFactory(is_public=False, name="Asiacell Foundation"), organization, kind=RelationshipKind.FUNDS)
    relationship(organization, OrganizationFactory(name="ڕێکخراوی شاراوە"), kind=RelationshipKind.MENTORS)
    url = reverse("organizations:detail", args=[organization.pk])
    # when a trainer (who may read CSO profiles, but is not partnership staff) opens the profile
    client.force_login(staff_member(Role.TRAINER))
    page = client.get(url).content.decode()
    # then neither relationship is shown; the centre's staff see both
    assert "Asiacell Foundation" not in page and "ڕێکخراوی شاراوە" not in page
    client.force_login(staff_member(Role.CENTRE_STAFF))
    page = client.get(url).content.decode()
    assert "Asiacell Foundation" in page and "ڕێکخراوی شاراوە" in page


def test_a_managers_sees_the_button_to_record_and_end_on_the_cso_profile(client, erbil_manager):
    organization = OrganizationFactory()
    relationship(organization, PartnerFactory(centre=None), kind=RelationshipKind.MEMBER_OF)
    client.force_login(erbil_manager)
    page = client.get(reverse("organizations:detail", args=[organization.pk])).content.decode()
    assert reverse("partnerships:organization_relationship_add", args=[organization.pk]) in page
    assert 'data-testid="relationship-end"' in page


def test_the_cso_members_see_their_own_relationships_on_its_profile(client):
    organization, partner = OrganizationFactory(), PartnerFactory(is_public=False, name="Asiacell Foundation")
    relationship(partner, organization, kind=RelationshipKind.FUNDS)
    member = UserFactory()
    Membership.objects.create(organization=organization, user=member, role="member")
    client.force_login(member)
    page = client.get(reverse("organizations:detail", args=[organization.pk])).content.decode()
    assert "is funded by" in page and "Asiacell Foundation" in page
    assert partner.get_absolute_url() not in page  # not a public profile: named, not linked


def test_the_evidence_file_reaches_programme_staff_and_the_csos_admins_only(client, erbil_manager):
    organization, partner = OrganizationFactory(), PartnerFactory()
    client.force_login(erbil_manager)
    client.post(
        reverse("partnerships:partner_relationship_add", args=[partner.pk]),
        {
            "kind": "funds",
            "other": f"o{organization.pk}",
            "started_on": since(10),
            "evidence_file": SimpleUploadedFile("grant-letter.pdf", b"%PDF-1.4 letter", "application/pdf"),
        },
    )
    recorded = Relationship.objects.get()
    assert recorded.evidence_filename == "grant-letter.pdf"
    page = client.get(partner.get_absolute_url()).content.decode()
    [link] = re.findall(r'href="(/en/files/[^"]+)"><bdi>grant-letter.pdf', page)
    assert client.get(link).status_code == 200
    admin, member = UserFactory(), UserFactory()
    Membership.objects.create(organization=organization, user=admin, role="admin")
    Membership.objects.create(organization=organization, user=member, role="member")
    client.force_login(admin)
    assert client.get(link).status_code == 200
    client.force_login(member)
    assert client.get(link).status_code == 404
    assert (
        "grant-letter.pdf" not in client.get(reverse("organizations:detail", args=[organization.pk])).content.decode()
    )
