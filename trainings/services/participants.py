"""Participant records: a person's own details, the ones staff keep, and merging duplicates."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.audit import actor_context
from trainings import permissions
from trainings.models import Participant

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
def participant_save(
    *, actor: User, participant: Participant | None, data: dict[str, Any], user: User | None = None
) -> Participant:
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
def participant_merge(*, actor: User, keep: Participant, duplicate: Participant) -> Participant:
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
