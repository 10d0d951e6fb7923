"""Reads of the exchange visits: the list, one visit with everything its page shows, the people who
may be given a follow-up, and each person's follow-ups. Every read makes a fixed number of queries
whatever the number of rows."""

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.http import Http404
from django.utils import timezone
from guardian.shortcuts import get_objects_for_user

from accounts.models import AnyUser, User
from accounts.roles import Role
from centers.models import Center
from centers.selectors import staff_of_centre
from commons import permissions as commons_permissions
from commons.models import Entry
from commons.selectors import readable_entries, reading, with_reading
from organizations.models import Organization, VerificationStatus
from partnerships import permissions
from partnerships.models import ExchangeVisit, ItineraryItem, ObservedPractice, Partner, VisitingOrganization
from partnerships.selectors.coalitions import prime_membership_roles
from trainings import permissions as trainings_permissions
from trainings.models import ATTENDED, Event, EventStatus, EventType, Registration, RegistrationStatus, Session


def _sessions_held(field: str = "event") -> QuerySet[Session, Any]:
    """The dates of an event's sessions that are not cancelled, for the annotations below."""
    return Session.objects.filter(event=OuterRef(field), is_cancelled=False).order_by().values("event")


def last_session_date(event_field: str = "event") -> Subquery:
    """The date of the event's last session (not cancelled): the visit's end, from which the
    follow-up and the adoption window are counted."""
    return Subquery(_sessions_held(event_field).annotate(last=Max("date")).values("last")[:1])


def first_session_date(event_field: str = "event") -> Subquery:
    return Subquery(_sessions_held(event_field).annotate(first=Min("date")).values("first")[:1])


def visit_dates(event: Event) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day of the visit (the sessions held; all of them when every one is cancelled)."""
    sessions = event.sessions.order_by()
    held = sessions.filter(is_cancelled=False).aggregate(first=Min("date"), last=Max("date"))
    if held["last"] is None:
        held = sessions.aggregate(first=Min("date"), last=Max("date"))
    return held["first"], held["last"]


def visits_for_list(user: AnyUser) -> QuerySet[ExchangeVisit]:
    """Every visit, for programme staff, with what the list shows (its dates, the CSOs, the follow-ups
    recorded and those due) in one query."""
    if not permissions.is_staff(user):
        return ExchangeVisit.objects.none()
    today = timezone.localdate()
    return (
        ExchangeVisit.objects.select_related("event__centre", "host_organization", "host_partner")
        .annotate(
            first_day=first_session_date("event_id"),
            last_day=last_session_date("event_id"),
            visitor_count=Count("visitors", distinct=True),
            recorded_count=Count("visitors", filter=~Q(visitors__outcome=""), distinct=True),
            due_count=Count(
                "visitors",
                filter=Q(visitors__outcome="", visitors__follow_up_due_on__lte=today),
                distinct=True,
            ),
        )
        .order_by("-event__starts_at", "-pk")
    )


def _visit_queryset() -> QuerySet[ExchangeVisit]:
    return ExchangeVisit.objects.select_related(
        "event__centre", "host_organization", "host_partner", "created_by"
    ).prefetch_related(
        Prefetch(
            "visitors",
            queryset=VisitingOrganization.objects.select_related("organization", "assigned_to", "recorded_by")
            .prefetch_related("practices")
            .order_by("organization__name", "pk"),
        ),
        Prefetch("event__sessions", queryset=Session.objects.order_by("date", "start_time")),
    )


def visit_for_user_or_404(
    user: AnyUser, pk: int, *, may: Callable[[AnyUser, ExchangeVisit], bool] | None = None
) -> ExchangeVisit:
    """A visit the person may see (404 otherwise); 403 when `may(user, visit)` refuses. For those
    who are not programme staff, the roles in the host and visiting CSOs are read in one query (the
    page asks about each visitor)."""
    visit = _visit_queryset().filter(pk=pk).first()
    if visit is not None and not permissions.is_staff(user):
        hosts = [visit.host_organization] if visit.host_organization is not None else []
        prime_membership_roles([*hosts, *(v.organization for v in visit.visitors.all())])
    if visit is None or not permissions.can_view_visit(user, visit):
        raise Http404
    if may is not None and not may(user, visit):
        raise PermissionDenied
    return visit


def visit_of_event(user: AnyUser, event_pk: int) -> ExchangeVisit | None:
    """The visit recorded on an event, when the person may see it (for the event's page)."""
    visit = (
        ExchangeVisit.objects.select_related("event__centre", "host_organization", "host_partner")
        .prefetch_related(Prefetch("visitors", queryset=VisitingOrganization.objects.select_related("organization")))
        .filter(event_id=event_pk)
        .first()
    )
    return visit if visit is not None and permissions.can_view_visit(user, visit) else None


def itinerary_by_session(visit: ExchangeVisit) -> list[dict[str, Any]]:
    """Each session of the event with what the visitors do in it (a session may hold several items)."""
    items: dict[int, list[ItineraryItem]] = {}
    for item in visit.itinerary.order_by("session__date", "session__start_time", "pk"):
        items.setdefault(item.session_id, []).append(item)
    return [{"session": s, "items": items.get(s.pk, [])} for s in visit.event.sessions.all()]


def practices_of(visit: ExchangeVisit, user: AnyUser, language: str) -> list[dict[str, Any]]:
    """The practices observed, each with its platform entry in the reader's language when she may
    read it (an entry hidden since is shown as a title without a link)."""
    entries = Prefetch("entry", queryset=with_reading(Entry.objects.all()))
    rows = []
    for practice in visit.practices.prefetch_related(entries).annotate(taken_up=Count("taken_up_by")).order_by("pk"):
        entry = practice.entry
        readable = entry is not None and commons_permissions.can_read(user, entry)
        rows.append(
            {
                "practice": practice,
                "entry": entry if readable else None,
                "reading": reading(entry, language) if readable and entry is not None else None,
            }
        )
    return rows


def participants_of(visit: ExchangeVisit) -> QuerySet[Registration]:
    """The people registered for the visit's event (trainings holds them; nothing is copied), with
    the sessions each attended."""
    return (
        visit.event.registrations.filter(status=RegistrationStatus.REGISTERED)
        .select_related("participant__organization")
        .annotate(
            attended=Count(
                "participant__attendance",
                filter=Q(
                    participant__attendance__session__event=visit.event_id,
                    participant__attendance__status__in=ATTENDED,
                ),
                distinct=True,
            )
        )
        .order_by("participant__organization__name", "participant__full_name", "pk")
    )


def participants_part(visit: ExchangeVisit, user: AnyUser) -> dict[str, Any]:
    """Names for those who may see the event's participants (its centre's staff), counts for the
    others; and how many people each visiting CSO sent."""
    registrations = list(participants_of(visit))
    sent: dict[int, int] = {}
    for registration in registrations:
        organization_id = registration.participant.organization_id
        if organization_id is not None:
            sent[organization_id] = sent.get(organization_id, 0) + 1
    return {
        "participants": registrations if trainings_permissions.can_see_participants(user, visit.event) else None,
        "participant_count": len(registrations),
        "attended_count": sum(1 for r in registrations if getattr(r, "attended", 0)),
        "sent": sent,
    }


def exchange_events_without_visit(user: AnyUser) -> QuerySet[Event]:
    """The exchange-type events the person may record a visit on: of her centres, not cancelled,
    without a visit yet."""
    events = (
        Event.objects.filter(kind=EventType.EXCHANGE)
        .exclude(status=EventStatus.CANCELLED)
        .filter(~Exists(ExchangeVisit.objects.filter(event=OuterRef("pk"))))
        .select_related("centre")
        .order_by("-starts_at", "pk")
    )
    if permissions.is_admin(user):
        return events
    if not permissions.is_manager(user):
        return events.none()
    return events.filter(centre__in=_centres_of(user))


def _centres_of(user: AnyUser) -> QuerySet[Center]:
    return get_objects_for_user(user, "centers.work_at_center", klass=Center, accept_global_perms=False)


def assignees_for(centre: Center, actor: User) -> QuerySet[User]:
    """Who may be given a follow-up of a visit at `centre`: its managers and staff, and the person
    choosing (a programme admin may keep it for herself)."""
    staff = staff_of_centre(centre).filter(is_active=True, groups__name__in=[Role.CENTRE_MANAGER, Role.CENTRE_STAFF])
    return (
        User.objects.filter(Q(pk__in=staff.values("pk")) | Q(pk=actor.pk), is_active=True)
        .distinct()
        .order_by("full_name", "pk")
    )


def readable_published_entries(user: AnyUser) -> QuerySet[Entry]:
    """The platform entries a practice may be linked to: the published ones the person may read."""
    return readable_entries(user).order_by("title", "pk")


def follow_ups_for(user: AnyUser, *, state: str = "open") -> QuerySet[VisitingOrganization]:
    """The follow-ups given to the person and, for a centre manager, those of her centres' visits
    (a programme admin: all of them); open ones first, the earliest due first."""
    if not permissions.is_staff(user):
        return VisitingOrganization.objects.none()
    scope = Q(assigned_to=user)
    if permissions.is_admin(user):
        scope = Q()
    elif permissions.is_manager(user):
        managed = get_objects_for_user(user, "centers.manage_center", klass=Center, accept_global_perms=False)
        scope |= Q(visit__event__centre__in=managed)
    rows = VisitingOrganization.objects.filter(scope)
    if state == "open":
        rows = rows.filter(outcome="")
    elif state == "recorded":
        rows = rows.exclude(outcome="")
    return (
        rows.select_related("organization", "assigned_to", "visit__event__centre", "visit__host_organization")
        .select_related("visit__host_partner")
        .annotate(
            last_day=last_session_date("visit__event_id"),
            recorded_first=Case(When(outcome="", then=Value(0)), default=Value(1), output_field=IntegerField()),
        )
        .order_by("recorded_first", "follow_up_due_on", "pk")
    )


def follow_up_for_user_or_404(user: AnyUser, pk: int) -> VisitingOrganization:
    """A visiting CSO's follow-up: 404 when the person may not see the visit, 403 when she sees it
    but may not record its follow-up."""
    visiting = (
        VisitingOrganization.objects.select_related(
            "organization", "assigned_to", "visit__event__centre", "visit__host_organization", "visit__host_partner"
        )
        .prefetch_related("practices", "visit__visitors__organization")
        .filter(pk=pk)
        .first()
    )
    if visiting is None or not permissions.can_view_visit(user, visiting.visit):
        raise Http404
    if not permissions.can_record_follow_up(user, visiting):
        raise PermissionDenied
    return visiting


def follow_ups_due_count(user: AnyUser) -> int:
    return follow_ups_for(user).filter(follow_up_due_on__lte=timezone.localdate()).count()


def practice_choices(visit: ExchangeVisit) -> QuerySet[ObservedPractice]:
    return visit.practices.order_by("pk")


def visitor_of(visit: ExchangeVisit, pk: int) -> VisitingOrganization:
    found = next((v for v in visit.visitors.all() if v.pk == pk), None)
    if found is None:
        raise Http404
    return found


def itinerary_item_of(visit: ExchangeVisit, pk: int) -> ItineraryItem:
    item = ItineraryItem.objects.select_related("session").filter(visit=visit, pk=pk).first()
    if item is None:
        raise Http404
    item.visit = visit
    return item


def practice_of(visit: ExchangeVisit, pk: int) -> ObservedPractice:
    practice = ObservedPractice.objects.select_related("entry").filter(visit=visit, pk=pk).first()
    if practice is None:
        raise Http404
    practice.visit = visit
    return practice


def host_partners() -> QuerySet[Partner]:
    return Partner.objects.order_by("name", "pk")


def programme_csos() -> QuerySet[Organization]:
    """The CSOs a visit may name (host or visitor): those verified in the programme."""
    return Organization.objects.filter(verification_status=VerificationStatus.VERIFIED).order_by("name", "pk")
