"""Attendance: one person at one session, a whole upload at once, and the paper sign-in sheets."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.audit import actor_context
from trainings import permissions
from trainings.models import (
    Attendance,
    AttendanceStatus,
    Event,
    EventStatus,
    Participant,
    RegistrationStatus,
    Session,
    SignInSheet,
)


def _check_session_open(event: Event, session: Session) -> None:
    if event.status not in (EventStatus.PUBLISHED, EventStatus.COMPLETED) or session.is_cancelled:
        raise ValidationError(_("Attendance cannot be recorded for this session."))
    if not session.attendance_is_open():
        raise ValidationError(
            _("Attendance for the session of %(date)s can be recorded from one hour before it begins.")
            % {"date": date_format(session.date, "DATE_FORMAT")}
        )


@transaction.atomic
def attendance_record(*, actor: User, session: Session, participant: Participant, status: str) -> Attendance:
    """Records (or corrects) one person's attendance at one session; who and when are kept."""
    event = session.event
    if not permissions.can_take_attendance(actor, event):
        raise PermissionDenied
    if status not in AttendanceStatus.values:
        raise ValidationError(_("Unknown attendance status."))
    _check_session_open(event, session)
    if not event.registrations.filter(participant=participant, status=RegistrationStatus.REGISTERED).exists():
        raise ValidationError(_("This person is not registered for the event."))
    with actor_context(actor, action="attendance_record"):
        attendance, _created = Attendance.objects.update_or_create(
            session=session, participant=participant, defaults={"status": status, "recorded_by": actor}
        )
        if session.attendance_recorded_at is None:
            Session.objects.filter(pk=session.pk).update(attendance_recorded_at=timezone.now())
    return attendance


@transaction.atomic
def attendance_import(*, actor: User, event: Event, records: list[tuple[int, int, str]]) -> int:
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


@transaction.atomic
def sign_in_sheet_add(*, actor: User, session: Session, upload: UploadedFile) -> SignInSheet:
    if not permissions.can_upload_sign_in_sheet(actor, session.event):
        raise PermissionDenied
    sheet = SignInSheet(session=session, file=upload, original_filename=(upload.name or "")[:255], uploaded_by=actor)
    sheet.full_clean()
    with actor_context(actor, action="sign_in_sheet_add"):
        sheet.save()
    return sheet
