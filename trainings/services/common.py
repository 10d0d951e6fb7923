"""What the services of trainings share: the event row lock, and telling the people registered."""

from typing import Any

from django.urls import reverse

from notifications.services import notify
from trainings.models import Event
from trainings.workflows import ACTIVE


def lock_event(event: Event) -> Event:
    """The event's row, locked until the end of the transaction, as it is in the database now: every
    check of its status and places is made on this, so two people acting at once are serialised."""
    return Event.objects.select_for_update().get(pk=event.pk)


def tell_registrants(event: Event, *, kind: str, context: dict[str, Any]) -> None:
    """Notifies everyone registered or waiting who has an account."""
    url = reverse("trainings:event_detail", args=[event.pk])
    registrations = event.registrations.filter(status__in=ACTIVE).select_related("participant__user")
    for registration in registrations:
        if registration.participant.user:
            notify(recipient=registration.participant.user, kind=kind, context=context, url=url)
