"""Registration for events: places, the waiting list, walk-ins and colleagues, cancelling and
rejecting (the workflow `trainings.workflows.REGISTRATION`)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.audit import actor_context
from notifications.services import notify
from trainings import permissions
from trainings.models import Audience, Event, EventStatus, Participant, Registration, RegistrationStatus
from trainings.services.common import lock_event
from trainings.workflows import REGISTRATION


def _check_open(*, actor: User, event: Event, walk_in: bool) -> None:
    """Staff register at the door while the event is published; everyone else while registration is
    open, and not for an event by invitation."""
    if walk_in:
        if not permissions.can_register_others(actor, event):
            raise PermissionDenied
        if event.status != EventStatus.PUBLISHED:
            raise ValidationError(_("Registration is not open for this event."))
    elif not event.registration_is_open():
        raise ValidationError(_("Registration is not open for this event."))
    elif event.audience == Audience.INVITATION:
        raise ValidationError(_("This event is by invitation: the centre registers its participants."))


@transaction.atomic
def registration_create(*, actor: User, event: Event, participant: Participant, walk_in: bool = False) -> Registration:
    """Registers a person, or puts them on the waiting list when the event is full. The event row is
    locked, so two people taking the last place at once cannot both get it. A person whose earlier
    registration was cancelled or rejected registers again on the same row."""
    event = lock_event(event)
    _check_open(actor=actor, event=event, walk_in=walk_in)
    existing = event.registrations.filter(participant=participant).first()
    taken = event.registrations.filter(status=RegistrationStatus.REGISTERED).count()
    status = RegistrationStatus.REGISTERED if taken < event.capacity else RegistrationStatus.WAITLISTED
    if existing is None:
        with actor_context(actor, action="registration_create"):
            return Registration.objects.create(event=event, participant=participant, status=status, registered_by=actor)
    REGISTRATION.apply("register" if status == RegistrationStatus.REGISTERED else "waitlist", existing, actor)
    existing.registered_by, existing.created_at = actor, timezone.now()
    with actor_context(actor, action="registration_create"):
        existing.save(update_fields=["status", "registered_by", "created_at", "updated_at"])
    return existing


def _promote_from_waiting_list(event: Event) -> Registration | None:
    """Gives a freed place to the first person waiting (the system's step of the workflow), who is told."""
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
    REGISTRATION.apply("promote", first)
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
def registration_for_colleague(*, actor: User, event: Event, participant: Participant) -> Registration:
    """A CSO member registers a colleague: someone of one of the actor's organisations."""
    if not permissions.is_colleague_of(actor, participant):
        raise PermissionDenied
    return registration_create(actor=actor, event=event, participant=participant)


def _lock_registration(registration: Registration) -> Registration:
    """The event's row, then the registration's, both locked (always in this order)."""
    event = lock_event(registration.event)
    registration = Registration.objects.select_for_update().select_related("participant").get(pk=registration.pk)
    registration.event = event
    return registration


@transaction.atomic
def registration_reject(*, actor: User, registration: Registration) -> Registration:
    """Staff turn a registration down (for example, the person is not in the event's audience); the
    freed place goes to the first person waiting."""
    registration = _lock_registration(registration)
    REGISTRATION.apply("reject", registration, actor)
    with actor_context(actor, action="registration_reject"):
        registration.save(update_fields=["status", "updated_at"])
        _promote_from_waiting_list(registration.event)
    return registration


@transaction.atomic
def registration_cancel(*, actor: User, registration: Registration) -> Registration:
    """Cancels a registration; a freed place goes to the first person waiting, who is told."""
    registration = _lock_registration(registration)
    REGISTRATION.apply("cancel", registration, actor)
    with actor_context(actor, action="registration_cancel"):
        registration.save(update_fields=["status", "updated_at"])
        _promote_from_waiting_list(registration.event)
    return registration
