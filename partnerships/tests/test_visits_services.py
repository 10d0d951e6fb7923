"""The exchange-visit services: a visit on an exchange-type event of the manager's centre, its
visiting CSOs with their 90-day follow-up, the itinerary and the practices; every refusal leaves
everything as it was."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.roles import Role
from centers.tests.factories import staff_member
from commons.models import EntryStatus
from commons.tests.factories import published_entry
from organizations.tests.factories import organization_with_admin
from partnerships.models import ExchangeVisit, ItineraryItem, ObservedPractice, Partner, VisitingOrganization
from partnerships.services import visits as services
from partnerships.tests.factories_visits import exchange_event, exchange_visit, last_day, practice, visiting
from trainings.tests.factories import published_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager():
    return staff_member(Role.CENTRE_MANAGER, centre_slug="erbil")


@pytest.fixture
def host():
    return organization_with_admin(verification_status="verified")[0]


def partner(**fields) -> Partner:
    fields.setdefault("name", "Jordanian Hashemite Fund for Human Development")
    return Partner.objects.create(acronym="JOHUD", kind="ingo", country="JO", city="Amman", **fields)


def test_a_manager_records_an_exchange_event_of_her_centre_hosted_by_a_partner_abroad(manager):
    event = exchange_event()
    johud = partner()
    visit = services.visit_create(
        actor=manager, event=event, data={"host_partner": johud, "host_country": "", "objectives": " Learn. "}
    )
    assert (visit.event, visit.host_partner, visit.host_country, visit.objectives) == (event, johud, "JO", "Learn.")
    assert visit.created_by == manager


def test_an_event_of_another_type_is_refused_and_nothing_is_recorded(manager, host):
    training = published_event(centre_slug="erbil")
    with pytest.raises(ValidationError) as refused:
        services.visit_create(actor=manager, event=training, data={"host_organization": host, "objectives": "x"})
    assert "event" in refused.value.message_dict
    assert not ExchangeVisit.objects.exists()


def test_another_centres_manager_may_not_record_the_visit(host):
    basra = staff_member(Role.CENTRE_MANAGER, centre_slug="basra")
    with pytest.raises(PermissionDenied):
        services.visit_create(actor=basra, event=exchange_event(), data={"host_organization": host, "objectives": "x"})
    assert not ExchangeVisit.objects.exists()


CASES = {
    "no host": lambda host: {"objectives": "x"},
    "two hosts": lambda host: {"host_organization": host, "host_partner": partner(), "objectives": "x"},
    "no objectives": lambda host: {"host_organization": host, "objectives": "  "},
    "a country name": lambda host: {"host_organization": host, "objectives": "x", "host_country": "Jordan"},
}


@pytest.mark.parametrize(
    ("case", "field"),
    [("no host", "host_organization"), ("two hosts", "host_organization"), ("no objectives", "objectives")]
    + [("a country name", "host_country")],
)
def test_a_visit_needs_one_host_objectives_and_a_country_code(manager, host, case, field):
    with pytest.raises(ValidationError) as refused:
        services.visit_create(actor=manager, event=exchange_event(), data=CASES[case](host))
    assert field in refused.value.message_dict
    assert not ExchangeVisit.objects.exists()


def test_an_event_is_recorded_as_a_visit_once(manager, host):
    visit = exchange_visit(host=host)
    with pytest.raises(ValidationError):
        services.visit_create(actor=manager, event=visit.event, data={"host_organization": host, "objectives": "x"})
    assert ExchangeVisit.objects.count() == 1


def test_a_visiting_cso_is_due_for_follow_up_90_days_after_the_last_session_by_default_with_the_manager(manager):
    visit = exchange_visit()
    cso = organization_with_admin(verification_status="verified")[0]
    added = services.visitor_add(actor=manager, visit=visit, organization=cso)
    assert added.follow_up_due_on == last_day(visit) + dt.timedelta(days=90)
    assert added.assigned_to == manager


def test_the_follow_up_goes_only_to_staff_of_the_visits_centre(manager):
    visit = exchange_visit()
    mosul = staff_member(Role.CENTRE_STAFF, centre_slug="mosul")
    trainer = staff_member(Role.TRAINER, centre_slug="erbil")
    cso = organization_with_admin(verification_status="verified")[0]
    for wrong in (mosul, trainer):
        with pytest.raises(ValidationError) as refused:
            services.visitor_add(actor=manager, visit=visit, organization=cso, assigned_to=wrong)
        assert "assigned_to" in refused.value.message_dict
    assert not VisitingOrganization.objects.exists()
    erbil_staff = staff_member(Role.CENTRE_STAFF, centre_slug="erbil")
    assert services.visitor_add(actor=manager, visit=visit, organization=cso, assigned_to=erbil_staff).assigned_to


def test_the_host_and_a_cso_already_visiting_cannot_be_added(manager, host):
    visit = exchange_visit(host=host)
    already = visiting(visit)
    for cso in (host, already.organization):
        with pytest.raises(ValidationError):
            services.visitor_add(actor=manager, visit=visit, organization=cso)
    assert list(VisitingOrganization.objects.all()) == [already]


def test_a_visiting_cso_is_removed_only_while_its_follow_up_is_not_recorded(manager):
    visit = exchange_visit()
    recorded, open_one = visiting(visit, outcome="adopted"), visiting(visit)
    with pytest.raises(ValidationError):
        services.visitor_remove(actor=manager, visiting=recorded)
    services.visitor_remove(actor=manager, visiting=open_one)
    assert list(VisitingOrganization.objects.all()) == [recorded]


def test_centre_staff_do_not_change_the_visit(manager):
    visit = exchange_visit()
    staff = staff_member(Role.CENTRE_STAFF, centre_slug="erbil")
    with pytest.raises(PermissionDenied):
        services.visitor_add(actor=staff, visit=visit, organization=organization_with_admin()[0])
    with pytest.raises(PermissionDenied):
        services.visit_update(actor=staff, visit=visit, data={"objectives": "Other"})
    assert ExchangeVisit.objects.get().objectives == visit.objectives


def test_reassigning_an_open_follow_up_lets_the_new_person_be_reminded(manager):
    visit = exchange_visit()
    open_one = visiting(visit, assigned_to=manager, reminded_at=timezone.now())
    staff = staff_member(Role.CENTRE_STAFF, centre_slug="erbil")
    services.visitor_assign(actor=manager, visiting=open_one, assigned_to=staff)
    open_one.refresh_from_db()
    assert (open_one.assigned_to, open_one.reminded_at) == (staff, None)


def test_an_itinerary_stop_belongs_to_a_session_of_the_visits_event(manager):
    visit = exchange_visit()
    other_session = published_event(centre_slug="erbil").sessions.get()
    data = {"place": "Community centre", "activity": "A hearing"}
    with pytest.raises(ValidationError) as refused:
        services.itinerary_save(actor=manager, visit=visit, data={**data, "session": other_session})
    assert "session" in refused.value.message_dict
    assert not ItineraryItem.objects.exists()
    session = visit.event.sessions.order_by("date").last()
    item = services.itinerary_save(actor=manager, visit=visit, data={**data, "session": session})
    changed = services.itinerary_save(
        actor=manager, visit=visit, item=item, data={**data, "session": session, "place": "Town hall"}
    )
    assert (changed.pk, changed.place, changed.session) == (item.pk, "Town hall", session)


def test_a_practice_links_only_a_published_entry_the_manager_can_read(manager):
    visit = exchange_visit()
    author = organization_with_admin(verification_status="verified")
    entry = published_entry(author[1], organization=author[0])
    draft = published_entry(author[1], organization=author[0], title="Draft")
    draft.status = EntryStatus.DRAFT
    draft.save()
    with pytest.raises(ValidationError) as refused:
        services.practice_save(actor=manager, visit=visit, data={"title": "Hearings", "entry": draft})
    assert "entry" in refused.value.message_dict
    assert not ObservedPractice.objects.exists()
    saved = services.practice_save(actor=manager, visit=visit, data={"title": "Hearings", "entry": entry})
    assert saved.entry == entry


def test_a_practice_taken_up_by_a_visiting_cso_stays(manager):
    visit = exchange_visit()
    taken_up = practice(visit)
    visiting(visit, outcome="adopted").practices.add(taken_up)
    with pytest.raises(ValidationError):
        services.practice_remove(actor=manager, practice=taken_up)
    assert ObservedPractice.objects.filter(pk=taken_up.pk).exists()


def test_the_due_dates_follow_the_events_sessions_until_the_follow_up_is_reminded_or_recorded():
    visit = exchange_visit()
    moving, reminded = visiting(visit), visiting(visit, reminded_at=timezone.now())
    session = visit.event.sessions.order_by("date").last()
    visit.event.sessions.filter(pk=session.pk).update(date=session.date + dt.timedelta(days=3))
    assert services.follow_up_dates_refresh() == 1
    moving.refresh_from_db()
    reminded_before = reminded.follow_up_due_on
    reminded.refresh_from_db()
    assert moving.follow_up_due_on == session.date + dt.timedelta(days=93)
    assert reminded.follow_up_due_on == reminded_before
