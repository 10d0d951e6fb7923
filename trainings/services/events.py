"""Events and their sessions: scheduling, publishing, completing and cancelling (the workflow
`trainings.workflows.EVENT`)."""

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.audit import actor_context
from trainings import permissions
from trainings.models import Event, EventStatus, Session
from trainings.services.common import lock_event, tell_registrants
from trainings.workflows import EVENT

# The title and description are translated (trainings/translation.py): one column per language.
TRANSLATED_FIELDS = ("title", "description")
LANGUAGES = ("en", "ar", "ckb")
DEFAULT_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
EVENT_FIELDS = [
    "kind",
    *(f"{name}_{language}" for name in TRANSLATED_FIELDS for language in LANGUAGES),
    "centre",
    "room",
    "external_venue",
    "online_link",
    "package",
    "capacity",
    "audience",
    "registration_opens",
    "registration_closes",
]


def session_period(day: dt.date, start: dt.time, end: dt.time) -> DateTimeTZRange:
    zone = timezone.get_default_timezone()
    return DateTimeTZRange(
        dt.datetime.combine(day, start, tzinfo=zone), dt.datetime.combine(day, end, tzinfo=zone), "[)"
    )


def _check_sessions(sessions: list[dict[str, Any]]) -> None:
    if not sessions:
        raise ValidationError(_("An event needs at least one session."))
    for number, session in enumerate(sessions, 1):
        if session["end_time"] <= session["start_time"]:
            raise ValidationError(
                _("Session %(number)s ends before it starts."), code="session_order", params={"number": number}
            )
    periods = sorted(session_period(s["date"], s["start_time"], s["end_time"]) for s in sessions)
    for first, second in zip(periods, periods[1:], strict=False):
        if second.lower < first.upper:
            raise ValidationError(_("Two sessions of this event overlap."))


def _apply(event: Event, data: dict[str, Any]) -> Event:
    """The fields `data` gives, set on the event. The texts come by language (`title_en`, `title_ar`,
    `title_ckb`...); a plain `title` or `description` is the English one, whatever language is active."""
    for field in EVENT_FIELDS:
        if field in data:
            setattr(event, field, data[field])
    for name in TRANSLATED_FIELDS:
        if name in data and f"{name}_en" not in data:
            setattr(event, f"{name}_en", data[name])
    return event


def _check_texts(event: Event) -> None:
    """English is the language the others fall back to: an event always has an English title. A
    translation left empty is stored as NULL, so the pages fall back for it."""
    for name in TRANSLATED_FIELDS:
        for language in LANGUAGES:
            value = getattr(event, f"{name}_{language}", None)
            setattr(event, f"{name}_{language}", (value or "").strip() or None)
    if not event.title_en:  # type: ignore[attr-defined]  # modeltranslation's field
        raise ValidationError({"title_en": _("Give the title in English: the other languages fall back to it.")})


def _check_room(event: Event) -> None:
    if event.room and event.room.centre_id != event.centre_id:
        raise ValidationError({"room": _("Choose a room of the event's centre.")})
    if event.room and event.capacity > event.room.capacity:
        raise ValidationError({"capacity": _("The room holds %(count)d people.") % {"count": event.room.capacity}})


@transaction.atomic
def event_save(*, actor: User, event: Event | None, data: dict[str, Any], sessions: list[dict[str, Any]]) -> Event:
    """Creates or changes an event and its sessions. Sessions are matched by their id and changed in
    place, so their attendance and sign-in sheets stay; a session that is left out is removed only
    when nothing was recorded for it, otherwise the change is refused and says why. The database
    refuses a room booked twice at the same time; that refusal becomes a clear message and nothing
    is saved. An existing event is changed only where the workflow allows ("edit"), as its row says
    under the lock, and its status is kept as the row has it."""
    before = None
    if event is not None and event.pk:
        current = lock_event(event)
        EVENT.check("edit", current, actor)
        event.status, event.cancellation_reason = current.status, current.cancellation_reason
        before = _schedule_of(current)  # the row's, not the instance a form has already changed
    event = _apply(event or Event(created_by=actor), data)
    if not permissions.can_manage_event(actor, event):
        raise PermissionDenied
    _check_texts(event)
    _check_room(event)
    _check_sessions(sessions)
    event.starts_at = min(session_period(s["date"], s["start_time"], s["end_time"]).lower for s in sessions)
    event.ends_at = max(session_period(s["date"], s["start_time"], s["end_time"]).upper for s in sessions)
    event.full_clean(exclude=["trainers", "created_by"])
    try:
        with transaction.atomic(), actor_context(actor, action="event_save"):
            with translation.override(DEFAULT_LANGUAGE):  # the original columns keep the English texts
                event.save()
            if "trainers" in data:
                event.trainers.set(data["trainers"])
            _sessions_save(event, sessions)
    except IntegrityError as error:
        if "session_room_not_double_booked" in str(error):
            raise ValidationError({"room": _("The room is already booked at that time.")}) from error
        raise
    if before is not None and event.status == EventStatus.PUBLISHED and _schedule_of(event) != before:
        tell_registrants(event, kind="event_changed", context={"event": event})
    return event


def _sessions_save(event: Event, sessions: list[dict[str, Any]]) -> None:
    """Brings the event's sessions in line with the form: rows with an id are updated where they
    changed, rows without one are added, and the ones left out are deleted when nothing depends on
    them. The room check is deferred to the end, so two sessions may swap their times."""
    existing = {s.pk: s for s in Session.objects.select_for_update().filter(event=event)}
    kept = {s["id"] for s in sessions if s.get("id")}
    if kept - existing.keys():
        raise ValidationError(_("A session of this event was changed elsewhere. Please reload the page."))
    removed = [session for pk, session in existing.items() if pk not in kept]
    _refuse_removing_recorded(removed)
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS session_room_not_double_booked DEFERRED")
    for session in removed:
        session.delete()
    for row in sessions:
        values = {
            "room_id": event.room_id,
            "date": row["date"],
            "start_time": row["start_time"],
            "end_time": row["end_time"],
            "period": session_period(row["date"], row["start_time"], row["end_time"]),
        }
        row_id = row.get("id")
        kept_session = existing.get(row_id) if row_id else None
        if kept_session is None:
            Session.objects.create(event=event, **values)
            continue
        changed = [name for name, value in values.items() if getattr(kept_session, name) != value]
        if changed:
            for name in changed:
                setattr(kept_session, name, values[name])
            kept_session.save(update_fields=changed)
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS session_room_not_double_booked IMMEDIATE")


def _refuse_removing_recorded(sessions: list[Session]) -> None:
    recorded = [s for s in sessions if s.attendance_recorded_at or s.attendance.exists() or s.sign_in_sheets.exists()]
    if recorded:
        raise ValidationError(
            _(
                "The session of %(date)s cannot be removed: attendance or a sign-in sheet is recorded for it. "
                "Cancel the event instead, or keep the session."
            )
            % {"date": date_format(recorded[0].date, "DATE_FORMAT")}
        )


def _schedule_of(event: Event) -> tuple[Any, ...]:
    sessions = tuple(event.sessions.order_by("date", "start_time").values_list("date", "start_time", "end_time"))
    return (event.room_id, event.external_venue, event.online_link, sessions)


@transaction.atomic
def event_publish(*, actor: User, event: Event) -> Event:
    """Publishes a draft that has a session."""
    locked = lock_event(event)
    EVENT.apply("publish", locked, actor)
    if not locked.sessions.exists():
        raise ValidationError(_("An event needs at least one session."))
    with actor_context(actor, action="event_publish"):
        locked.save(update_fields=["status"])
    event.status = locked.status
    return event


@transaction.atomic
def event_cancel(*, actor: User, event: Event, reason: str) -> Event:
    """Cancels an event, frees its room and tells everyone registered or waiting, and why. The status
    is checked on the locked row, so a cancellation never overtakes a completion made meanwhile."""
    event = lock_event(event)
    EVENT.apply("cancel", event, actor)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the event is cancelled; registrants will see it.")})
    with actor_context(actor, action="event_cancel"):
        event.cancellation_reason = reason.strip()
        event.save(update_fields=["status", "cancellation_reason"])
        event.sessions.update(is_cancelled=True)
    tell_registrants(event, kind="event_cancelled", context={"event": event, "reason": event.cancellation_reason})
    return event


@transaction.atomic
def event_complete(*, actor: User, event: Event) -> Event:
    """Marks a published event as completed once its last session has begun."""
    locked = lock_event(event)
    EVENT.apply("complete", locked, actor)
    last = locked.sessions.filter(is_cancelled=False).order_by("-date", "-start_time").first()
    if last is None or last.period.lower > timezone.now():
        raise ValidationError(_("An event can be marked as completed once its last session has begun."))
    with actor_context(actor, action="event_complete"):
        locked.save(update_fields=["status"])
    event.status = locked.status
    return event
