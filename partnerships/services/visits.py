"""Exchange visits: recorded on a trainings event of the "exchange visit" type (the event keeps the
dates, sessions, centre and participants; nothing of it is copied), with the host, the visiting CSOs
and their 90-day follow-up, the itinerary per session and the practices observed.

Each write locks the row it decides on, checks the permission first, and is audited (pghistory,
with the actor and an action named `partnerships.<...>`). A refusal is a translated
ValidationError naming the field, and changes nothing."""

import datetime as dt
import re
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from commons.selectors import readable_entries
from core.audit import actor_context
from organizations.models import Organization
from partnerships import permissions
from partnerships.models import (
    ExchangeVisit,
    FollowUpOutcome,
    ItineraryItem,
    ObservedPractice,
    VisitingOrganization,
)
from partnerships.models.visits import FOLLOW_UP_AFTER
from partnerships.selectors.visits import last_session_date, visit_dates
from trainings.models import Event, EventStatus, EventType

VISIT_FIELDS = ("host_organization", "host_partner", "host_country", "objectives")
ADOPTING = (FollowUpOutcome.ADOPTED, FollowUpOutcome.ADAPTED)


def _locked_visit(visit: ExchangeVisit) -> ExchangeVisit:
    return (
        ExchangeVisit.objects.select_for_update(of=("self",))
        .select_related("event__centre", "host_organization", "host_partner")
        .get(pk=visit.pk)
    )


def _locked_visiting(visiting: VisitingOrganization) -> VisitingOrganization:
    return (
        VisitingOrganization.objects.select_for_update(of=("self",))
        .select_related("visit__event__centre", "visit__host_organization", "organization")
        .get(pk=visiting.pk)
    )


def _must_manage(actor: User, visit: ExchangeVisit) -> None:
    if not permissions.can_manage_visit(actor, visit):
        raise PermissionDenied


def _refuse_cancelled(event: Event, field: str = "event") -> None:
    if event.status == EventStatus.CANCELLED:
        raise ValidationError({field: _("The event is cancelled: its exchange visit cannot change.")})


def _apply_visit(visit: ExchangeVisit, data: dict[str, Any]) -> None:
    """The host (a CSO or a partner, exactly one), the country and the objectives, checked."""
    for name in VISIT_FIELDS:
        if name in data:
            setattr(visit, name, data[name])
    if bool(visit.host_organization_id) == bool(visit.host_partner_id):
        raise ValidationError({"host_organization": _("Choose the host: one CSO or one partner.")})
    visit.objectives = (visit.objectives or "").strip()
    if not visit.objectives:
        raise ValidationError({"objectives": _("Say what the visit is for.")})
    country = (visit.host_country or "").strip().upper()
    if not country:
        country = visit.host_partner.country if visit.host_partner else "IQ"
    if not re.fullmatch(r"[A-Z]{2}", country):
        raise ValidationError({"host_country": _("Give the country as its two-letter code (IQ, JO, TN…).")})
    visit.host_country = country
    hosts_a_visitor = visit.visitors.filter(organization=visit.host_organization_id) if visit.pk else None
    if visit.host_organization_id and hosts_a_visitor is not None and hosts_a_visitor.exists():
        raise ValidationError({"host_organization": _("This CSO is one of the visitors: it cannot also host.")})


@transaction.atomic
def visit_create(*, actor: User, event: Event, data: dict[str, Any]) -> ExchangeVisit:
    """Records an exchange-type event of the manager's centre as an exchange visit, with its host
    and objectives. An event of another type, a cancelled one or one already recorded is refused."""
    event = Event.objects.select_for_update(of=("self",)).select_related("centre").get(pk=event.pk)
    if not permissions.can_create_visit_for(actor, event):
        raise PermissionDenied
    if event.kind != EventType.EXCHANGE:
        raise ValidationError(
            {"event": _("Only an event of the “exchange visit” type can be recorded as an exchange visit.")}
        )
    _refuse_cancelled(event)
    if ExchangeVisit.objects.filter(event=event).exists():
        raise ValidationError({"event": _("This event is already recorded as an exchange visit.")})
    visit = ExchangeVisit(event=event, created_by=actor)
    _apply_visit(visit, data)
    with actor_context(actor, action="partnerships.visit_create"):
        visit.save()
    return visit


@transaction.atomic
def visit_update(*, actor: User, visit: ExchangeVisit, data: dict[str, Any]) -> ExchangeVisit:
    """Changes the host, country or objectives; the follow-ups not yet due follow the event's dates."""
    visit = _locked_visit(visit)
    _must_manage(actor, visit)
    _refuse_cancelled(visit.event, "objectives")
    _apply_visit(visit, data)
    with actor_context(actor, action="partnerships.visit_update"):
        visit.save(update_fields=list(VISIT_FIELDS))
        follow_up_dates_refresh(visit_ids=[visit.pk])
    return visit


def _check_assignee(assigned_to: User, visit: ExchangeVisit) -> None:
    if not permissions.can_follow_up_at(assigned_to, visit.event.centre):
        message = _("Choose a manager or a member of staff of the centre of the visit (%(centre)s).")
        raise ValidationError({"assigned_to": message % {"centre": visit.event.centre.name}})


def follow_up_due_on(event: Event) -> dt.date:
    _first, last = visit_dates(event)
    return (last or timezone.localdate()) + FOLLOW_UP_AFTER


@transaction.atomic
def visitor_add(
    *, actor: User, visit: ExchangeVisit, organization: Organization, assigned_to: User | None = None
) -> VisitingOrganization:
    """Adds a visiting (sending) CSO; its follow-up falls due 90 days after the visit's last session
    and is given to `assigned_to` (a manager or staff member of the event's centre), by default the
    person adding it."""
    visit = _locked_visit(visit)
    _must_manage(actor, visit)
    _refuse_cancelled(visit.event, "organization")
    if organization.pk == visit.host_organization_id:
        raise ValidationError({"organization": _("The host CSO cannot also be a visitor.")})
    if visit.visitors.filter(organization=organization).exists():
        raise ValidationError({"organization": _("This CSO is already among the visitors.")})
    assignee = assigned_to or actor
    _check_assignee(assignee, visit)
    visiting = VisitingOrganization(
        visit=visit, organization=organization, assigned_to=assignee, follow_up_due_on=follow_up_due_on(visit.event)
    )
    try:
        with transaction.atomic(), actor_context(actor, action="partnerships.visitor_add"):
            visiting.save()
    except IntegrityError as error:
        raise ValidationError({"organization": _("This CSO is already among the visitors.")}) from error
    return visiting


@transaction.atomic
def visitor_assign(*, actor: User, visiting: VisitingOrganization, assigned_to: User) -> VisitingOrganization:
    """Gives an open follow-up to another manager or staff member of the centre (she is reminded
    when it falls due, even if the one before her was)."""
    visiting = _locked_visiting(visiting)
    _must_manage(actor, visiting.visit)
    if visiting.is_recorded:
        raise ValidationError({"assigned_to": _("This follow-up is recorded: it is no longer anybody's to do.")})
    _check_assignee(assigned_to, visiting.visit)
    if assigned_to.pk != visiting.assigned_to_id:
        visiting.assigned_to, visiting.reminded_at = assigned_to, None
        with actor_context(actor, action="partnerships.visitor_assign"):
            visiting.save(update_fields=["assigned_to", "reminded_at"])
    return visiting


@transaction.atomic
def visitor_remove(*, actor: User, visiting: VisitingOrganization) -> None:
    """Takes a CSO off the visit, while its follow-up is not recorded."""
    visiting = _locked_visiting(visiting)
    _must_manage(actor, visiting.visit)
    if visiting.is_recorded:
        raise ValidationError(_("The follow-up of this CSO is recorded: it stays on the visit."))
    with actor_context(actor, action="partnerships.visitor_remove"):
        visiting.delete()


@transaction.atomic
def itinerary_save(
    *, actor: User, visit: ExchangeVisit, data: dict[str, Any], item: ItineraryItem | None = None
) -> ItineraryItem:
    """A stop of the itinerary: which session of the event, where, what the visitors do, who receives them."""
    visit = _locked_visit(visit)
    _must_manage(actor, visit)
    if item is not None:
        item = ItineraryItem.objects.select_for_update().get(pk=item.pk, visit=visit)
    item = item or ItineraryItem(visit=visit)
    session = data.get("session")
    if session is None or session.event_id != visit.event_id:
        raise ValidationError({"session": _("Choose a session of the visit's event.")})
    item.session = session
    item.place = (data.get("place") or "").strip()
    item.activity = (data.get("activity") or "").strip()
    item.hosted_by = (data.get("hosted_by") or "").strip()
    if not item.place:
        raise ValidationError({"place": _("Say where the visitors go.")})
    if not item.activity:
        raise ValidationError({"activity": _("Say what the visitors do there.")})
    item.full_clean(exclude=["visit", "session"])
    with actor_context(actor, action="partnerships.itinerary_save"):
        item.save()
    return item


@transaction.atomic
def itinerary_remove(*, actor: User, item: ItineraryItem) -> None:
    visit = _locked_visit(item.visit)
    _must_manage(actor, visit)
    with actor_context(actor, action="partnerships.itinerary_remove"):
        ItineraryItem.objects.filter(pk=item.pk, visit=visit).delete()


@transaction.atomic
def practice_save(
    *, actor: User, visit: ExchangeVisit, data: dict[str, Any], practice: ObservedPractice | None = None
) -> ObservedPractice:
    """A practice the visitors observed, linked to the published platform entry that documents it
    when there is one (an entry the person may read)."""
    visit = _locked_visit(visit)
    _must_manage(actor, visit)
    if practice is not None:
        practice = ObservedPractice.objects.select_for_update().get(pk=practice.pk, visit=visit)
    practice = practice or ObservedPractice(visit=visit)
    practice.title = (data.get("title") or "").strip()
    practice.description = (data.get("description") or "").strip()
    entry = data.get("entry")
    if not practice.title:
        raise ValidationError({"title": _("Name the practice.")})
    if entry is not None and not readable_entries(actor).filter(pk=entry.pk).exists():
        raise ValidationError({"entry": _("Choose a published platform entry that you can read.")})
    practice.entry = entry
    practice.full_clean(exclude=["visit", "entry"])
    with actor_context(actor, action="partnerships.practice_save"):
        practice.save()
    return practice


@transaction.atomic
def practice_remove(*, actor: User, practice: ObservedPractice) -> None:
    """Removes a practice no follow-up says was taken up."""
    visit = _locked_visit(practice.visit)
    _must_manage(actor, visit)
    if practice.taken_up_by.exists():
        raise ValidationError(_("A visiting CSO took this practice up: it stays on the visit."))
    with actor_context(actor, action="partnerships.practice_remove"):
        ObservedPractice.objects.filter(pk=practice.pk, visit=visit).delete()


def _follow_up_problems(
    visiting: VisitingOrganization, data: dict[str, Any], practices: list[ObservedPractice], today: dt.date
) -> dict[str, str]:
    """What stops this follow-up from being recorded, by field (empty: nothing)."""
    first, last = visit_dates(visiting.visit.event)
    if last is None or last > today:
        return {"outcome": _("The visit has not ended yet: its follow-up is recorded afterwards.")}
    problems: dict[str, str] = {}
    outcome = data.get("outcome") or ""
    if outcome not in FollowUpOutcome.values:
        problems["outcome"] = _("Say whether the CSO adopted, adapted or did not adopt what it saw.")
    if not (data.get("explanation") or "").strip():
        problems["explanation"] = _("Say what changed, or why the CSO did not take the practice up.")
    if any(p.visit_id != visiting.visit_id for p in practices):
        problems["practices"] = _("Choose among the practices observed on this visit.")
    if outcome in ADOPTING:
        problems = {**_adoption_problems(visiting, data.get("adopted_on"), practices, first, today), **problems}
    elif outcome == FollowUpOutcome.NOT_ADOPTED:
        if data.get("adopted_on") is not None:
            problems["adopted_on"] = _("Leave the date empty: nothing was adopted.")
        if practices:
            problems["practices"] = _("Leave the practices empty: nothing was adopted.")
    return problems


def _adoption_problems(
    visiting: VisitingOrganization,
    adopted_on: dt.date | None,
    practices: list[ObservedPractice],
    first: dt.date | None,
    today: dt.date,
) -> dict[str, str]:
    """An adopted or adapted practice: which ones, and since when (not before the visit, not ahead)."""
    problems: dict[str, str] = {}
    if not practices and visiting.visit.practices.exists():
        problems["practices"] = _("Choose the practices the CSO took up.")
    if adopted_on is None:
        problems["adopted_on"] = _("Say since when the practice is in use.")
    elif first is not None and adopted_on < first:
        problems["adopted_on"] = _("The practice cannot be in use before the visit began (%(date)s).") % {
            "date": first.isoformat()
        }
    elif adopted_on > today:
        problems["adopted_on"] = _("The date cannot be in the future.")
    return problems


@transaction.atomic
def follow_up_record(
    *, actor: User, visiting: VisitingOrganization, data: dict[str, Any], today: dt.date | None = None
) -> VisitingOrganization:
    """Records what a visiting CSO did with what it saw: adopted, adapted or not adopted, why, the
    practices taken up and since when. Recorded once the visit is over; a later correction changes
    the same row (its history keeps each version, with who wrote it)."""
    visiting = _locked_visiting(visiting)
    if not permissions.can_record_follow_up(actor, visiting):
        raise PermissionDenied
    today = today or timezone.localdate()
    practices = list(data.get("practices") or [])
    problems = _follow_up_problems(visiting, data, practices, today)
    if problems:
        raise ValidationError(problems)
    correcting = visiting.is_recorded
    visiting.outcome = data["outcome"]
    visiting.explanation = data["explanation"].strip()
    visiting.adopted_on = data.get("adopted_on") if visiting.outcome in ADOPTING else None
    visiting.recorded_by, visiting.recorded_at = actor, timezone.now()
    action = "partnerships.follow_up_correct" if correcting else "partnerships.follow_up_record"
    with actor_context(actor, action=action):
        visiting.save(update_fields=["outcome", "explanation", "adopted_on", "recorded_by", "recorded_at"])
        visiting.practices.set(practices)
    return visiting


def follow_up_dates_refresh(*, visit_ids: list[int] | None = None) -> int:
    """Keeps the due date of the follow-ups not yet recorded nor reminded at 90 days after the
    visit's last session, when the event's sessions moved (trainings knows nothing of visits, so
    this runs with the daily reminders and after a visit is changed). The number changed."""
    open_rows = VisitingOrganization.objects.filter(outcome="", reminded_at__isnull=True)
    if visit_ids is not None:
        open_rows = open_rows.filter(visit_id__in=visit_ids)
    rows = list(open_rows.annotate(last_day=last_session_date("visit__event_id")).only("pk", "follow_up_due_on"))
    changed = [row for row in rows if row.last_day and row.follow_up_due_on != row.last_day + FOLLOW_UP_AFTER]
    for row in changed:
        row.follow_up_due_on = row.last_day + FOLLOW_UP_AFTER
    VisitingOrganization.objects.bulk_update(changed, ["follow_up_due_on"])
    return len(changed)
