"""Certificates of attendance: who has earned one, and issuing them (their PDFs are made in Celery)."""

import secrets
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.audit import actor_context
from trainings import permissions
from trainings.models import ATTENDED, Attendance, Certificate, Event, EventStatus, Participant
from trainings.services.common import lock_event
from trainings.tasks import render_certificate


def certificate_eligibility(event: Event) -> list[tuple[Participant, int, int]]:
    """(participant, sessions attended, sessions held) for everyone above the event's threshold."""
    sessions = list(event.sessions.filter(is_cancelled=False).values_list("pk", flat=True))
    if not sessions:
        return []
    attended: dict[int, int] = {}
    for participant_id in Attendance.objects.filter(session_id__in=sessions, status__in=ATTENDED).values_list(
        "participant_id", flat=True
    ):
        attended[participant_id] = attended.get(participant_id, 0) + 1
    needed = event.certificate_threshold * len(sessions) / 100
    eligible_ids = [pid for pid, count in attended.items() if count >= needed]
    people = Participant.objects.in_bulk(eligible_ids)
    return [(people[pid], attended[pid], len(sessions)) for pid in eligible_ids if pid in people]


@transaction.atomic
def certificates_issue(*, actor: User, event: Event) -> int:
    """Issues a certificate to everyone who attended enough of a completed event (once each) and
    queues their PDFs. Returns how many were newly issued."""
    if not permissions.can_manage_event(actor, event):
        raise PermissionDenied
    event = lock_event(event)
    if event.status != EventStatus.COMPLETED:
        raise ValidationError(_("Certificates are issued once the event is completed."))
    already = set(event.certificates.values_list("participant_id", flat=True))
    created: list[Certificate] = []
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
    for certificate in created:
        transaction.on_commit(partial(render_certificate.delay, certificate.pk))
    return len(created)
