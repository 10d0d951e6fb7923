"""The workflows of trainings: an event (`Event.status`) and a registration (`Registration.status`).

`trainings.services` enforces them and adds the conditions that are not about the status (a
session to publish, a reason to cancel, the registration window, the places left); the event page
offers what `EVENT.actions_for(event, user)` and `REGISTRATION.actions_for(registration, user)`
return. Sessions have no status of their own: `Session.is_cancelled` is set when the event is
cancelled.
"""

from django.utils.translation import gettext_lazy as _

from core.workflow import Transition, Workflow
from trainings import permissions
from trainings.models import EventStatus, RegistrationStatus

# Where an event's details and sessions may still be changed.
EDITABLE = (EventStatus.DRAFT, EventStatus.PUBLISHED)

EVENT = Workflow(
    "trainings.event",
    states=EventStatus,
    initial=[EventStatus.DRAFT],
    transitions=[
        *(
            Transition(
                "edit",
                {status},
                status,
                who=permissions.can_manage_event,
                note="registrants told when the schedule changes" if status == EventStatus.PUBLISHED else "",
            )
            for status in EDITABLE
        ),
        Transition(
            "publish",
            {EventStatus.DRAFT},
            EventStatus.PUBLISHED,
            who=permissions.can_manage_event,
            note="needs a session",
        ),
        Transition(
            "complete",
            {EventStatus.PUBLISHED},
            EventStatus.COMPLETED,
            who=permissions.can_manage_event,
            note="once its last session has begun",
        ),
        Transition(
            "cancel",
            set(EDITABLE),
            EventStatus.CANCELLED,
            who=permissions.can_manage_event,
            note="a reason; its sessions cancelled, so the room is free; registrants told",
        ),
    ],
    refusals={
        "edit": _("This event can no longer be changed."),
        "publish": _("Only a draft can be published."),
        "complete": _("Only a published event can be completed."),
        "cancel": _("This event can no longer be cancelled."),
    },
)

# The registrations that hold a place, or wait for one.
ACTIVE = (RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED)
ENDED = (RegistrationStatus.CANCELLED, RegistrationStatus.REJECTED)

REGISTRATION = Workflow(
    "trainings.registration",
    states=RegistrationStatus,
    initial=list(ACTIVE),
    transitions=[
        Transition(
            "register",
            set(ENDED),
            RegistrationStatus.REGISTERED,
            who=permissions.can_register,
            note="again, while a place is left",
        ),
        Transition(
            "waitlist",
            set(ENDED),
            RegistrationStatus.WAITLISTED,
            who=permissions.can_register,
            note="again, when the event is full",
        ),
        Transition(
            "promote",
            {RegistrationStatus.WAITLISTED},
            RegistrationStatus.REGISTERED,
            note="the first waiting, when a place frees up; they are told",
        ),
        Transition(
            "cancel",
            set(ACTIVE),
            RegistrationStatus.CANCELLED,
            who=permissions.can_cancel_registration,
            note="the person, or the event's staff; the first waiting takes the place",
        ),
        Transition(
            "reject",
            set(ACTIVE),
            RegistrationStatus.REJECTED,
            who=permissions.can_reject_registration,
            note="the first waiting takes the place",
        ),
    ],
    refusals={
        "register": _("This person is already registered."),
        "waitlist": _("This person is already registered."),
        "cancel": _("This registration is already cancelled."),
        "reject": _("Only an active registration can be rejected."),
    },
)
