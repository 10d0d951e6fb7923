"""The reads of the trainings pages; the `<entity>_for_user_or_404` functions fetch and authorise
in one step (404 for what the person may not see, 403 for what they see but may not act on as
`may(user, obj)` asks)."""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Avg, Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from guardian.shortcuts import get_objects_for_user

from accounts.models import AnyUser, User
from accounts.roles import Role
from centers.models import Center
from core.queries import count_of
from trainings import permissions
from trainings.models import (
    ATTENDED,
    Attendance,
    Event,
    EventStatus,
    Feedback,
    KnowledgeTestKind,
    Material,
    Participant,
    Registration,
    RegistrationStatus,
    Session,
    TrainingPackage,
)


def events_for_list(*, user: AnyUser, filters: dict[str, Any]) -> QuerySet[Event]:
    """Events a person may see, with what the list shows, in a fixed number of queries."""
    events = (
        Event.objects.select_related("centre", "room", "package")
        .annotate(
            registered_count=count_of(
                Registration.objects.filter(event=OuterRef("pk"), status=RegistrationStatus.REGISTERED)
            ),
            session_count=count_of(Session.objects.filter(event=OuterRef("pk"))),
        )
        .order_by("starts_at", "pk")
    )
    if filters.get("centre"):
        events = events.filter(centre=filters["centre"])
    if filters.get("kind"):
        events = events.filter(kind=filters["kind"])
    if filters.get("package"):
        events = events.filter(package=filters["package"])
    when = filters.get("when") or "upcoming"
    now = timezone.now()
    if when == "upcoming":
        events = events.filter(Q(ends_at__gte=now) | Q(ends_at__isnull=True)).exclude(status=EventStatus.CANCELLED)
    elif when == "past":
        events = events.filter(ends_at__lt=now).order_by("-starts_at", "-pk")
    if filters.get("status"):
        events = events.filter(status=filters["status"])
    return events.filter(visible_events(user))


def visible_events(user: AnyUser | None) -> Q:
    """The events a person may see, as a filter: everything but drafts, plus the drafts they may
    manage or train at. The same rule as permissions.can_see_event, for lists and calendars. No join
    (the trainers are an EXISTS), so a list needs no DISTINCT."""
    if user is None or not user.is_authenticated:
        return ~Q(status=EventStatus.DRAFT)
    if user.has_role(Role.PROGRAMME_ADMIN):
        return Q()
    trains = Exists(Event.trainers.through.objects.filter(event=OuterRef("pk"), user=user))
    visible = ~Q(status=EventStatus.DRAFT) | Q(trains)
    if user.has_role(*permissions.EVENT_MANAGERS):
        centres = get_objects_for_user(user, "centers.work_at_center", klass=Center, accept_global_perms=False)
        visible |= Q(centre__in=centres)
    return visible


def event_for_user_or_404(user: AnyUser, pk: int, *, may: Callable[[AnyUser, Event], bool] | None = None) -> Event:
    event = (
        Event.objects.select_related("centre", "room", "package", "created_by")
        .prefetch_related("trainers", Prefetch("sessions", queryset=Session.objects.order_by("date", "start_time")))
        .filter(pk=pk)
        .first()
    )
    if event is None or not permissions.can_see_event(user, event):
        raise Http404
    if may is not None and not may(user, event):
        raise PermissionDenied
    return event


def registration_for_user_or_404(user: AnyUser, event_pk: int, pk: int) -> Registration:
    """A registration of an event the person may see (what they may do with it, the workflow says)."""
    event = event_for_user_or_404(user, event_pk)
    registration = event.registrations.select_related("participant").filter(pk=pk).first()
    if registration is None:
        raise Http404
    return registration


def session_for_attendance_or_404(user: AnyUser, event_pk: int, pk: int) -> Session:
    """A session of an event whose attendance the person takes, with its attendance."""
    event = event_for_user_or_404(user, event_pk, may=permissions.can_take_attendance)
    session = Session.objects.prefetch_related("attendance").filter(pk=pk, event=event).first()
    if session is None:
        raise Http404
    session.event = event
    return session


def registration_for_check_in_or_404(user: AnyUser, pk: int) -> Registration:
    """The registration behind a check-in code, for the staff and trainers of its event."""
    registration = Registration.objects.select_related("participant", "event__centre").filter(pk=pk).first()
    if registration is None:
        raise Http404
    if not permissions.can_take_attendance(user, registration.event):
        raise PermissionDenied
    return registration


def registrations_of(event: Event) -> QuerySet[Registration]:
    return event.registrations.select_related("participant__organization", "registered_by").order_by("created_at", "pk")


def registration_counts(event: Event) -> dict[str, int]:
    counts = dict(event.registrations.values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    return {status: counts.get(status, 0) for status in RegistrationStatus.values}


def participant_of(user: AnyUser) -> Participant | None:
    if not user.is_authenticated:
        return None
    return Participant.objects.filter(user=user).first()


def my_registrations(user: User) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(participant__user=user)
        .select_related("event__centre")
        .order_by("-event__starts_at")
    )


def find_participants(*, phone: str = "", email: str = "", name: str = "") -> QuerySet[Participant]:
    """Matches on phone or e-mail first (exact), then on name, so staff find a person before creating one."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    query = Q()
    if len(digits) >= 7:
        query |= Q(phone__endswith=digits[-10:])  # the subscriber number, with or without +964 / 0
    if email.strip():
        query |= Q(email__iexact=email.strip())
    if name.strip() and len(name.strip()) >= 3:
        query |= Q(full_name__icontains=name.strip())
    if not query:
        return Participant.objects.none()
    return Participant.objects.filter(query).select_related("organization").order_by("full_name")[:20]


def roll_call(session: Session) -> list[dict[str, Any]]:
    """The registered people of a session's event with their attendance at this session."""
    registrations = list(
        session.event.registrations.filter(status=RegistrationStatus.REGISTERED)
        .select_related("participant__organization")
        .order_by("participant__full_name")
    )
    recorded = {a.participant_id: a for a in session.attendance.all()}
    return [{"participant": r.participant, "attendance": recorded.get(r.participant_id)} for r in registrations]


def participants_for_user(*, user: AnyUser, q: str = "") -> QuerySet[Participant]:
    """People whose personal data the user may see: everyone for programme admins, otherwise those
    registered for events of the user's centres. Counted registrations and attendance included."""
    people = Participant.objects.select_related("organization").annotate(
        events_count=count_of(Registration.objects.filter(participant=OuterRef("pk"))),
        attended_count=count_of(Attendance.objects.filter(participant=OuterRef("pk"), status__in=ATTENDED)),
    )
    if not user.is_authenticated:
        return Participant.objects.none()
    if not user.has_role(Role.PROGRAMME_ADMIN):
        centres = get_objects_for_user(user, "centers.work_at_center", klass=Center, accept_global_perms=False)
        registered_here = Registration.objects.filter(participant=OuterRef("pk"), event__centre__in=centres)
        people = people.filter(Q(Exists(registered_here)) | Q(created_by=user))
    if q.strip():
        digits = "".join(ch for ch in q if ch.isdigit())
        match = Q(full_name__icontains=q.strip()) | Q(email__iexact=q.strip())
        if len(digits) >= 7:
            match |= Q(phone__endswith=digits[-10:])
        people = people.filter(match)
    return people.order_by("full_name", "pk")


def participant_for_user_or_404(user: AnyUser, pk: int) -> Participant:
    participant = participants_for_user(user=user).filter(pk=pk).first()
    if participant is None:
        raise Http404
    return participant


def latest_materials(package: TrainingPackage, *, include_unpublished: bool) -> list[Material]:
    """The newest version of each material (per title and language)."""
    materials = Material.objects.filter(package=package).order_by("title", "language", "-version")
    if not include_unpublished:
        materials = materials.filter(is_published=True)
    latest: list[Material] = []
    seen: set[tuple[str, str]] = set()
    for material in materials:
        if (material.title, material.language) not in seen:
            seen.add((material.title, material.language))
            latest.append(material)
    return latest


def event_results(event: Event) -> dict[str, Any]:
    """Aggregates for the event page: knowledge gain and feedback."""
    before, after = KnowledgeTestKind.PRE, KnowledgeTestKind.POST
    attempts: dict[int, dict[str, float]] = {}
    for attempt in event.test_attempts.all():
        attempts.setdefault(attempt.participant_id, {})[attempt.kind] = attempt.percent
    pre = [a[before] for a in attempts.values() if before in a]
    post = [a[after] for a in attempts.values() if after in a]
    gains = [a[after] - a[before] for a in attempts.values() if before in a and after in a]
    feedback = Feedback.objects.filter(event=event)
    averages = feedback.aggregate(satisfaction=Avg("satisfaction"), usefulness=Avg("usefulness"))
    return {
        "pre_average": round(sum(pre) / len(pre), 1) if pre else None,
        "post_average": round(sum(post) / len(post), 1) if post else None,
        "gain": round(sum(gains) / len(gains), 1) if gains else None,
        "pairs": len(gains),
        "feedback_count": feedback.count(),
        "satisfaction": round(averages["satisfaction"], 1) if averages["satisfaction"] else None,
        "usefulness": round(averages["usefulness"], 1) if averages["usefulness"] else None,
        "comments": list(feedback.exclude(comments="").values_list("comments", flat=True)[:50]),
    }


def colleagues_of(user: User) -> QuerySet[Participant]:
    """Participant records of the people in the user's organisations."""
    return (
        Participant.objects.filter(organization__memberships__user=user)
        .select_related("organization")
        .order_by("full_name")
        .distinct()
    )
