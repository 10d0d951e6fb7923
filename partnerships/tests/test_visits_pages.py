"""The exchange-visit pages: the list and "My follow-ups" (the same queries for 5 rows as for 50), a
visit's page (event, host, visitors with their follow-up, itinerary per session, practices with
their entries, participants from the event), the forms, and the panels on the event page and the
dashboard."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import Role
from centers.tests.factories import staff_member
from commons.models import EntryTranslation
from commons.tests.factories import published_entry
from organizations.tests.factories import organization_with_admin
from partnerships.models import ExchangeVisit, VisitingOrganization
from partnerships.tests.factories_partners import PartnerFactory
from partnerships.tests.factories_visits import exchange_event, exchange_visit, last_day, practice, stop, visiting
from trainings.models import Registration
from trainings.tests.factories import ParticipantFactory, published_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager():
    return staff_member(Role.CENTRE_MANAGER, centre_slug="erbil", full_name="Shilan Aziz")


def queries_of(client, url: str, **params) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_the_visit_list_makes_the_same_queries_for_5_and_50_visits(client, manager):
    client.force_login(manager)
    for _n in range(5):
        visiting(exchange_visit(), assigned_to=manager)
    few, html = queries_of(client, reverse("partnerships:visit_list"))
    assert html.count('data-testid="visit-row"') == 5
    for _n in range(45):
        visiting(exchange_visit(), assigned_to=manager)
    many, html = queries_of(client, reverse("partnerships:visit_list"))
    assert html.count('data-testid="visit-row"') == 25  # a page
    assert many == few


def test_the_visit_page_shows_the_event_host_visitors_itinerary_practices_and_participants(client, manager):
    visit = exchange_visit()
    author = organization_with_admin(verification_status="verified")
    entry = published_entry(author[1], organization=author[0], language="ar")
    EntryTranslation.objects.create(
        entry=entry, language="en", title="Budget hearings with the council", summary="How.", translator=author[1]
    )
    practice(visit, entry=entry)
    stop(visit, place="Jabal Amman community centre")
    cso = organization_with_admin(verification_status="verified", name="جمعية الأمل")[0]
    visiting(visit, organization=cso, assigned_to=manager)
    person = ParticipantFactory(full_name="Layla Salih", organization=cso)
    Registration.objects.create(event=visit.event, participant=person, status="registered")
    client.force_login(manager)
    html = client.get(reverse("partnerships:visit_detail", args=[visit.pk])).content.decode()
    assert visit.host_organization.name in html and "جمعية الأمل" in html
    assert "Jabal Amman community centre" in html
    assert "Budget hearings with the council" in html  # the entry in the reader's language
    assert reverse("commons:entry_detail", args=[entry.pk]) in html
    assert "Layla Salih" in html  # the event's participants, for its centre's staff
    assert reverse("partnerships:follow_up_record", args=[visit.visitors.get().pk]) in html


def test_staff_of_another_centre_see_the_visit_with_counts_not_names(client):
    visit = exchange_visit()
    person = ParticipantFactory(full_name="Layla Salih")
    Registration.objects.create(event=visit.event, participant=person, status="registered")
    client.force_login(staff_member(Role.CENTRE_STAFF, centre_slug="basra"))
    html = client.get(reverse("partnerships:visit_detail", args=[visit.pk])).content.decode()
    assert "1 person registered" in html and "Layla Salih" not in html


def test_a_manager_records_a_visit_from_the_event_page(client, manager):
    event = exchange_event(title="Visit to the Basra water forum")
    host = organization_with_admin(verification_status="verified")[0]
    client.force_login(manager)
    event_page = client.get(reverse("trainings:event_detail", args=[event.pk])).content.decode()
    assert f"{reverse('partnerships:visit_create')}?event={event.pk}" in event_page
    response = client.post(
        reverse("partnerships:visit_create"),
        {"event": event.pk, "host_organization": host.pk, "host_country": "", "objectives": "Water forums."},
    )
    visit = ExchangeVisit.objects.get()
    assert response.url == reverse("partnerships:visit_detail", args=[visit.pk])
    event_page = client.get(reverse("trainings:event_detail", args=[event.pk])).content.decode()
    assert 'data-testid="event-exchange-visit"' in event_page
    assert reverse("partnerships:visit_detail", args=[visit.pk]) in event_page


def test_a_training_event_is_not_offered_and_a_posted_one_is_refused_keeping_what_was_typed(client, manager):
    training = published_event(centre_slug="erbil", title="Strategic planning, Erbil")
    exchange_event(title="Visit to Amman")
    client.force_login(manager)
    page = client.get(reverse("partnerships:visit_create")).content.decode()
    assert "Visit to Amman" in page and "Strategic planning, Erbil" not in page
    response = client.post(reverse("partnerships:visit_create"), {"event": training.pk, "objectives": "ما كتبته"})
    assert response.status_code == 200 and "ما كتبته" in response.content.decode()
    assert not ExchangeVisit.objects.exists()
    training_page = client.get(reverse("trainings:event_detail", args=[training.pk])).content.decode()
    assert "event-exchange-visit" not in training_page


def test_a_manager_adds_a_visiting_cso_and_gives_its_follow_up_to_a_colleague(client, manager):
    visit = exchange_visit()
    colleague = staff_member(Role.CENTRE_STAFF, centre_slug="erbil", full_name="Rozhan Qadir")
    cso = organization_with_admin(verification_status="verified")[0]
    client.force_login(manager)
    form = client.get(reverse("partnerships:visitor_add", args=[visit.pk])).content.decode()
    assert "Rozhan Qadir" in form
    client.post(
        reverse("partnerships:visitor_add", args=[visit.pk]), {"organization": cso.pk, "assigned_to": colleague.pk}
    )
    added = VisitingOrganization.objects.get()
    assert (added.organization, added.assigned_to) == (cso, colleague)
    assert added.follow_up_due_on == last_day(visit) + dt.timedelta(days=90)


def test_my_follow_ups_lists_mine_and_for_a_manager_her_centres_the_earliest_due_first(client, manager):
    staff = staff_member(Role.CENTRE_STAFF, centre_slug="erbil")
    older = visiting(exchange_visit(event=exchange_event(ended_days_ago=120)), assigned_to=staff)
    newer = visiting(exchange_visit(event=exchange_event(ended_days_ago=95)), assigned_to=manager)
    basra = visiting(exchange_visit(event=exchange_event(centre_slug="basra")), assigned_to=None)

    def listed(user) -> list[int]:
        client.force_login(user)
        html = client.get(reverse("partnerships:follow_up_list")).content.decode()
        return [int(chunk.split('"', 1)[0]) for chunk in html.split('data-testid="follow-up-row" data-pk="')[1:]]

    assert listed(staff) == [older.pk]
    assert listed(manager) == [older.pk, newer.pk]
    assert basra.pk not in listed(staff_member(Role.CENTRE_MANAGER, centre_slug="erbil"))


def test_my_follow_ups_makes_the_same_queries_for_5_and_50_rows(client, manager):
    client.force_login(manager)
    visit = exchange_visit(event=exchange_event(ended_days_ago=100))
    for _n in range(5):
        visiting(visit, assigned_to=manager)
    few, html = queries_of(client, reverse("partnerships:follow_up_list"))
    assert html.count('data-testid="follow-up-row"') == 5
    for _n in range(45):
        visiting(exchange_visit(), assigned_to=manager)
    many, html = queries_of(client, reverse("partnerships:follow_up_list"), state="all")
    assert html.count('data-testid="follow-up-row"') == 25
    assert many == few


def test_the_follow_up_form_records_and_a_refusal_keeps_what_was_typed(client, manager):
    visit = exchange_visit(event=exchange_event(ended_days_ago=100))
    seen = practice(visit)
    open_one = visiting(visit, assigned_to=manager)
    client.force_login(manager)
    url = reverse("partnerships:follow_up_record", args=[open_one.pk])
    refused = client.post(url, {"outcome": "adopted", "explanation": "بدأنا الجلسات", "practices": [seen.pk]})
    assert refused.status_code == 200
    assert "بدأنا الجلسات" in refused.content.decode() and "Say since when" in refused.content.decode()
    assert not VisitingOrganization.objects.get(pk=open_one.pk).outcome
    adopted_on = (last_day(visit) + dt.timedelta(days=10)).isoformat()
    done = client.post(
        url, {"outcome": "adopted", "explanation": "بدأنا الجلسات", "practices": [seen.pk], "adopted_on": adopted_on}
    )
    assert done.url == reverse("partnerships:follow_up_list")
    assert VisitingOrganization.objects.get(pk=open_one.pk).outcome == "adopted"


def test_the_dashboard_shows_the_follow_ups_due_to_staff(client, manager):
    due = visiting(exchange_visit(event=exchange_event(ended_days_ago=95)), assigned_to=manager)
    client.force_login(manager)
    html = client.get(reverse("core:dashboard")).content.decode()
    assert 'data-testid="visit-follow-ups-due"' in html
    assert reverse("partnerships:follow_up_record", args=[due.pk]) in html


def test_a_visiting_csos_member_sees_the_visit_and_her_follow_up_but_not_another_csos(client):
    visit = exchange_visit()
    mine, member = organization_with_admin(verification_status="verified")
    visiting(visit, organization=mine, outcome="adopted", explanation="We hold hearings every quarter.")
    visiting(visit, outcome="not_adopted", explanation="Our board has not met since the summer.")
    client.force_login(member)
    html = client.get(reverse("partnerships:visit_detail", args=[visit.pk])).content.decode()
    assert "We hold hearings every quarter." in html
    assert "Our board has not met" not in html
    client.force_login(organization_with_admin()[1])
    assert client.get(reverse("partnerships:visit_detail", args=[visit.pk])).status_code == 404


def visit_page_queries(client, user, visit, colleague, *, until: int) -> int:
    """The queries of the visit page for `user` once the visit has `until` visiting CSOs (a
    colleague follows each up, so nobody's own assignment short-cuts the checks)."""
    for _n in range(visit.visitors.count(), until):
        visiting(visit, assigned_to=colleague)
    client.force_login(user)
    url = reverse("partnerships:visit_detail", args=[visit.pk])
    client.get(url)  # warms the process-wide caches (content types) that the first request fills
    count, html = queries_of(client, url)
    assert html.count('data-testid="visitor-row"') == until
    return count


def test_the_visit_page_makes_the_same_queries_for_5_and_25_visiting_csos_for_a_member_of_one(client):
    visit = exchange_visit()
    colleague = staff_member(Role.CENTRE_STAFF, centre_slug="erbil")
    mine, member = organization_with_admin(verification_status="verified", name_en="Zakho Youth")
    visiting(visit, organization=mine, assigned_to=colleague)
    few = visit_page_queries(client, member, visit, colleague, until=5)
    assert visit_page_queries(client, member, visit, colleague, until=25) == few


def test_the_visit_page_makes_the_same_queries_for_5_and_25_visiting_csos_for_the_centres_staff(client):
    visit = exchange_visit()
    colleague = staff_member(Role.CENTRE_STAFF, centre_slug="erbil")
    staff = staff_member(Role.CENTRE_STAFF, centre_slug="erbil")
    few = visit_page_queries(client, staff, visit, colleague, until=5)
    many = visit_page_queries(client, staff, visit, colleague, until=25)
    assert many == few
    html = client.get(reverse("partnerships:visit_detail", args=[visit.pk])).content.decode()
    links = [reverse("partnerships:follow_up_record", args=[v.pk]) for v in visit.visitors.all()]
    assert all(link in html for link in links)  # she records every follow-up of her centre's visit


def test_a_host_partner_not_marked_public_is_named_to_staff_and_not_to_a_visiting_csos_members(client, manager):
    hidden = PartnerFactory(name="Quiet Foundation for Civic Life", is_public=False)
    visit = exchange_visit(host=hidden)
    mine, member = organization_with_admin(verification_status="verified")
    visiting(visit, organization=mine)
    link = reverse("partnerships:partner_detail", args=[hidden.pk])
    client.force_login(member)
    html = client.get(reverse("partnerships:visit_detail", args=[visit.pk])).content.decode()
    assert "Quiet Foundation for Civic Life" not in html and link not in html
    assert "A partner organisation" in html
    client.force_login(manager)
    html = client.get(reverse("partnerships:visit_detail", args=[visit.pk])).content.decode()
    assert "Quiet Foundation for Civic Life" in html and link in html


def test_a_public_host_partner_is_named_with_its_link_to_a_visiting_csos_members(client):
    public = PartnerFactory(name="Amman Civic Forum", is_public=True)
    visit = exchange_visit(host=public)
    mine, member = organization_with_admin(verification_status="verified")
    visiting(visit, organization=mine)
    client.force_login(member)
    html = client.get(reverse("partnerships:visit_detail", args=[visit.pk])).content.decode()
    assert "Amman Civic Forum" in html and reverse("partnerships:partner_detail", args=[public.pk]) in html
