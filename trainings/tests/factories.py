import datetime as dt

import factory
from django.utils import timezone

from accounts.tests.factories import UserFactory
from centers.models import Center
from trainings.models import Event, EventStatus, Participant, Session
from trainings.services import event_save, session_period


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    full_name = factory.Faker("name")
    sex = factory.Iterator(["female", "male"])
    birth_year = 1990
    governorate = "erbil"
    phone = factory.Sequence(lambda n: f"+9647501{n:06d}")
    consent = True


def published_event(*, centre_slug="erbil", capacity=10, days_ahead=7, sessions=1, room=None, **fields) -> Event:
    """A published event with `sessions` daily sessions starting `days_ahead` days from today."""
    admin = UserFactory(is_superuser=True, is_staff=True)
    start = timezone.localdate() + dt.timedelta(days=days_ahead)
    event = event_save(
        actor=admin,
        event=None,
        data={
            "kind": "training",
            "title": fields.pop("title", "Strategic planning"),
            "centre": Center.objects.get(slug=centre_slug),
            "room": room,
            "external_venue": "" if room else "Hotel hall",
            "capacity": capacity,
            **fields,
        },
        sessions=[
            {"date": start + dt.timedelta(days=i), "start_time": dt.time(9), "end_time": dt.time(12)}
            for i in range(sessions)
        ],
    )
    Event.objects.filter(pk=event.pk).update(status=EventStatus.PUBLISHED)
    event.refresh_from_db()
    return event


def held_until_yesterday(event: Event) -> Event:
    """Moves an event's sessions back by whole days so that its last session was yesterday, as for
    an event whose attendance is being taken (attendance is refused for sessions ahead)."""
    last = event.sessions.order_by("date", "start_time").last()
    shift = timezone.localdate() - dt.timedelta(days=1) - last.date
    for session in event.sessions.all():
        day = session.date + shift
        Session.objects.filter(pk=session.pk).update(
            date=day, period=session_period(day, session.start_time, session.end_time)
        )
    Event.objects.filter(pk=event.pk).update(
        starts_at=event.starts_at + shift, ends_at=event.ends_at + shift if event.ends_at else None
    )
    event.refresh_from_db()
    return event
