"""What trainings shows on shared pages: dashboard panels (each person's own sessions first), the
public home's upcoming events, a centre's events and an organisation's participation."""

from datetime import timedelta

from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _

from core.charts import sparkline
from core.panels import Figure
from core.queries import localized
from organizations.selectors import organizations_of
from trainings import permissions
from trainings.models import ATTENDED, Attendance, EventStatus, Registration, RegistrationStatus, Session
from trainings.selectors import events_for_list
from trainings.workflows import ACTIVE

WEEKS_OF_TREND = 8
MISSING_SINCE_DAYS = 30  # sessions older than this with no attendance are the centre's to chase, not the dashboard's


def _centre_first(user) -> list[int]:
    """The centres whose events a person sees first: where staff work, or the centres nearest to the
    person's organisations."""
    centres = sorted(permissions.centres_of(user))
    if centres:
        return centres
    return sorted({o.nearest_centre_id for o in organizations_of(user) if o.nearest_centre_id})


def dashboard_context(request) -> dict:
    """Upcoming events, the person's own centres first, and the events they are registered for."""
    user = request.user
    upcoming = events_for_list(user=user, filters={"when": "upcoming"}).filter(status=EventStatus.PUBLISHED)
    centres = _centre_first(user)
    if centres:
        at_mine = Case(When(centre_id__in=centres, then=Value(0)), default=Value(1), output_field=IntegerField())
        upcoming = upcoming.annotate(elsewhere=at_mine).order_by("elsewhere", "starts_at", "pk")
    mine = list(
        Registration.objects.filter(
            participant__user=user,
            status__in=ACTIVE,
            event__ends_at__gte=timezone.now(),
        )
        .select_related("event__centre")
        .order_by("event__starts_at")[:5]
    )
    return {
        "upcoming": list(upcoming[:5]),
        "mine": mine,
        "centres": centres,
        "can_create": permissions.can_create_events(user),
    }


def _sessions(**filters):
    return (
        Session.objects.filter(is_cancelled=False, **filters)
        .exclude(event__status=EventStatus.CANCELLED)
        .select_related("event__centre", "room")
        .order_by("date", "start_time", "pk")
    )


def _missing(sessions, today, now):
    """Sessions already held (ended) in the last weeks whose attendance nobody has recorded."""
    return sessions.filter(
        Q(date__lt=today) | Q(date=today, period__endswith__lte=now),
        date__gte=today - timedelta(days=MISSING_SINCE_DAYS),
        attendance_recorded_at__isnull=True,
    ).order_by("-date", "-start_time", "-pk")


def _attended_per_week(attendance, today) -> list[int]:
    """People present or late per week over the last weeks, oldest first (one query)."""
    start = today - timedelta(days=7 * WEEKS_OF_TREND - 1)
    rows = (
        attendance.filter(status__in=ATTENDED, session__date__gte=start, session__date__lte=today)
        .values_list("session__date")
        .annotate(n=Count("id"))
    )
    weeks = [0] * WEEKS_OF_TREND
    for day, n in rows:
        weeks[min(WEEKS_OF_TREND - 1, (day - start).days // 7)] += n
    return weeks


def sessions_context(request) -> dict:
    """A trainer's own sessions: today's and the week's, each a tap from its roll-call, and the held
    sessions still missing their attendance."""
    user = request.user
    now = timezone.now()
    today = timezone.localdate()
    own = _sessions(event__trainers=user)
    today_sessions = list(own.filter(date=today))
    week = list(own.filter(date__gt=today, date__lte=today + timedelta(days=6))[:8])
    missing = list(_missing(own, today, now)[:5])
    missing_count = _missing(own, today, now).count()
    trend = _attended_per_week(Attendance.objects.filter(session__event__trainers=user), today)
    roll_calls = reverse("trainings:event_list") + "?when=upcoming"
    return {
        "today": today_sessions,
        "week": week,
        "missing": missing,
        "figures": [
            Figure(_("Sessions today"), len(today_sessions), icon="calendar-check"),
            Figure(_("Sessions in the next 6 days"), len(week), icon="calendar-week", url=roll_calls),
            Figure(_("Attendance not recorded"), missing_count, icon="clipboard-check", attention=True),
            Figure(
                _("People present, last 8 weeks"),
                sum(trend),
                icon="people",
                trend=sparkline(trend, rtl=get_language_bidi()),
            ),
        ],
    }


def centre_week_context(request) -> dict:
    """A centre's week for its staff and manager: sessions and rooms, people waiting for a place,
    attendance not recorded yet."""
    user = request.user
    now = timezone.now()
    today = timezone.localdate()
    centres = sorted(permissions.centres_of(user))
    at_centres = _sessions(event__centre_id__in=centres)
    week = at_centres.filter(date__gte=today, date__lte=today + timedelta(days=6))
    sessions = list(week[:10])
    session_count = week.count()
    rooms = week.exclude(room=None).values("room").distinct().count()
    waiting = Registration.objects.filter(
        event__centre_id__in=centres, status=RegistrationStatus.WAITLISTED, event__ends_at__gte=now
    ).count()
    missing_count = _missing(at_centres, today, now).count()
    trend = _attended_per_week(Attendance.objects.filter(session__event__centre_id__in=centres), today)
    events = reverse("trainings:event_list")
    return {
        "sessions": sessions,
        "more": max(0, session_count - len(sessions)),
        "figures": [
            Figure(_("Sessions this week"), session_count, icon="calendar-week", url=events),
            Figure(_("Rooms in use this week"), rooms, icon="building"),
            Figure(_("People on a waiting list"), waiting, icon="hourglass-split", attention=True),
            Figure(_("Attendance not recorded"), missing_count, icon="clipboard-check", attention=True),
            Figure(
                _("People present, last 8 weeks"),
                sum(trend),
                icon="people",
                trend=sparkline(trend, rtl=get_language_bidi()),
            ),
        ],
        "can_create": permissions.can_create_events(user),
    }


def home_context(request) -> dict:
    """The public home's upcoming events: public ones, soonest first."""
    upcoming = events_for_list(user=request.user, filters={"when": "upcoming"}).filter(status=EventStatus.PUBLISHED)
    return {"events": list(upcoming[:6])}


def organization_section(request, organization) -> dict:
    """How many of the organisation's people took part in which events (names for staff and the
    organisation's own members only: the section is on a page only they can open)."""
    participations = (
        Attendance.objects.filter(participant__organization=organization, status__in=ATTENDED)
        .annotate(event_title=localized("session__event__title"))
        .values("session__event_id", "event_title", "session__event__starts_at")
        .annotate(people=Count("participant", distinct=True))
        .order_by("-session__event__starts_at")
    )
    people = (
        Attendance.objects.filter(participant__organization=organization, status__in=ATTENDED)
        .values("participant")
        .distinct()
        .count()
    )
    return {"events": list(participations[:20]), "people": people}


def centre_context(request) -> dict:
    slug = request.resolver_match.kwargs.get("slug")
    upcoming = events_for_list(user=request.user, filters={"when": "upcoming"}).filter(
        centre__slug=slug, status=EventStatus.PUBLISHED
    )[:6]
    return {"slug": slug, "upcoming": list(upcoming)}
