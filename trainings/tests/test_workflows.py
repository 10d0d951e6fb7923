"""The workflows of trainings (trainings.workflows), walked through the services: each action from
each status, allowed or refused as the tables say, and nothing written when refused; the people the
tables refuse; what the event page offers; the tables as docs/workflows.md carries them."""

import re

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from centers.tests.factories import staff_member
from notifications.models import Notification
from trainings import services
from trainings.models import (
    Event,
    EventStatus,
    EventStatusEvent,
    Registration,
    RegistrationEvent,
    RegistrationStatus,
    Session,
    SessionEvent,
)
from trainings.tests.factories import ParticipantFactory, held_until_yesterday, published_event
from trainings.workflows import EVENT, REGISTRATION

pytestmark = pytest.mark.django_db


class People:
    def __init__(self):
        self.manager = staff_member(Role.CENTRE_MANAGER, centre_slug="erbil")
        self.other_staff = staff_member(Role.CENTRE_STAFF, centre_slug="basra")
        self.trainer = staff_member(Role.TRAINER, centre_slug="erbil")
        self.person = UserFactory()  # a participant with an account
        self.outsider = UserFactory()


@pytest.fixture
def people():
    return People()


# --- Events ---------------------------------------------------------------------------------------


def event_in(state: str, people: People) -> Event:
    """A two-session event of the Erbil centre whose last session was yesterday (so it may be
    completed), trained by the team's trainer, in `state`."""
    event = held_until_yesterday(published_event(sessions=2))
    event.trainers.add(people.trainer)
    Event.objects.filter(pk=event.pk).update(status=state)
    event.refresh_from_db()
    return event


def sessions_of(event: Event) -> list[dict]:
    return [
        {"id": s.pk, "date": s.date, "start_time": s.start_time, "end_time": s.end_time}
        for s in event.sessions.order_by("date", "start_time")
    ]


EVENT_STEPS = {
    "edit": lambda actor, event: services.event_save(
        actor=actor, event=event, data={"title": "Renamed"}, sessions=sessions_of(event)
    ),
    "publish": lambda actor, event: services.event_publish(actor=actor, event=event),
    "complete": lambda actor, event: services.event_complete(actor=actor, event=event),
    "cancel": lambda actor, event: services.event_cancel(actor=actor, event=event, reason="The trainer is ill."),
}


def event_written(event: Event) -> tuple:
    """Everything an event's step may write: its row, its sessions, their history, notifications."""
    return (
        Event.objects.filter(pk=event.pk).values().get(),
        list(Session.objects.filter(event=event).order_by("pk").values()),
        EventStatusEvent.objects.count(),
        SessionEvent.objects.count(),
        Notification.objects.count(),
    )


def test_every_event_action_is_made_by_one_service():
    assert sorted(EVENT_STEPS) == sorted(EVENT.actions)


EVENT_WALK = [(state, action) for state in EventStatus.values for action in EVENT_STEPS]


@pytest.mark.parametrize(("state", "action"), EVENT_WALK, ids=[f"{s}-{a}" for s, a in EVENT_WALK])
def test_each_event_action_from_each_status_is_allowed_or_refused_as_the_table_says(people, state, action):
    # given
    event = event_in(state, people)
    transition = EVENT.transition(action, state)
    before = event_written(event)
    if transition is None:
        # when / then: refused with the page's own words, and nothing written
        with pytest.raises(ValidationError) as refused:
            EVENT_STEPS[action](people.manager, event)
        assert refused.value.messages == [EVENT.refusal_message(action, event)]
        assert event_written(event) == before
        return
    # when
    EVENT_STEPS[action](people.manager, event)
    # then
    event.refresh_from_db()
    assert event.status == transition.target
    if action == "cancel":
        assert not event.sessions.filter(is_cancelled=False).exists()


def test_refusals_keep_the_words_the_pages_have_always_used():
    event, registration = Event(status=EventStatus.COMPLETED), Registration(status=RegistrationStatus.CANCELLED)
    assert EVENT.refusal_message("publish", event) == "Only a draft can be published."
    assert EVENT.refusal_message("cancel", event) == "This event can no longer be cancelled."
    assert REGISTRATION.refusal_message("register", registration) == "This person is already registered."
    assert REGISTRATION.refusal_message("reject", registration) == "Only an active registration can be rejected."


EVENT_ROWS = [(t, source) for t in EVENT.transitions for source in sorted(t.sources_set)]


@pytest.mark.parametrize(("transition", "state"), EVENT_ROWS, ids=[f"{t.action}-{s}" for t, s in EVENT_ROWS])
def test_people_the_event_rule_does_not_name_are_refused_and_nothing_is_written(people, transition, state):
    event = event_in(state, people)
    before = event_written(event)
    for person in (people.other_staff, people.trainer, people.person):
        assert not transition.allows(person, event)
        with pytest.raises(PermissionDenied):
            EVENT_STEPS[transition.action](person, event)
        assert event_written(event) == before


def test_cancelling_looks_at_the_status_under_the_lock_not_at_a_copy_read_before(people):
    # given: the page was opened while the event was published; it has been completed since
    event = event_in(EventStatus.PUBLISHED, people)
    opened = Event.objects.get(pk=event.pk)
    services.event_complete(actor=people.manager, event=event)
    # when / then
    with pytest.raises(ValidationError, match="can no longer be cancelled"):
        services.event_cancel(actor=people.manager, event=opened, reason="Too late.")
    event.refresh_from_db()
    assert (event.status, event.cancellation_reason) == (EventStatus.COMPLETED, "")
    assert not event.sessions.filter(is_cancelled=True).exists()


def test_an_edit_from_a_page_opened_before_the_cancellation_does_not_bring_the_event_back(people):
    event = event_in(EventStatus.PUBLISHED, people)
    opened = Event.objects.get(pk=event.pk)
    services.event_cancel(actor=people.manager, event=event, reason="The trainer is ill.")
    with pytest.raises(ValidationError, match="can no longer be changed"):
        services.event_save(actor=people.manager, event=opened, data={"title": "Renamed"}, sessions=sessions_of(event))
    event.refresh_from_db()
    assert (event.status, event.title) == (EventStatus.CANCELLED, "Strategic planning")


def test_the_edit_page_of_an_event_that_can_no_longer_change_says_so(client, people):
    event = event_in(EventStatus.COMPLETED, people)
    client.force_login(people.manager)
    response = client.get(reverse("trainings:event_edit", args=[event.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("trainings:event_detail", args=[event.pk])
    assert "This event can no longer be changed." in response.content.decode()


# --- Registrations --------------------------------------------------------------------------------


def registration_in(state: str, people: People, *, full: bool = False) -> Registration:
    """The person's registration in `state` for an open event; with `full`, its only place is taken
    by someone else."""
    event = published_event(capacity=1 if full else 5)
    if full:
        services.registration_create(actor=people.manager, event=event, participant=ParticipantFactory())
    participant = ParticipantFactory(user=people.person)
    return Registration.objects.create(event=event, participant=participant, status=state, registered_by=people.person)


def place_holder(registration: Registration) -> Registration:
    return registration.event.registrations.exclude(pk=registration.pk).get(status=RegistrationStatus.REGISTERED)


# Each action: whether the event is full, and the service call that makes it.
REGISTRATION_STEPS = {
    "register": (
        False,
        lambda people, r: services.registration_create(actor=people.person, event=r.event, participant=r.participant),
    ),
    "waitlist": (
        True,
        lambda people, r: services.registration_create(actor=people.person, event=r.event, participant=r.participant),
    ),
    # The system's step: the person holding the only place cancels, and the first waiting moves up.
    "promote": (
        True,
        lambda people, r: services.registration_cancel(actor=people.manager, registration=place_holder(r)),
    ),
    "cancel": (False, lambda people, r: services.registration_cancel(actor=people.person, registration=r)),
    "reject": (False, lambda people, r: services.registration_reject(actor=people.manager, registration=r)),
}


def registration_written(registration: Registration) -> tuple:
    return (
        list(Registration.objects.filter(event=registration.event).order_by("pk").values()),
        RegistrationEvent.objects.count(),
        Notification.objects.count(),
    )


def test_every_registration_action_is_made_by_one_service():
    assert sorted(REGISTRATION_STEPS) == sorted(REGISTRATION.actions)


REGISTRATION_WALK = [(state, action) for state in RegistrationStatus.values for action in REGISTRATION_STEPS]


@pytest.mark.parametrize(("state", "action"), REGISTRATION_WALK, ids=[f"{s}-{a}" for s, a in REGISTRATION_WALK])
def test_each_registration_action_from_each_status_is_allowed_or_refused_as_the_table_says(people, state, action):
    # given
    full, step = REGISTRATION_STEPS[action]
    registration = registration_in(state, people, full=full)
    transition = REGISTRATION.transition(action, state)
    if transition is None and action == "promote":
        # when the place frees up, nobody but the first waiting moves: this registration stays
        step(people, registration)
        registration.refresh_from_db()
        assert registration.status == state
        with pytest.raises(ValidationError):
            REGISTRATION.check("promote", registration)
        return
    if transition is None:
        # when / then: refused with the page's own words, and nothing written
        before = registration_written(registration)
        with pytest.raises(ValidationError) as refused:
            step(people, registration)
        assert refused.value.messages == [REGISTRATION.refusal_message(action, registration)]
        assert registration_written(registration) == before
        return
    # when
    step(people, registration)
    # then
    registration.refresh_from_db()
    assert registration.status == transition.target


REGISTRATION_ROWS = [(t, s) for t in REGISTRATION.transitions if not t.automatic for s in sorted(t.sources_set)]


@pytest.mark.parametrize(
    ("transition", "state"), REGISTRATION_ROWS, ids=[f"{t.action}-{s}" for t, s in REGISTRATION_ROWS]
)
def test_people_the_registration_rule_does_not_name_are_refused_and_nothing_is_written(people, transition, state):
    full, _step = REGISTRATION_STEPS[transition.action]
    registration = registration_in(state, people, full=full)
    before = registration_written(registration)
    refused = {
        "register": [AnonymousUser()],
        "waitlist": [AnonymousUser()],
        "cancel": [people.outsider, people.other_staff, people.trainer],
        "reject": [people.person, people.other_staff, people.trainer],
    }[transition.action]
    calls = {
        "register": lambda actor: services.registration_create(
            actor=actor, event=registration.event, participant=registration.participant
        ),
        "cancel": lambda actor: services.registration_cancel(actor=actor, registration=registration),
        "reject": lambda actor: services.registration_reject(actor=actor, registration=registration),
    }
    call = calls.get(transition.action, calls["register"])
    for person in refused:
        assert not transition.allows(person, registration)
        with pytest.raises(PermissionDenied):
            call(person)
        assert registration_written(registration) == before


def test_the_waiting_list_promotion_is_the_systems_alone(people):
    registration = registration_in(RegistrationStatus.WAITLISTED, people, full=True)
    for person in (people.manager, people.person):
        assert "promote" not in REGISTRATION.actions_for(registration, person)
        with pytest.raises(PermissionDenied):
            REGISTRATION.check("promote", registration, person)


# --- What the event page offers -------------------------------------------------------------------

EVENT_BUTTONS = {
    "edit": "trainings:event_edit",
    "publish": "trainings:event_publish",
    "complete": "trainings:event_complete",
    "cancel": "trainings:event_cancel",
}
ROW_BUTTONS = {"cancel": "trainings:registration_cancel", "reject": "trainings:registration_reject"}


def offered(html: str, event: Event) -> tuple[set, set]:
    """The event's buttons on the page, and the registration buttons as (registration, action)."""
    urls = set(re.findall(r'(?:href|action)="([^"?]+)', html))
    buttons = {action for action, name in EVENT_BUTTONS.items() if reverse(name, args=[event.pk]) in urls}
    rows = {
        (r.pk, action)
        for r in event.registrations.all()
        for action, name in ROW_BUTTONS.items()
        if reverse(name, args=[event.pk, r.pk]) in urls
    }
    return buttons, rows


@pytest.mark.parametrize("state", EventStatus.values)
@pytest.mark.parametrize("who", ["manager", "trainer", "person"])
def test_the_event_page_offers_exactly_what_the_workflows_permit(client, people, state, who):
    # given: the person's own registration and three others, in each status that has buttons or none
    event = event_in(state, people)
    Registration.objects.create(
        event=event, participant=ParticipantFactory(user=people.person), status=RegistrationStatus.REGISTERED
    )
    for status in (RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED, RegistrationStatus.CANCELLED):
        Registration.objects.create(event=event, participant=ParticipantFactory(), status=status)
    person = getattr(people, who)
    client.force_login(person)
    # when
    response = client.get(reverse("trainings:event_detail", args=[event.pk]))
    # then
    if response.status_code == 404:  # a draft, for someone who does not prepare it
        assert EVENT.actions_for(event, person) == set()
        return
    buttons, rows = offered(response.content.decode(), event)
    assert buttons == EVENT.actions_for(event, person)
    assert rows == {
        (r.pk, action)
        for r in event.registrations.select_related("participant")
        for action in REGISTRATION.actions_for(r, person) & ROW_BUTTONS.keys()
    }


def test_the_design_document_carries_the_tables_as_the_workflows_render_them():
    document = (settings.BASE_DIR / "docs" / "workflows.md").read_text()
    assert EVENT.markdown() in document
    assert REGISTRATION.markdown() in document
