"""Test data: exchange visits (made directly: the services have their own tests), and what the
access table's URLs name."""

import datetime as dt

from django.utils import timezone

from organizations.models import Organization
from organizations.tests.factories import organization_with_admin
from partnerships.models import (
    ExchangeVisit,
    FollowUpOutcome,
    ItineraryItem,
    ObservedPractice,
    Partner,
    VisitingOrganization,
)
from partnerships.models.visits import FOLLOW_UP_AFTER
from trainings.models import Event
from trainings.tests.factories import published_event


def exchange_event(*, centre_slug: str = "erbil", ended_days_ago: int = 10, sessions: int = 2, **fields) -> Event:
    """A published event of the "exchange visit" type whose last session was `ended_days_ago` days
    ago (negative: still ahead), one session a day."""
    fields.setdefault("title", "Exchange visit to Amman")
    return published_event(
        centre_slug=centre_slug,
        days_ahead=-ended_days_ago - (sessions - 1),
        sessions=sessions,
        kind="exchange",
        **fields,
    )


def exchange_visit(*, event: Event | None = None, host=None, author=None, **fields) -> ExchangeVisit:
    """A visit on `event` (by default an Erbil exchange that ended ten days ago), hosted by a CSO."""
    event = event or exchange_event()
    if host is None:
        host, _admin = organization_with_admin(verification_status="verified", name_en="Host CSO")
    fields.setdefault("objectives", "See how a CSO runs public budget hearings.")
    return ExchangeVisit.objects.create(
        event=event,
        host_organization=host if isinstance(host, Organization) else None,
        host_partner=host if isinstance(host, Partner) else None,
        created_by=author,
        **fields,
    )


def last_day(visit: ExchangeVisit) -> dt.date:
    return visit.event.sessions.order_by("-date").values_list("date", flat=True)[0]


def visiting(visit: ExchangeVisit, *, organization=None, assigned_to=None, **fields) -> VisitingOrganization:
    """A visiting CSO with its follow-up due 90 days after the visit (open unless `outcome` is given)."""
    organization = organization or organization_with_admin(verification_status="verified")[0]
    fields.setdefault("follow_up_due_on", last_day(visit) + FOLLOW_UP_AFTER)
    if fields.get("outcome"):
        fields.setdefault("explanation", "Two volunteers now run the hearings.")
        fields.setdefault("recorded_at", timezone.now())
        if fields["outcome"] != FollowUpOutcome.NOT_ADOPTED:
            fields.setdefault("adopted_on", last_day(visit) + dt.timedelta(days=30))
    return VisitingOrganization.objects.create(
        visit=visit, organization=organization, assigned_to=assigned_to, **fields
    )


def practice(visit: ExchangeVisit, *, entry=None, title: str = "Public budget hearings") -> ObservedPractice:
    return ObservedPractice.objects.create(visit=visit, title=title, description="One page budget.", entry=entry)


def stop(visit: ExchangeVisit, *, session=None, place: str = "Community centre, Jabal Amman") -> ItineraryItem:
    session = session or visit.event.sessions.order_by("date", "start_time").first()
    return ItineraryItem.objects.create(visit=visit, session=session, place=place, activity="A hearing.")


def matrix_objects(author, so_far: dict) -> dict:
    """An Erbil exchange visit (the matrix's centre roles work at Erbil) of CSOs none of the role
    users belongs to: an open follow-up, a recorded one (its removal is refused), a practice taken
    up (its removal is refused), an itinerary stop to edit and a spare one to remove."""
    visit = exchange_visit(author=author)
    recorded = visiting(visit, assigned_to=author, outcome=FollowUpOutcome.ADOPTED)
    taken_up = practice(visit)
    recorded.practices.add(taken_up)
    return {
        "exchange_visit": visit,
        "exchange_visitor": visiting(visit, assigned_to=author),
        "exchange_visitor_recorded": recorded,
        "exchange_practice": taken_up,
        "exchange_stop": stop(visit),
        "exchange_stop_spare": stop(visit, place="Municipality of Greater Amman"),
    }
