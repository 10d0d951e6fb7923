"""Month and week calendars of a centre's sessions, and iCalendar feeds."""

import calendar
import datetime as dt

from django.conf import settings
from django.urls import reverse
from icalendar import Calendar
from icalendar import Event as ICalEvent

from trainings.models import Event, EventStatus, RegistrationStatus, Session
from trainings.selectors import visible_events


def month_grid(year: int, month: int, sessions) -> list[list[dict]]:
    """Weeks (starting on Saturday, as in Iraq) of days, each with its sessions."""
    by_day: dict[dt.date, list] = {}
    for session in sessions:
        by_day.setdefault(session.date, []).append(session)
    weeks = calendar.Calendar(firstweekday=calendar.SATURDAY).monthdatescalendar(year, month)
    return [
        [{"date": day, "in_month": day.month == month, "sessions": by_day.get(day, [])} for day in week]
        for week in weeks
    ]


def sessions_between(*, centre, start: dt.date, end: dt.date, user=None):
    """The centre's sessions in these days that this person may see (drafts only for those who
    prepare them; none for a feed, which has no person)."""
    return (
        Session.objects.filter(date__gte=start, date__lte=end, event__centre=centre, is_cancelled=False)
        .filter(event__in=Event.objects.filter(visible_events(user)))
        .exclude(event__status=EventStatus.CANCELLED)
        .select_related("event", "room")
        .order_by("date", "start_time")
    )


def sessions_of_person(user_pk: int, *, since: dt.date):
    """The sessions of the events a person is registered for (their own feed), from `since` on."""
    return (
        Session.objects.filter(
            event__registrations__participant__user_id=user_pk,
            event__registrations__status=RegistrationStatus.REGISTERED,
            is_cancelled=False,
            date__gte=since,
        )
        .exclude(event__status__in=[EventStatus.DRAFT, EventStatus.CANCELLED])
        .select_related("event__centre", "room")
        .order_by("date", "start_time")
    )


def ical(sessions, name: str) -> bytes:
    feed = Calendar()
    feed.add("prodid", "-//Tatweer//Civil Society Service Centres//EN")
    feed.add("version", "2.0")
    feed.add("x-wr-calname", name)
    for session in sessions:
        entry = ICalEvent()
        entry.add("uid", f"session-{session.pk}@tatweer")
        entry.add("summary", session.event.title)
        entry.add("dtstart", session.period.lower)
        entry.add("dtend", session.period.upper)
        entry.add("dtstamp", session.period.lower)
        location = session.room.name if session.room else session.event.external_venue or session.event.online_link
        if location:
            entry.add("location", f"{session.event.centre.name}, {location}" if session.room else location)
        entry.add("url", settings.SITE_URL + reverse("trainings:event_detail", args=[session.event_id]))
        feed.add_component(entry)
    return feed.to_ical()
