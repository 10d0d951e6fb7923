"""Partners and relationships through their services: who may change what, every refusal with
nothing changed, the canonical order of a symmetric kind, ending in place, and the database's own
constraints (what a race past the services' checks meets)."""

import datetime as dt

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from accounts.roles import Role
from centers.tests.factories import centre, staff_member
from organizations.tests.factories import OrganizationFactory
from partnerships.models import Partner, PartnerContact, Relationship, RelationshipKind, RelationshipStatus
from partnerships.services import partners as services
from partnerships.tests.factories_partners import ContactFactory, PartnerFactory, relationship

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 15)


@pytest.fixture
def admin():
    return staff_member(Role.PROGRAMME_ADMIN, centre_slug=None)


@pytest.fixture
def erbil_manager():
    return staff_member(Role.CENTRE_MANAGER, centre_slug="erbil")


@pytest.fixture
def mosul_manager():
    return staff_member(Role.CENTRE_MANAGER, centre_slug="mosul")


def partner_data(**overrides):
    return {"name": "Arab NGO Network", "kind": "network", "country": "lb", "centre": centre("erbil"), **overrides}


def add(actor, party, other, kind=RelationshipKind.MENTORS, **kwargs):
    kwargs.setdefault("started_on", dt.date(2025, 1, 1))
    return services.relationship_add(actor=actor, party=party, other=other, kind=kind, today=TODAY, **kwargs)


def refusal_fields(excinfo) -> set[str]:
    return set(excinfo.value.message_dict)


# Partners -------------------------------------------------------------------------------------


def test_a_centre_manager_adds_a_partner_of_her_centre_the_country_upper_cased(erbil_manager):
    partner = services.partner_create(actor=erbil_manager, data=partner_data())
    assert (partner.country, partner.centre.slug, partner.created_by) == ("LB", "erbil", erbil_manager)


def test_only_programme_admins_keep_partners_of_the_whole_programme(admin, erbil_manager):
    with pytest.raises(ValidationError) as refused:
        services.partner_create(actor=erbil_manager, data=partner_data(centre=None))
    assert refusal_fields(refused) == {"centre"}
    assert not Partner.objects.exists()
    assert services.partner_create(actor=admin, data=partner_data(centre=None)).centre is None


def test_a_manager_cannot_add_a_partner_for_another_centre_and_staff_cannot_add_any(erbil_manager):
    with pytest.raises(ValidationError) as refused:
        services.partner_create(actor=erbil_manager, data=partner_data(centre=centre("mosul")))
    assert refusal_fields(refused) == {"centre"}
    with pytest.raises(PermissionDenied):
        services.partner_create(actor=staff_member(Role.CENTRE_STAFF), data=partner_data())
    assert not Partner.objects.exists()


def test_a_bad_country_code_or_a_second_partner_of_the_same_name_is_refused(erbil_manager):
    with pytest.raises(ValidationError) as refused:
        services.partner_create(actor=erbil_manager, data=partner_data(country="Lebanon"))
    assert "country" in refusal_fields(refused)
    services.partner_create(actor=erbil_manager, data=partner_data())
    with pytest.raises(ValidationError) as refused:
        services.partner_create(actor=erbil_manager, data=partner_data(name="  arab ngo NETWORK "))
    assert refusal_fields(refused) == {"name"}
    assert Partner.objects.count() == 1


def test_another_centres_manager_cannot_edit_a_partner_nor_move_one_away(erbil_manager, mosul_manager):
    partner = PartnerFactory(name="Before")
    with pytest.raises(PermissionDenied):
        services.partner_update(actor=mosul_manager, partner=partner, data={"name": "After"})
    with pytest.raises(ValidationError) as refused:
        services.partner_update(actor=erbil_manager, partner=partner, data={"centre": centre("mosul")})
    assert refusal_fields(refused) == {"centre"}
    partner.refresh_from_db()
    assert (partner.name, partner.centre.slug) == ("Before", "erbil")
    services.partner_update(actor=erbil_manager, partner=partner, data={"name": "After", "is_public": False})
    partner.refresh_from_db()
    assert (partner.name, partner.is_public) == ("After", False)


def test_a_programme_wide_partner_is_managed_by_admins_only(admin, erbil_manager):
    partner = PartnerFactory(centre=None)
    with pytest.raises(PermissionDenied):
        services.partner_update(actor=erbil_manager, partner=partner, data={"name": "Taken over"})
    services.partner_update(actor=admin, partner=partner, data={"centre": centre("basra")})
    partner.refresh_from_db()
    assert partner.centre.slug == "basra"


# Contacts -------------------------------------------------------------------------------------


def test_contacts_are_added_changed_and_removed_by_the_partners_managers_and_the_removal_audited(erbil_manager):
    partner = PartnerFactory()
    contact = services.contact_add(
        actor=erbil_manager, partner=partner, data={"full_name": "رنا الحسيني", "email": "rana@johud.example"}
    )
    services.contact_update(actor=erbil_manager, contact=contact, data={"position": "مديرة البرامج"})
    contact.refresh_from_db()
    assert contact.position == "مديرة البرامج"
    services.contact_remove(actor=erbil_manager, contact=contact)
    assert not PartnerContact.objects.exists()
    removal = apps.get_model("partnerships", "PartnerContactEvent").objects.get(
        pgh_obj_id=contact.pk, pgh_label="delete"
    )
    assert removal.full_name == "رنا الحسيني"
    assert removal.pgh_context.metadata["user"] == erbil_manager.pk
    assert removal.pgh_context.metadata["action"] == "partnerships.contact_remove"


def test_another_centres_manager_cannot_touch_the_contacts(mosul_manager):
    contact = ContactFactory(full_name="Kept")
    with pytest.raises(PermissionDenied):
        services.contact_add(actor=mosul_manager, partner=contact.partner, data={"full_name": "New"})
    with pytest.raises(PermissionDenied):
        services.contact_update(actor=mosul_manager, contact=contact, data={"full_name": "Changed"})
    with pytest.raises(PermissionDenied):
        services.contact_remove(actor=mosul_manager, contact=contact)
    assert list(PartnerContact.objects.values_list("full_name", flat=True)) == ["Kept"]


def test_a_contact_without_a_name_or_with_a_bad_email_is_refused(erbil_manager):
    partner = PartnerFactory()
    with pytest.raises(ValidationError) as refused:
        services.contact_add(actor=erbil_manager, partner=partner, data={"full_name": "", "email": "not-an-address"})
    assert refusal_fields(refused) == {"full_name", "email"}
    assert not PartnerContact.objects.exists()


# Recording relationships ----------------------------------------------------------------------


def test_a_relationship_is_recorded_in_the_direction_picked(erbil_manager):
    mentor, mentee = OrganizationFactory(), OrganizationFactory()
    recorded = add(erbil_manager, mentee, mentor, inverse=True, description="Monthly coaching")
    assert (recorded.source, recorded.target, recorded.status) == (mentor, mentee, RelationshipStatus.ACTIVE)
    assert (recorded.recorded_by, recorded.description) == (erbil_manager, "Monthly coaching")


@pytest.mark.parametrize("entered_from_the_partner", [True, False])
def test_a_symmetric_kind_is_stored_in_the_canonical_order_whichever_end_it_is_entered_from(
    admin, entered_from_the_partner
):
    organization, partner = OrganizationFactory(), PartnerFactory()
    party, other = (partner, organization) if entered_from_the_partner else (organization, partner)
    recorded = add(admin, party, other, kind=RelationshipKind.PARTNER_OF)
    assert (recorded.source_organization, recorded.target_partner) == (organization, partner)


def test_two_partners_of_a_symmetric_kind_are_stored_lower_key_first(admin):
    first, second = PartnerFactory(), PartnerFactory()
    recorded = add(admin, second, first, kind=RelationshipKind.PARTNER_OF)
    assert (recorded.source_partner, recorded.target_partner) == (first, second)


def test_a_relationship_with_itself_is_refused(admin):
    organization = OrganizationFactory()
    with pytest.raises(ValidationError) as refused:
        add(admin, organization, organization)
    assert refusal_fields(refused) == {"other"}
    assert not Relationship.objects.exists()


def test_a_cso_and_a_partner_with_the_same_key_are_two_parties(admin):
    organization = OrganizationFactory()
    partner = PartnerFactory()
    Partner.objects.filter(pk=partner.pk).update(id=organization.pk)
    partner = Partner.objects.get(pk=organization.pk)
    assert add(admin, organization, partner, kind=RelationshipKind.MEMBER_OF).target_partner == partner


def test_a_second_active_relationship_of_the_same_kind_and_pair_is_refused(admin):
    organization, partner = OrganizationFactory(), PartnerFactory()
    add(admin, organization, partner, kind=RelationshipKind.MEMBER_OF)
    with pytest.raises(ValidationError) as refused:
        add(admin, organization, partner, kind=RelationshipKind.MEMBER_OF, started_on=dt.date(2026, 1, 1))
    assert refusal_fields(refused) == {"other"}
    assert Relationship.objects.count() == 1
    add(admin, organization, partner, kind=RelationshipKind.FUNDS)  # another kind is another relationship


def test_a_symmetric_duplicate_entered_from_the_other_end_is_refused(admin):
    organization, partner = OrganizationFactory(), PartnerFactory()
    add(admin, organization, partner, kind=RelationshipKind.PARTNER_OF)
    with pytest.raises(ValidationError) as refused:
        add(admin, partner, organization, kind=RelationshipKind.PARTNER_OF)
    assert refusal_fields(refused) == {"other"}
    assert Relationship.objects.count() == 1


def test_after_its_end_the_same_relationship_may_be_recorded_again(admin):
    organization, partner = OrganizationFactory(), PartnerFactory()
    first = add(admin, organization, partner, kind=RelationshipKind.FUNDS)
    services.relationship_end(actor=admin, relationship=first, ended_on=dt.date(2025, 6, 1), today=TODAY)
    again = add(admin, organization, partner, kind=RelationshipKind.FUNDS, started_on=dt.date(2026, 1, 1))
    assert again.status == RelationshipStatus.ACTIVE
    assert Relationship.objects.count() == 2


@pytest.mark.parametrize(
    ("dates", "field"),
    [
        ({"started_on": dt.date(2026, 6, 16)}, "started_on"),
        ({"started_on": dt.date(2025, 1, 1), "ended_on": dt.date(2024, 12, 31)}, "ended_on"),
        ({"started_on": dt.date(2025, 1, 1), "ended_on": dt.date(2026, 7, 1)}, "ended_on"),
    ],
    ids=["start in the future", "end before the start", "end in the future"],
)
def test_dates_that_cannot_be_are_refused_on_their_field(admin, dates, field):
    with pytest.raises(ValidationError) as refused:
        add(admin, OrganizationFactory(), PartnerFactory(), **dates)
    assert refusal_fields(refused) == {field}
    assert not Relationship.objects.exists()


def test_a_past_relationship_can_be_recorded_as_ended(admin):
    recorded = add(admin, OrganizationFactory(), PartnerFactory(), ended_on=dt.date(2025, 12, 31))
    assert (recorded.status, recorded.ended_on) == (RelationshipStatus.ENDED, dt.date(2025, 12, 31))


def test_an_unknown_kind_is_refused(admin):
    with pytest.raises(ValidationError) as refused:
        add(admin, OrganizationFactory(), PartnerFactory(), kind="loves")
    assert refusal_fields(refused) == {"kind"}
    assert not Relationship.objects.exists()


def test_a_manager_of_either_sides_centre_records_a_relationship_others_may_not(erbil_manager, mosul_manager):
    near_erbil = OrganizationFactory()  # the factory's CSOs are near the Erbil centre
    of_mosul = PartnerFactory(centre=centre("mosul"))
    add(mosul_manager, near_erbil, of_mosul, kind=RelationshipKind.MEMBER_OF)
    add(erbil_manager, near_erbil, of_mosul, kind=RelationshipKind.FUNDS, inverse=True)
    of_basra = PartnerFactory(centre=centre("basra"))
    for actor in (mosul_manager, staff_member(Role.CENTRE_STAFF), staff_member(Role.DONOR)):
        with pytest.raises(PermissionDenied):
            add(actor, near_erbil, of_basra, kind=RelationshipKind.MEMBER_OF)
    assert Relationship.objects.count() == 2


def test_a_race_past_the_check_meets_the_database_and_is_told_in_words(admin, monkeypatch):
    organization, partner = OrganizationFactory(), PartnerFactory()
    add(admin, organization, partner, kind=RelationshipKind.MEMBER_OF)
    monkeypatch.setattr(services, "_active_exists", lambda kind, ends: False)  # the other request's row is not yet seen
    with pytest.raises(ValidationError) as refused:
        add(admin, organization, partner, kind=RelationshipKind.MEMBER_OF)
    assert refused.value.message_dict == {"other": [services._message("duplicate")]}
    assert Relationship.objects.count() == 1


# Ending ---------------------------------------------------------------------------------------


def test_ending_a_relationship_keeps_the_row_with_its_end(erbil_manager):
    kept = relationship(OrganizationFactory(), PartnerFactory())
    services.relationship_end(actor=erbil_manager, relationship=kept, ended_on=dt.date(2026, 5, 31), today=TODAY)
    kept.refresh_from_db()
    assert (kept.status, kept.ended_on) == (RelationshipStatus.ENDED, dt.date(2026, 5, 31))
    assert Relationship.objects.count() == 1


@pytest.mark.parametrize(
    "ended_on", [dt.date(2025, 2, 28), dt.date(2026, 6, 16)], ids=["before the start", "in the future"]
)
def test_an_end_that_cannot_be_is_refused_and_the_relationship_stays_active(admin, ended_on):
    active = relationship(OrganizationFactory(), PartnerFactory(), started_on=dt.date(2025, 3, 1))
    with pytest.raises(ValidationError) as refused:
        services.relationship_end(actor=admin, relationship=active, ended_on=ended_on, today=TODAY)
    assert refusal_fields(refused) == {"ended_on"}
    active.refresh_from_db()
    assert (active.status, active.ended_on) == (RelationshipStatus.ACTIVE, None)


def test_an_ended_relationship_cannot_be_ended_again(admin):
    ended = relationship(
        OrganizationFactory(), PartnerFactory(), status=RelationshipStatus.ENDED, ended_on=dt.date(2025, 9, 1)
    )
    with pytest.raises(ValidationError):
        services.relationship_end(actor=admin, relationship=ended, ended_on=dt.date(2026, 1, 1), today=TODAY)
    ended.refresh_from_db()
    assert ended.ended_on == dt.date(2025, 9, 1)


def test_only_the_managers_of_a_sides_centre_end_a_relationship(mosul_manager):
    active = relationship(OrganizationFactory(), PartnerFactory())
    with pytest.raises(PermissionDenied):
        services.relationship_end(actor=mosul_manager, relationship=active, ended_on=TODAY, today=TODAY)
    active.refresh_from_db()
    assert active.status == RelationshipStatus.ACTIVE


# The database's constraints, written around the services --------------------------------------


def refused_by_the_database(**fields):
    fields.setdefault("kind", RelationshipKind.MENTORS)
    fields.setdefault("started_on", dt.date(2025, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Relationship.objects.create(**fields)


def test_the_database_refuses_a_relationship_with_itself():
    organization, partner = OrganizationFactory(), PartnerFactory()
    refused_by_the_database(source_organization=organization, target_organization=organization)
    refused_by_the_database(source_partner=partner, target_partner=partner)


def test_the_database_refuses_two_active_relationships_of_one_kind_between_the_same_pair():
    organization, partner = OrganizationFactory(), PartnerFactory()
    relationship(organization, partner, kind=RelationshipKind.FUNDS)
    refused_by_the_database(kind=RelationshipKind.FUNDS, source_organization=organization, target_partner=partner)
    relationship(
        organization,
        partner,
        kind=RelationshipKind.FUNDS,
        status=RelationshipStatus.ENDED,
        ended_on=dt.date(2025, 6, 1),
    )  # an ended one is no duplicate
    assert Relationship.objects.count() == 2


def test_the_database_refuses_an_end_before_the_start_an_ended_one_without_end_and_a_symmetric_one_out_of_order():
    organization, partner = OrganizationFactory(), PartnerFactory()
    ends = {"source_organization": organization, "target_partner": partner}
    refused_by_the_database(**ends, started_on=dt.date(2025, 1, 1), ended_on=dt.date(2024, 1, 1))
    refused_by_the_database(**ends, status=RelationshipStatus.ENDED)
    refused_by_the_database(kind=RelationshipKind.PARTNER_OF, source_partner=partner, target_organization=organization)
    refused_by_the_database(source_organization=organization, source_partner=partner, target_partner=PartnerFactory())
    assert not Relationship.objects.exists()
