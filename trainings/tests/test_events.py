import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from centers.models import Room
from centers.tests.factories import centre, staff_member
from notifications.models import Notification
from tests.querycheck import fan_outs
from trainings.models import Event, EventStatus, Registration, Session
from trainings.services import event_cancel, event_save, registration_create, session_period
from trainings.tests.factories import ParticipantFactory, published_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def hall():
    return Room.objects.create(centre=centre("erbil"), name="Hall", capacity=30)


def form_data(**overrides):
    day = (timezone.localdate() + dt.timedelta(days=10)).isoformat()
    data = {
        "kind": "training",
        "title_en": "Strategic planning, Erbil",
        "centre": str(centre("erbil").pk),
        "room": "",
        "external_venue": "Rotana hotel",
        "capacity": "20",
        "audience": "cso_members",
        "sessions-TOTAL_FORMS": "2",
        "sessions-INITIAL_FORMS": "0",
        "sessions-MIN_NUM_FORMS": "1",
        "sessions-MAX_NUM_FORMS": "30",
        "sessions-0-date": day,
        "sessions-0-start_time": "09:00",
        "sessions-0-end_time": "13:00",
        "sessions-1-date": (timezone.localdate() + dt.timedelta(days=11)).isoformat(),
        "sessions-1-start_time": "09:00",
        "sessions-1-end_time": "13:00",
    }
    data.update(overrides)
    return data


def test_centre_staff_schedule_a_two_day_training(client):
    client.force_login(staff_member(Role.CENTRE_STAFF, centre_slug="erbil"))
    response = client.post(reverse("trainings:event_create"), form_data())
    event = Event.objects.get()
    assert response["Location"] == reverse("trainings:event_detail", args=[event.pk])
    assert event.status == EventStatus.DRAFT
    assert event.sessions.count() == 2
    assert event.starts_at < event.ends_at


def test_a_session_ending_before_it_starts_is_refused_and_nothing_is_saved(client):
    client.force_login(staff_member(Role.CENTRE_STAFF, centre_slug="erbil"))
    response = client.post(reverse("trainings:event_create"), form_data(**{"sessions-0-end_time": "08:00"}))
    assert response.status_code == 200
    assert "A session must end after it starts." in response.content.decode()
    assert "Strategic planning, Erbil" in response.content.decode()
    assert not Event.objects.exists()


def test_a_double_booked_room_is_refused_with_a_clear_message(client, hall):
    published_event(room=hall, days_ahead=10)
    client.force_login(staff_member(Role.CENTRE_MANAGER, centre_slug="erbil"))
    data = form_data(
        room=str(hall.pk), external_venue="", **{"sessions-0-start_time": "11:00", "sessions-0-end_time": "14:00"}
    )
    response = client.post(reverse("trainings:event_create"), data)
    assert response.status_code == 200
    assert "The room is already booked at that time." in response.content.decode()
    assert Event.objects.count() == 1


def test_the_database_itself_refuses_an_overlapping_booking(hall):
    event = published_event(room=hall, days_ahead=3)
    session = event.sessions.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Session.objects.create(
            event=event,
            room=hall,
            date=session.date,
            start_time=dt.time(10),
            end_time=dt.time(11),
            period=session_period(session.date, dt.time(10), dt.time(11)),
        )


def test_back_to_back_sessions_in_one_room_are_fine(hall):
    published_event(room=hall, days_ahead=3)  # 09:00-12:00
    admin = UserFactory(is_superuser=True)
    day = timezone.localdate() + dt.timedelta(days=3)
    event = event_save(
        actor=admin,
        event=None,
        data={"kind": "meeting", "title": "After", "centre": centre("erbil"), "room": hall, "capacity": 10},
        sessions=[{"date": day, "start_time": dt.time(12), "end_time": dt.time(13)}],
    )
    assert event.sessions.count() == 1


def test_a_room_of_another_centre_or_too_small_is_refused():
    admin = UserFactory(is_superuser=True)
    basra_room = Room.objects.create(centre=centre("basra"), name="Small", capacity=5)
    day = timezone.localdate() + dt.timedelta(days=3)
    with pytest.raises(ValidationError):
        event_save(
            actor=admin,
            event=None,
            data={"kind": "meeting", "title": "X", "centre": centre("erbil"), "room": basra_room, "capacity": 4},
            sessions=[{"date": day, "start_time": dt.time(9), "end_time": dt.time(10)}],
        )
    with pytest.raises(ValidationError):
        event_save(
            actor=admin,
            event=None,
            data={"kind": "meeting", "title": "X", "centre": centre("basra"), "room": basra_room, "capacity": 9},
            sessions=[{"date": day, "start_time": dt.time(9), "end_time": dt.time(10)}],
        )
    assert not Event.objects.exists()


def test_staff_of_another_centre_cannot_edit_an_event(client):
    event = published_event(centre_slug="basra")
    client.force_login(staff_member(Role.CENTRE_STAFF, centre_slug="erbil"))
    assert client.get(reverse("trainings:event_edit", args=[event.pk])).status_code == 403


def test_drafts_are_hidden_from_everyone_but_their_staff(client):
    event = published_event(title="Secret draft")
    Event.objects.filter(pk=event.pk).update(status=EventStatus.DRAFT)
    client.force_login(UserFactory())
    assert client.get(reverse("trainings:event_detail", args=[event.pk])).status_code == 404
    assert event.title not in client.get(reverse("trainings:event_list")).content.decode()
    client.force_login(staff_member(Role.CENTRE_STAFF, centre_slug="erbil"))
    assert client.get(reverse("trainings:event_detail", args=[event.pk])).status_code == 200


def test_cancelling_tells_registrants_and_frees_the_room(hall):
    event = published_event(room=hall, days_ahead=5)
    person = UserFactory()
    registration_create(actor=person, event=event, participant=ParticipantFactory(user=person))
    manager = staff_member(Role.CENTRE_MANAGER, centre_slug="erbil")
    with pytest.raises(ValidationError):
        event_cancel(actor=manager, event=event, reason="  ")
    event_cancel(actor=manager, event=event, reason="The trainer is ill.")
    notification = Notification.objects.get(recipient=person, kind="event_cancelled")
    assert "The trainer is ill." in notification.body
    published_event(room=hall, days_ahead=5, title="Replacement")  # the room is free again


def test_the_event_list_makes_the_same_number_of_queries_for_5_and_50(client):
    client.force_login(staff_member(Role.CENTRE_STAFF, centre_slug="erbil"))

    def queries_with(count):
        Event.objects.all().delete()
        for index in range(count):
            event = published_event(days_ahead=1 + index % 20, title=f"Event {index}")
            registration_create(actor=UserFactory(is_superuser=True), event=event, participant=ParticipantFactory())
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("trainings:event_list"))
        assert fan_outs(captured, "trainings_event") == []  # counted per event shown, not through a join
        return len(captured), len(response.context["page"].object_list)

    client.get(reverse("trainings:event_list"))  # the process caches guardian's content types once
    few, rows_few = queries_with(5)
    many, rows_many = queries_with(30)
    assert (rows_few, rows_many) == (5, 25)
    assert few == many


def test_the_list_counts_registrations_once_for_multi_day_events(client):
    event = published_event(sessions=3, capacity=5)
    for _ in range(2):
        registration_create(actor=UserFactory(is_superuser=True), event=event, participant=ParticipantFactory())
    response = client.get(reverse("trainings:event_list"))
    listed = next(e for e in response.context["page"].object_list if e.pk == event.pk)
    assert (listed.registered_count, listed.session_count) == (2, 3)
    assert Registration.objects.count() == 2


def test_moving_a_published_event_to_a_room_from_its_page_tells_registrants(client, hall):
    # given: a published event at a hotel, with one person registered
    event = published_event(days_ahead=5)
    person = UserFactory()
    registration_create(actor=person, event=event, participant=ParticipantFactory(user=person))
    session = event.sessions.get()
    client.force_login(staff_member(Role.CENTRE_MANAGER, centre_slug="erbil"))
    # when: the page moves it to the centre's hall, same day and time
    data = form_data(
        room=str(hall.pk),
        external_venue="",
        **{
            "sessions-TOTAL_FORMS": "1",
            "sessions-INITIAL_FORMS": "1",
            "sessions-0-id": str(session.pk),
            "sessions-0-date": session.date.isoformat(),
            "sessions-0-start_time": "09:00",
            "sessions-0-end_time": "12:00",
        },
    )
    response = client.post(reverse("trainings:event_edit", args=[event.pk]), data)
    # then
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.room == hall
    assert Notification.objects.filter(recipient=person, kind="event_changed").exists()
