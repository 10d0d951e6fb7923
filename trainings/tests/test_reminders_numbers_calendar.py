import datetime as dt

import pytest
from django.core import signing
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from centers.tests.factories import centre, staff_member
from notifications.models import Notification
from trainings.models import Attendance, Event, Registration, Session
from trainings.reporting import participation_numbers, rows
from trainings.services import event_save, registration_create, session_period
from trainings.signed_links import ICAL_SALT, check_in_token
from trainings.tasks import send_event_reminders
from trainings.tests.factories import ParticipantFactory, published_event

pytestmark = pytest.mark.django_db


def move_event(event, starts_in: dt.timedelta):
    """Puts the event's only session `starts_in` from now."""
    start = timezone.localtime() + starts_in
    end = start + dt.timedelta(hours=2)
    if end.date() != start.date():  # a session ends the day it starts (run near midnight in Baghdad)
        end = start.replace(hour=23, minute=59, second=59, microsecond=999999)
    Session.objects.filter(event=event).update(
        date=start.date(), start_time=start.time(), end_time=end.time(), period=(start, end)
    )
    Event.objects.filter(pk=event.pk).update(starts_at=start, ends_at=end)


def test_reminders_go_two_days_and_two_hours_before_each_once():
    event = published_event()
    person = UserFactory()
    registration_create(actor=person, event=event, participant=ParticipantFactory(user=person))
    move_event(event, dt.timedelta(days=1, hours=20))
    assert send_event_reminders() == 1
    assert send_event_reminders() == 0  # a second run, or a restarted worker, sends nothing more
    move_event(event, dt.timedelta(hours=1, minutes=30))
    assert send_event_reminders() == 1
    subjects = list(Notification.objects.filter(recipient=person).values_list("subject", flat=True))
    assert len(subjects) == 2
    assert subjects[0].startswith("Starting soon")  # newest first


def test_trainers_are_told_when_a_session_ended_without_attendance():
    event = published_event()
    trainer = staff_member(Role.TRAINER)
    event.trainers.add(trainer)
    move_event(event, -dt.timedelta(hours=5))
    assert send_event_reminders() == 1
    assert Notification.objects.get(recipient=trainer).kind == "attendance_missing"
    Session.objects.filter(event=event).update(attendance_recorded_at=timezone.now())
    Notification.objects.all().delete()
    assert send_event_reminders() == 0


def test_registrants_are_told_when_a_published_event_moves():
    event = published_event()
    person = UserFactory()
    registration_create(actor=person, event=event, participant=ParticipantFactory(user=person))
    later = timezone.localdate() + dt.timedelta(days=20)
    event_save(
        actor=UserFactory(is_superuser=True),
        event=event,
        data={"title": event.title},
        sessions=[{"date": later, "start_time": dt.time(10), "end_time": dt.time(12)}],
    )
    assert Notification.objects.get(recipient=person).kind == "event_changed"


def attend(event, person, status="present"):
    Registration.objects.get_or_create(event=event, participant=person, defaults={"status": "registered"})
    for session in event.sessions.all():
        Attendance.objects.create(session=session, participant=person, status=status)


def test_numbers_deduplicate_people_and_split_them():
    first, second = (
        published_event(title="A", sessions=2),
        published_event(title="B", centre_slug="basra", days_ahead=9),
    )
    young_woman = ParticipantFactory(
        sex="female", birth_year=timezone.localdate().year - 20, governorate="basra", wg_walking="a_lot"
    )
    older_man = ParticipantFactory(sex="male", birth_year=1960, governorate="erbil")
    absent = ParticipantFactory(sex="male", birth_year=1990)
    attend(first, young_woman)
    attend(second, young_woman, status="late")
    attend(first, older_man)
    attend(second, absent, status="absent")
    data = participation_numbers({})
    assert (data["unique"].total, data["participations"].total, data["events"]) == (2, 3, 2)
    table = rows(data["unique"])
    assert table["sex"] == [("female", 1), ("male", 1)]
    assert dict(table["age"])["15-29"] == 1
    assert dict(table["disability"]) == {"yes": 1, "no": 1}
    assert participation_numbers({"centre": centre("basra")})["participations"].total == 1


def test_the_numbers_page_shows_aggregates_to_the_donor_in_constant_queries(client):
    client.force_login(staff_member(Role.DONOR))

    def queries_with(count):
        event = published_event(capacity=100, title=f"E{count}")
        for _ in range(count):
            attend(event, ParticipantFactory())
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("trainings:numbers"))
        assert response.status_code == 200
        return len(captured)

    assert queries_with(5) == queries_with(50)
    html = client.get(reverse("trainings:numbers")).content.decode()
    assert "Unique participants" in html


def test_a_bad_period_is_explained(client):
    client.force_login(staff_member(Role.GRANT_OFFICER))
    response = client.get(reverse("trainings:numbers"), {"start": "2026-05-01", "end": "2026-01-01"})
    assert "The end of the period is before its start." in response.content.decode()


def test_the_centre_calendar_and_ical_show_published_sessions(client):
    event = published_event(title="Visible training", days_ahead=3)
    draft = published_event(title="Hidden draft", days_ahead=3)
    Event.objects.filter(pk=draft.pk).update(status="draft")
    day = event.sessions.get().date
    html = client.get(
        reverse("trainings:centre_calendar", args=["erbil"]), {"month": day.strftime("%Y-%m")}
    ).content.decode()
    assert "Visible training" in html and "Hidden draft" not in html
    html = client.get(
        reverse("trainings:centre_calendar", args=["erbil"]), {"view": "week", "week": day.isoformat()}
    ).content.decode()
    assert "Visible training" in html
    feed = Calendar.from_ical(client.get(reverse("trainings:centre_ical", args=["erbil"])).content)
    assert [str(e["summary"]) for e in feed.walk("VEVENT")] == ["Visible training"]
    assert client.get(reverse("trainings:centre_calendar", args=["erbil"]), {"month": "nonsense"}).status_code == 200


def test_a_persons_feed_needs_its_signed_address(client):
    event = published_event(title="My training")
    person = UserFactory()
    registration_create(actor=person, event=event, participant=ParticipantFactory(user=person))
    token = signing.dumps(person.pk, salt=ICAL_SALT)
    feed = Calendar.from_ical(client.get(reverse("trainings:person_ical", args=[token])).content)
    assert [str(e["summary"]) for e in feed.walk("VEVENT")] == ["My training"]
    assert client.get(reverse("trainings:person_ical", args=[token[:-2] + "xx"])).status_code == 404


def test_scanning_a_qr_code_records_the_person_present_today(client):
    event = published_event(days_ahead=3)
    person = ParticipantFactory()
    registration = registration_create(actor=UserFactory(is_superuser=True), event=event, participant=person)
    today = timezone.localdate()
    Session.objects.filter(event=event).update(
        date=today,
        period=session_period(today, dt.time(0, 1), dt.time(23, 59)),
        start_time=dt.time(0, 1),
        end_time=dt.time(23, 59),
    )
    url = reverse("trainings:check_in", args=[check_in_token(registration)])
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
    client.force_login(staff_member(Role.CENTRE_STAFF, centre_slug="erbil"))
    page = client.get(url)
    assert "Record present" in page.content.decode()
    response = client.post(url, {"session": event.sessions.get().pk})
    assert 'data-testid="checked-in"' in response.content.decode()
    assert Attendance.objects.get(participant=person).status == "present"
    assert client.get(url[:-4] + "abc/").status_code == 404
