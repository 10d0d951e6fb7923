"""Every write to events, sessions, participants, registrations and attendance."""

import datetime as dt
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.audit import actor_context
from notifications.services import notify
from trainings import permissions
from trainings.models import (
    Attendance,
    AttendanceStatus,
    Audience,
    Certificate,
    Event,
    EventStatus,
    Feedback,
    FeedbackReceipt,
    KnowledgeTestAttempt,
    KnowledgeTestKind,
    Material,
    Participant,
    Registration,
    RegistrationStatus,
    Session,
    SignInSheet,
)

EVENT_FIELDS = [
    "kind",
    "title",
    "description",
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
ACTIVE = (RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED)


def session_period(day: dt.date, start: dt.time, end: dt.time) -> DateTimeTZRange:
    zone = timezone.get_default_timezone()
    return DateTimeTZRange(
        dt.datetime.combine(day, start, tzinfo=zone), dt.datetime.combine(day, end, tzinfo=zone), "[)"
    )


def _check_sessions(sessions: list[dict]) -> None:
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


@transaction.atomic
def event_save(*, actor, event: Event | None, data: dict, sessions: list[dict]) -> Event:
    """Creates or changes an event and its sessions. Sessions are matched by their id and changed in
    place, so their attendance and sign-in sheets stay; a session that is left out is removed only
    when nothing was recorded for it, otherwise the change is refused and says why. The database
    refuses a room booked twice at the same time; that refusal becomes a clear message and nothing
    is saved."""
    event = event or Event(created_by=actor)
    before = _schedule_of(event) if event.pk else None
    for field in EVENT_FIELDS:
        if field in data:
            setattr(event, field, data[field])
    if not permissions.can_manage_event(actor, event):
        raise PermissionDenied
    if event.room and event.room.centre_id != event.centre_id:
        raise ValidationError({"room": _("Choose a room of the event's centre.")})
    if event.room and event.capacity > event.room.capacity:
        raise ValidationError({"capacity": _("The room holds %(count)d people.") % {"count": event.room.capacity}})
    _check_sessions(sessions)
    event.starts_at = min(session_period(s["date"], s["start_time"], s["end_time"]).lower for s in sessions)
    event.ends_at = max(session_period(s["date"], s["start_time"], s["end_time"]).upper for s in sessions)
    event.full_clean(exclude=["trainers", "created_by"])
    try:
        with transaction.atomic(), actor_context(actor, action="event_save"):
            event.save()
            if "trainers" in data:
                event.trainers.set(data["trainers"])
            _sessions_save(event, sessions)
    except IntegrityError as error:
        if "session_room_not_double_booked" in str(error):
            raise ValidationError({"room": _("The room is already booked at that time.")}) from error
        raise
    if before is not None and event.status == EventStatus.PUBLISHED and _schedule_of(event) != before:
        _tell_registrants(event, kind="event_changed", context={"event": event})
    return event


def _sessions_save(event: Event, sessions: list[dict]) -> None:
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
        session = existing.get(row.get("id")) if row.get("id") else None
        if session is None:
            Session.objects.create(event=event, **values)
            continue
        changed = [name for name, value in values.items() if getattr(session, name) != value]
        if changed:
            for name in changed:
                setattr(session, name, values[name])
            session.save(update_fields=changed)
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


def _schedule_of(event: Event) -> tuple:
    sessions = tuple(event.sessions.order_by("date", "start_time").values_list("date", "start_time", "end_time"))
    return (event.room_id, event.external_venue, event.online_link, sessions)


def _tell_registrants(event: Event, *, kind: str, context: dict) -> None:
    url = reverse("trainings:event_detail", args=[event.pk])
    registrations = event.registrations.filter(status__in=ACTIVE).select_related("participant__user")
    for registration in registrations:
        if registration.participant.user:
            notify(recipient=registration.participant.user, kind=kind, context=context, url=url)


@transaction.atomic
def event_publish(*, actor, event: Event) -> Event:
    if not permissions.can_manage_event(actor, event):
        raise PermissionDenied
    if event.status != EventStatus.DRAFT:
        raise ValidationError(_("Only a draft can be published."))
    if not event.sessions.exists():
        raise ValidationError(_("An event needs at least one session."))
    with actor_context(actor, action="event_publish"):
        Event.objects.filter(pk=event.pk).update(status=EventStatus.PUBLISHED)
    event.status = EventStatus.PUBLISHED
    return event


@transaction.atomic
def event_cancel(*, actor, event: Event, reason: str) -> Event:
    """Cancels an event, frees its room and tells everyone registered or waiting, and why."""
    if not permissions.can_manage_event(actor, event):
        raise PermissionDenied
    if event.status in (EventStatus.CANCELLED, EventStatus.COMPLETED):
        raise ValidationError(_("This event can no longer be cancelled."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the event is cancelled; registrants will see it.")})
    event = Event.objects.select_for_update().get(pk=event.pk)
    with actor_context(actor, action="event_cancel"):
        event.status = EventStatus.CANCELLED
        event.cancellation_reason = reason.strip()
        event.save(update_fields=["status", "cancellation_reason"])
        event.sessions.update(is_cancelled=True)
    _tell_registrants(event, kind="event_cancelled", context={"event": event, "reason": event.cancellation_reason})
    return event


@transaction.atomic
def event_complete(*, actor, event: Event) -> Event:
    if not permissions.can_manage_event(actor, event):
        raise PermissionDenied
    if event.status != EventStatus.PUBLISHED:
        raise ValidationError(_("Only a published event can be completed."))
    last = event.sessions.filter(is_cancelled=False).order_by("-date", "-start_time").first()
    if last is None or last.period.lower > timezone.now():
        raise ValidationError(_("An event can be marked as completed once its last session has begun."))
    with actor_context(actor, action="event_complete"):
        Event.objects.filter(pk=event.pk).update(status=EventStatus.COMPLETED)
    event.status = EventStatus.COMPLETED
    return event


# --- Participants ---------------------------------------------------------------------------------

PARTICIPANT_FIELDS = [
    "full_name",
    "sex",
    "birth_year",
    "governorate",
    "phone",
    "email",
    "organization",
    "position",
    "wg_seeing",
    "wg_hearing",
    "wg_walking",
    "wg_cognition",
    "wg_selfcare",
    "wg_communication",
    "consent",
    "language",
]


def normalize_phone(phone: str) -> str:
    """Digits only, with a leading + kept: '+964 750 123 4567' and '+964-750-1234567' are one number."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    return ("+" + digits) if phone.strip().startswith("+") and digits else digits


def _check_participant(participant: Participant) -> None:
    year = timezone.localdate().year
    if participant.birth_year and participant.birth_year > year - 10:
        raise ValidationError({"birth_year": _("Please check the birth year: participants are at least 10.")})
    if not participant.consent:
        raise ValidationError({"consent": _("The person must agree to the use of their data to take part.")})


@transaction.atomic
def participant_save(*, actor, participant: Participant | None, data: dict, user=None) -> Participant:
    """Creates or updates a person's participant record (their own, or one staff keep)."""
    participant = participant or Participant(created_by=actor, user=user)
    was_consenting = participant.consent
    for field in PARTICIPANT_FIELDS:
        if field in data:
            setattr(participant, field, data[field])
    participant.email = (participant.email or "").strip().lower()
    participant.phone = normalize_phone(participant.phone or "")
    _check_participant(participant)
    if participant.consent and not was_consenting:
        participant.consent_at = timezone.now()
    participant.full_clean()
    with actor_context(actor, action="participant_save"):
        participant.save()
    return participant


@transaction.atomic
def participant_merge(*, actor, keep: Participant, duplicate: Participant) -> Participant:
    """Moves every registration and attendance of the duplicate to the kept record, then deletes it.
    Where both were registered for the same event or session, the kept record's entry stays."""
    if keep.pk == duplicate.pk or not permissions.can_manage_participants(actor):
        raise PermissionDenied
    keep, duplicate = (Participant.objects.select_for_update().get(pk=p.pk) for p in (keep, duplicate))
    with actor_context(actor, action="participant_merge", merged=duplicate.pk):
        kept_events = set(keep.registrations.values_list("event_id", flat=True))
        duplicate.registrations.exclude(event_id__in=kept_events).update(participant=keep)
        kept_sessions = set(keep.attendance.values_list("session_id", flat=True))
        duplicate.attendance.exclude(session_id__in=kept_sessions).update(participant=keep)
        duplicate.registrations.all().delete()
        duplicate.attendance.all().delete()
        carried = {
            field: getattr(duplicate, field)
            for field in ("phone", "email", "organization_id", "position", "user_id")
            if not getattr(keep, field) and getattr(duplicate, field)
        }
        duplicate.delete()
        for field, value in carried.items():
            setattr(keep, field, value)
        keep.save()
    return keep


# --- Registration ---------------------------------------------------------------------------------


def _lock_event(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


@transaction.atomic
def registration_create(*, actor, event: Event, participant: Participant, walk_in: bool = False) -> Registration:
    """Registers a person, or puts them on the waiting list when the event is full. The event row is
    locked, so two people taking the last place at once cannot both get it."""
    event = _lock_event(event)
    if walk_in:
        if not permissions.can_register_others(actor, event):
            raise PermissionDenied
        if event.status not in (EventStatus.PUBLISHED,):
            raise ValidationError(_("Registration is not open for this event."))
    elif not event.registration_is_open():
        raise ValidationError(_("Registration is not open for this event."))
    elif event.audience == Audience.INVITATION:
        raise ValidationError(_("This event is by invitation: the centre registers its participants."))
    existing = event.registrations.filter(participant=participant).first()
    if existing and existing.status in ACTIVE:
        raise ValidationError(_("This person is already registered."))
    taken = event.registrations.filter(status=RegistrationStatus.REGISTERED).count()
    status = RegistrationStatus.REGISTERED if taken < event.capacity else RegistrationStatus.WAITLISTED
    with actor_context(actor, action="registration_create"):
        if existing:
            existing.status, existing.registered_by, existing.created_at = status, actor, timezone.now()
            existing.save(update_fields=["status", "registered_by", "created_at", "updated_at"])
            return existing
        return Registration.objects.create(event=event, participant=participant, status=status, registered_by=actor)


def _promote_from_waiting_list(event: Event) -> Registration | None:
    taken = event.registrations.filter(status=RegistrationStatus.REGISTERED).count()
    if taken >= event.capacity:
        return None
    first = (
        event.registrations.select_for_update(of=("self",))
        .filter(status=RegistrationStatus.WAITLISTED)
        .select_related("participant__user")
        .order_by("created_at", "pk")
        .first()
    )
    if first is None:
        return None
    first.status = RegistrationStatus.REGISTERED
    first.save(update_fields=["status", "updated_at"])
    if first.participant.user:
        notify(
            recipient=first.participant.user,
            kind="waitlist_promoted",
            context={"event": event},
            url=reverse("trainings:event_detail", args=[event.pk]),
        )
    return first


@transaction.atomic
def registration_for_colleague(*, actor, event: Event, participant: Participant) -> Registration:
    """A CSO member registers a colleague: someone of one of the actor's organisations."""
    if participant.organization_id is None or not participant.organization.memberships.filter(user=actor).exists():
        raise PermissionDenied
    return registration_create(actor=actor, event=event, participant=participant)


@transaction.atomic
def registration_reject(*, actor, registration: Registration) -> Registration:
    """Staff turn a registration down (for example, the person is not in the event's audience); the
    freed place goes to the first person waiting."""
    event = _lock_event(registration.event)
    if not permissions.can_register_others(actor, event):
        raise PermissionDenied
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status not in ACTIVE:
        raise ValidationError(_("Only an active registration can be rejected."))
    with actor_context(actor, action="registration_reject"):
        registration.status = RegistrationStatus.REJECTED
        registration.save(update_fields=["status", "updated_at"])
        _promote_from_waiting_list(event)
    return registration


@transaction.atomic
def registration_cancel(*, actor, registration: Registration) -> Registration:
    """Cancels a registration; a freed place goes to the first person waiting, who is told."""
    event = _lock_event(registration.event)
    registration = Registration.objects.select_for_update().select_related("participant").get(pk=registration.pk)
    own = registration.participant.user_id == actor.pk
    if not own and not permissions.can_register_others(actor, event):
        raise PermissionDenied
    if registration.status not in ACTIVE:
        raise ValidationError(_("This registration is already cancelled."))
    with actor_context(actor, action="registration_cancel"):
        registration.status = RegistrationStatus.CANCELLED
        registration.save(update_fields=["status", "updated_at"])
        _promote_from_waiting_list(event)
    return registration


# --- Attendance -----------------------------------------------------------------------------------


@transaction.atomic
def attendance_record(*, actor, session: Session, participant: Participant, status: str) -> Attendance:
    """Records (or corrects) one person's attendance at one session; who and when are kept."""
    event = session.event
    if not permissions.can_take_attendance(actor, event):
        raise PermissionDenied
    if status not in AttendanceStatus.values:
        raise ValidationError(_("Unknown attendance status."))
    if event.status not in (EventStatus.PUBLISHED, EventStatus.COMPLETED) or session.is_cancelled:
        raise ValidationError(_("Attendance cannot be recorded for this session."))
    if not session.attendance_is_open():
        raise ValidationError(
            _("Attendance for the session of %(date)s can be recorded from one hour before it begins.")
            % {"date": date_format(session.date, "DATE_FORMAT")}
        )
    if not event.registrations.filter(participant=participant, status=RegistrationStatus.REGISTERED).exists():
        raise ValidationError(_("This person is not registered for the event."))
    with actor_context(actor, action="attendance_record"):
        attendance, _created = Attendance.objects.update_or_create(
            session=session, participant=participant, defaults={"status": status, "recorded_by": actor}
        )
        if session.attendance_recorded_at is None:
            Session.objects.filter(pk=session.pk).update(attendance_recorded_at=timezone.now())
    return attendance


# --- Certificates ---------------------------------------------------------------------------------


def certificate_eligibility(event: Event) -> list[tuple[Participant, int, int]]:
    """(participant, sessions attended, sessions held) for everyone above the event's threshold."""
    sessions = list(event.sessions.filter(is_cancelled=False).values_list("pk", flat=True))
    if not sessions:
        return []
    attended: dict[int, int] = {}
    for participant_id in Attendance.objects.filter(
        session_id__in=sessions, status__in=[AttendanceStatus.PRESENT, AttendanceStatus.LATE]
    ).values_list("participant_id", flat=True):
        attended[participant_id] = attended.get(participant_id, 0) + 1
    needed = event.certificate_threshold * len(sessions) / 100
    eligible_ids = [pid for pid, count in attended.items() if count >= needed]
    people = Participant.objects.in_bulk(eligible_ids)
    return [(people[pid], attended[pid], len(sessions)) for pid in eligible_ids if pid in people]


@transaction.atomic
def certificates_issue(*, actor, event: Event) -> int:
    """Issues a certificate to everyone who attended enough of a completed event (once each) and
    queues their PDFs. Returns how many were newly issued."""
    if not permissions.can_manage_event(actor, event):
        raise PermissionDenied
    if event.status != EventStatus.COMPLETED:
        raise ValidationError(_("Certificates are issued once the event is completed."))
    event = _lock_event(event)
    already = set(event.certificates.values_list("participant_id", flat=True))
    created = []
    with actor_context(actor, action="certificates_issue"):
        for participant, attended, total in certificate_eligibility(event):
            if participant.pk in already:
                continue
            created.append(
                Certificate.objects.create(
                    event=event,
                    participant=participant,
                    code=secrets.token_hex(5).upper(),
                    language=participant.language,
                    attended_sessions=attended,
                    total_sessions=total,
                    issued_by=actor,
                )
            )
    from trainings.tasks import render_certificate

    for certificate in created:
        transaction.on_commit(lambda pk=certificate.pk: render_certificate.delay(pk))
    return len(created)


# --- Materials, knowledge tests, feedback, sign-in sheets ------------------------------------------


@transaction.atomic
def material_upload(*, actor, package, data: dict) -> Material:
    """Stores a material; the same title in the same language becomes the next version."""
    if not permissions.can_upload_materials(actor):
        raise PermissionDenied
    latest = (
        Material.objects.select_for_update()
        .filter(package=package, title=data["title"], language=data["language"])
        .order_by("-version")
        .first()
    )
    material = Material(
        package=package,
        title=data["title"],
        language=data["language"],
        version=(latest.version + 1) if latest else 1,
        change_note=data.get("change_note", ""),
        file=data["file"],
        original_filename=data["file"].name[:255],
        visibility=data["visibility"],
        is_published=data.get("is_published", True),
        uploaded_by=actor,
    )
    if material.version > 1 and not material.change_note.strip():
        raise ValidationError({"change_note": _("Say what changed in this version.")})
    material.full_clean()
    with actor_context(actor, action="material_upload"):
        material.save()
    return material


def material_count_download(*, material: Material) -> None:
    Material.objects.filter(pk=material.pk).update(download_count=F("download_count") + 1)


def _attended(event: Event, participant: Participant) -> bool:
    return Attendance.objects.filter(
        session__event=event, participant=participant, status__in=[AttendanceStatus.PRESENT, AttendanceStatus.LATE]
    ).exists()


def knowledge_test_allowed(*, event: Event, participant: Participant | None, kind: str) -> str | None:
    """None when the person may take this test now, otherwise the reason they may not."""
    if (
        participant is None
        or not event.registrations.filter(participant=participant, status=RegistrationStatus.REGISTERED).exists()
    ):
        return _("Only registered participants take this test.")
    if not event.package or not event.package.questions.exists():
        return _("This event has no knowledge test.")
    if event.test_attempts.filter(participant=participant, kind=kind).exists():
        return _("You have already taken this test.")
    started = event.starts_at is not None and timezone.now() >= event.starts_at
    if (
        kind == KnowledgeTestKind.PRE
        and event.test_attempts.filter(participant=participant, kind=KnowledgeTestKind.POST).exists()
    ):
        return _("The test before the training can no longer be taken.")
    if kind == KnowledgeTestKind.POST and not (started or event.status == EventStatus.COMPLETED):
        return _("The test after the training opens when the training has started.")
    return None


@transaction.atomic
def knowledge_test_submit(
    *, actor, event: Event, participant: Participant, kind: str, answers: dict[int, int]
) -> KnowledgeTestAttempt:
    """Scores a test from the chosen answers (question id -> choice id). Each test is taken once."""
    refusal = knowledge_test_allowed(event=event, participant=participant, kind=kind)
    if refusal:
        raise ValidationError(refusal)
    if participant.user_id != actor.pk:
        raise PermissionDenied
    questions = list(event.package.questions.prefetch_related("choices"))
    correct = 0
    for question in questions:
        chosen = answers.get(question.pk)
        if chosen is None:
            raise ValidationError(_("Answer every question."))
        choice = next((c for c in question.choices.all() if c.pk == chosen), None)
        if choice is None:
            raise ValidationError(_("Answer every question."))
        correct += choice.is_correct
    try:
        with transaction.atomic():
            return KnowledgeTestAttempt.objects.create(
                event=event,
                participant=participant,
                kind=kind,
                correct=correct,
                total=len(questions),
                answers={str(k): v for k, v in answers.items()},
            )
    except IntegrityError as error:
        raise ValidationError(_("You have already taken this test.")) from error


def feedback_allowed(*, event: Event, participant: Participant | None) -> str | None:
    if participant is None or not _attended(event, participant):
        return _("Only people who attended the event can give feedback.")
    if not (event.status == EventStatus.COMPLETED or (event.ends_at and event.ends_at <= timezone.now())):
        return _("Feedback opens when the event is over.")
    if FeedbackReceipt.objects.filter(event=event, participant=participant).exists():
        return _("You have already given your feedback. Thank you!")
    return None


@transaction.atomic
def feedback_submit(*, actor, event: Event, participant: Participant, data: dict) -> Feedback:
    refusal = feedback_allowed(event=event, participant=participant)
    if refusal:
        raise ValidationError(refusal)
    if participant.user_id != actor.pk:
        raise PermissionDenied
    try:
        with transaction.atomic():
            FeedbackReceipt.objects.create(event=event, participant=participant)
    except IntegrityError as error:
        raise ValidationError(_("You have already given your feedback. Thank you!")) from error
    return Feedback.objects.create(
        event=event,
        participant=None if data.get("anonymous") else participant,
        satisfaction=data["satisfaction"],
        usefulness=data["usefulness"],
        comments=data.get("comments", ""),
    )


@transaction.atomic
def sign_in_sheet_add(*, actor, session: Session, upload) -> SignInSheet:
    if not permissions.can_upload_sign_in_sheet(actor, session.event):
        raise PermissionDenied
    sheet = SignInSheet(session=session, file=upload, original_filename=upload.name[:255], uploaded_by=actor)
    sheet.full_clean()
    with actor_context(actor, action="sign_in_sheet_add"):
        sheet.save()
    return sheet


@transaction.atomic
def attendance_import(*, actor, event: Event, records: list[tuple[int, int, str]]) -> int:
    """Records a previewed upload all at once: either every row is saved or none is."""
    if not permissions.can_take_attendance(actor, event):
        raise PermissionDenied
    sessions = {s.pk: s for s in event.sessions.select_related("event")}
    people = Participant.objects.in_bulk({participant_id for _s, participant_id, _st in records})
    for session_id, participant_id, status in records:
        if session_id not in sessions or participant_id not in people:
            raise ValidationError(_("The upload no longer matches the event. Please upload it again."))
        attendance_record(actor=actor, session=sessions[session_id], participant=people[participant_id], status=status)
    return len(records)
