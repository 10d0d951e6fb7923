"""The partner pages: the directory (public profiles for visitors, every partner for staff, filters,
the same queries for 5 and 50 partners), the partner page, the partner and contact forms (input kept
on a refusal, another centre's manager refused)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from centers.tests.factories import centre, staff_member
from organizations.tests.factories import OrganizationFactory
from partnerships.models import Partner, PartnerContact, RelationshipKind
from partnerships.tests.factories_partners import ContactFactory, PartnerFactory, relationship
from partnerships.views import partners as partner_views

pytestmark = pytest.mark.django_db


def listed(client, **params) -> set[int]:
    html = client.get(reverse("partnerships:partner_list"), params).content.decode()
    return {int(pk) for pk in re.findall(r'data-testid="partner-row" data-pk="(\d+)"', html)}


@pytest.fixture
def erbil_manager():
    return staff_member(Role.CENTRE_MANAGER, centre_slug="erbil")


# The directory --------------------------------------------------------------------------------


def test_visitors_see_the_public_profiles_and_programme_staff_every_partner(client):
    public = PartnerFactory(name="Norwegian Refugee Council")
    hidden = PartnerFactory(name="Asiacell Foundation", is_public=False)
    assert listed(client) == {public.pk}
    client.force_login(UserFactory())
    assert listed(client) == {public.pk}
    client.force_login(staff_member(Role.TRAINER))
    assert listed(client) == {public.pk}
    client.force_login(staff_member(Role.CENTRE_STAFF))
    assert listed(client) == {public.pk, hidden.pk}
    assert "not public" in client.get(reverse("partnerships:partner_list")).content.decode()


def test_the_directory_filters_by_type_country_governorate_and_text(client):
    network = PartnerFactory(
        name="تۆڕی ڕێکخراوەکانی کوردستان", kind="network", country="IQ", iraq_governorates=["erbil"]
    )
    donor = PartnerFactory(name="Deutsche Gesellschaft", acronym="GIZ", kind="donor", country="DE")
    assert listed(client, kind="network") == {network.pk}
    assert listed(client, country="DE") == {donor.pk}
    assert listed(client, governorate="erbil") == {network.pk}
    assert listed(client, q="giz") == {donor.pk}
    assert listed(client, q="کوردستان") == {network.pk}
    assert listed(client, kind="not-a-kind") == {network.pk, donor.pk}  # a filter that cannot be is left out


def test_the_directory_makes_the_same_number_of_queries_for_5_and_50_partners(client):
    client.force_login(staff_member(Role.CENTRE_STAFF))
    PartnerFactory.create_batch(5, centre=centre("mosul"), iraq_governorates=["ninewa"])
    url = reverse("partnerships:partner_list")
    with CaptureQueriesContext(connection) as five:
        assert client.get(url).status_code == 200
    PartnerFactory.create_batch(45, centre=None, is_public=False)
    with CaptureQueriesContext(connection) as fifty:
        html = client.get(url, {"page": 2}).content.decode()
    assert len(five) == len(fifty)
    assert html.count('data-testid="partner-row"') == 20


# The partner page -----------------------------------------------------------------------------


def test_visitors_see_the_public_contacts_and_staff_all_of_them(client):
    partner = PartnerFactory()
    ContactFactory(partner=partner, full_name="Ingrid Solberg", is_public=True)
    ContactFactory(partner=partner, full_name="Hussein Ali", is_public=False)
    url = reverse("partnerships:partner_detail", args=[partner.pk])
    page = client.get(url).content.decode()
    assert "Ingrid Solberg" in page and "Hussein Ali" not in page
    client.force_login(staff_member(Role.CENTRE_STAFF, centre_slug="basra"))
    page = client.get(url).content.decode()
    assert "Ingrid Solberg" in page and "Hussein Ali" in page
    assert 'data-testid="partner-edit"' not in page  # staff see it; its managers change it


def test_a_partner_not_public_is_not_found_by_visitors_nor_by_other_roles(client):
    hidden = PartnerFactory(is_public=False)
    url = reverse("partnerships:partner_detail", args=[hidden.pk])
    assert client.get(url).status_code == 404
    client.force_login(staff_member(Role.DONOR))
    assert client.get(url).status_code == 404
    client.force_login(staff_member(Role.CENTRE_MANAGER, centre_slug="basra"))
    assert client.get(url).status_code == 200


def test_the_partner_page_shows_its_relationships_read_from_its_end(client):
    network = PartnerFactory(kind="network")
    member = OrganizationFactory(name="ڕێکخراوی ئاسۆ", is_published=True)
    relationship(member, network, kind=RelationshipKind.MEMBER_OF)
    page = client.get(reverse("partnerships:partner_detail", args=[network.pk])).content.decode()
    assert "has as a member" in page and "ڕێکخراوی ئاسۆ" in page
    assert reverse("organizations:public_profile", args=[member.pk]) in page


# Adding and editing ---------------------------------------------------------------------------


def test_a_manager_adds_a_partner_of_her_centre(client, erbil_manager):
    client.force_login(erbil_manager)
    response = client.post(
        reverse("partnerships:partner_add"),
        {"name": "Danish Refugee Council", "kind": "ingo", "country": "dk", "centre": centre("erbil").pk},
    )
    partner = Partner.objects.get()
    assert response.status_code == 302 and response.url == partner.get_absolute_url()
    assert (partner.country, partner.centre.slug, partner.is_public) == ("DK", "erbil", False)


def test_the_partner_form_keeps_what_was_typed_on_a_refusal(client, erbil_manager):
    PartnerFactory(name="Oxfam Iraq", country="GB")
    client.force_login(erbil_manager)
    typed = {
        "name": "Oxfam Iraq",
        "kind": "ingo",
        "country": "gb",
        "city": "Oxford",
        "description": "Water rights in the south.",
        "centre": centre("erbil").pk,
    }
    response = client.post(reverse("partnerships:partner_add"), typed)
    page = response.content.decode()
    assert response.status_code == 200
    assert "already in the directory" in page
    assert "Water rights in the south." in page and 'value="Oxford"' in page
    assert Partner.objects.count() == 1
    bad_country = client.post(reverse("partnerships:partner_add"), {**typed, "name": "Other", "country": "Britain"})
    assert "two-letter code" in bad_country.content.decode() and 'value="Other"' in bad_country.content.decode()
    assert Partner.objects.count() == 1


def test_a_manager_is_offered_only_her_centre_and_a_post_for_another_is_refused(client, erbil_manager):
    client.force_login(erbil_manager)
    form = client.get(reverse("partnerships:partner_add")).content.decode()
    assert f'value="{centre("erbil").pk}"' in form and f'value="{centre("mosul").pk}"' not in form
    response = client.post(
        reverse("partnerships:partner_add"),
        {"name": "X", "kind": "ingo", "country": "JO", "centre": centre("mosul").pk},
    )
    assert response.status_code == 200 and not Partner.objects.exists()


def test_another_centres_manager_and_centre_staff_may_not_edit_a_partner(client):
    partner = PartnerFactory(name="Before")
    url = reverse("partnerships:partner_edit", args=[partner.pk])
    client.force_login(staff_member(Role.CENTRE_MANAGER, centre_slug="mosul"))
    assert client.get(url).status_code == 403
    data = {"name": "After", "kind": "ingo", "country": "JO", "centre": centre("mosul").pk}
    assert client.post(url, data).status_code == 403
    client.force_login(staff_member(Role.CENTRE_STAFF))
    assert client.get(url).status_code == 403
    client.force_login(staff_member(Role.TRAINER))
    assert client.get(url).status_code == 403
    partner.refresh_from_db()
    assert partner.name == "Before"


def test_the_partners_manager_edits_it(client, erbil_manager):
    partner = PartnerFactory(name="Before", country="JO")
    client.force_login(erbil_manager)
    response = client.post(
        reverse("partnerships:partner_edit", args=[partner.pk]),
        {"name": "After", "kind": "university", "country": "IQ", "centre": centre("erbil").pk, "is_public": "on"},
    )
    assert response.status_code == 302
    partner.refresh_from_db()
    assert (partner.name, partner.kind, partner.country) == ("After", "university", "IQ")


def test_contacts_are_added_edited_with_input_kept_and_removed_from_the_page(client, erbil_manager):
    partner = PartnerFactory()
    client.force_login(erbil_manager)
    added = client.post(
        reverse("partnerships:contact_add", args=[partner.pk]), {"full_name": "Claire Dubois", "email": "c@eu.example"}
    )
    contact = PartnerContact.objects.get()
    assert added.status_code == 302 and not contact.is_public
    refused = client.post(
        reverse("partnerships:contact_edit", args=[partner.pk, contact.pk]),
        {"full_name": "Claire Dubois-Martin", "email": "not-an-address"},
    )
    assert refused.status_code == 200 and 'value="Claire Dubois-Martin"' in refused.content.decode()
    contact.refresh_from_db()
    assert contact.full_name == "Claire Dubois"
    removed = client.post(reverse("partnerships:contact_remove", args=[partner.pk, contact.pk]))
    assert removed.status_code == 302 and not PartnerContact.objects.exists()


def test_a_contact_of_another_partner_is_not_found_under_this_one(client, erbil_manager):
    partner, elsewhere = PartnerFactory(), ContactFactory()
    client.force_login(erbil_manager)
    assert client.get(reverse("partnerships:contact_edit", args=[partner.pk, elsewhere.pk])).status_code == 404
    assert client.post(reverse("partnerships:contact_remove", args=[partner.pk, elsewhere.pk])).status_code == 404
    assert PartnerContact.objects.filter(pk=elsewhere.pk).exists()


def test_other_sub_domains_panels_show_on_the_partner_page_for_the_readers_they_name(client, monkeypatch):
    partner = PartnerFactory()
    monkeypatch.setitem(
        partner_views._panels,
        "test_panel",
        partner_views.PartnerPanel(
            key="test_panel",
            title="Agreements with this partner",
            template="partnerships/partials/partners_relationships.html",
            context=lambda request, shown: {"rows": [], "partner_pk": shown.pk},
            visible=lambda user, shown: user.is_authenticated,
            order=10,
        ),
    )
    url = reverse("partnerships:partner_detail", args=[partner.pk])
    assert 'id="test_panel"' not in client.get(url).content.decode()
    client.force_login(UserFactory())
    page = client.get(url).content.decode()
    assert 'id="test_panel"' in page and "Agreements with this partner" in page
