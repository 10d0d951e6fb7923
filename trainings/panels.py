from django.db.models import Count
from django.utils import timezone

from trainings import permissions
from trainings.models import ATTENDED, Attendance, EventStatus, Registration
from trainings.selectors import events_for_list
from trainings.workflows import ACTIVE


def dashboard_context(request) -> dict:
    user = request.user
    upcoming = list(events_for_list(user=user, filters={"when": "upcoming"}).filter(status=EventStatus.PUBLISHED)[:5])
    mine = list(
        Registration.objects.filter(
            participant__user=user,
            status__in=ACTIVE,
            event__ends_at__gte=timezone.now(),
        )
        .select_related("event")
        .order_by("event__starts_at")[:5]
    )
    return {"upcoming": upcoming, "mine": mine, "can_create": permissions.can_create_events(user)}


def organization_section(request, organization) -> dict:
    """How many of the organisation's people took part in which events (names for staff and the
    organisation's own members only: the section is on a page only they can open)."""
    participations = (
        Attendance.objects.filter(participant__organization=organization, status__in=ATTENDED)
        .values("session__event_id", "session__event__title", "session__event__starts_at")
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
