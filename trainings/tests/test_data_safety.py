"""Issue 11: editing an event never loses what was recorded for it; attendance and completion wait
for the sessions to happen; drafts are listed only for those who may open them."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from centers.models import Room
from centers.tests.factories import centre, staff_member
from trainings.models import (
    Attendance,
    AttendanceEvent,
    Event,
    EventStatus,
    RegistrationEvent,
    Session,
    SessionEvent,
)
from trainings.services import (
    attendance_record,
    certificates_issue,
    event_complete,
    event_save,
    participant_merge,
    registration_create,
)
from trainings.tests.factories import ParticipantFactory, held_until_yesterday, published_event

pytestmark = pytest.mark.django_db


def edit_post(event: Event, sessions: list[dict] | None = None, **overrides) -> dict:
    """What the edit form posts for this event, unchanged unless told otherwise."""
    rows = sessions
    if rows is None:
        rows = [
            {"id": s.pk, "date": s.date, "start_time": s.start_time, "end_time": s.end_time}
            for s in event.sessions.order_by("date", "start_time")
        ]
    data = {
        "kind": event.kind,
        "title_en": event.title_en,
        "description_en": event.description_en or "",
        "centre": str(event.centre_id),
        "room": str(event.room_id or ""),
        "external_venue": event.external_venue,
        "online_link": event.online_link,
        "capacity": str(event.capacity),
        "audience": event.audience,
        "sessions-TOTAL_FORMS": str(len(rows)),
        "sessions-INITIAL_FORMS": str(sum(1 for r in rows if r.get("id"))),
        "sessions-MIN_NUM_FORMS": "1",
        "sessions-MAX_NUM_FORMS": "30",
    }
    for index, row in enumerate(rows):
        data[f"sessions-{index}-id"] = str(row.get("id") or "")
        data[f"sessions-{index}-date"] = row["date"].isoformat()
        data[f"sessions-{index}-start_time"] = row["start_time"].strftime("%H:%M")
        data[f"sessions-{index}-end_time"] = row["end_time"].strftime("%H:%M")
        if row.get("DELETE"):
            data[f"sessions-{index}-DELETE"] = "on"
    data.update(overrides)
    return data


@pytest.fixture
def held_event():
    """A two-session event held until yesterday, with one person's attendance at both sessions."""
    event = published_event(sessions=2, capacity=20)
    person = ParticipantFactory()
    admin = UserFactory(is_superuser=True)
    registration_create(actor=admin, event=event, participant=person)
    event = held_until_yesterday(event)
    for session in event.sessions.all():
        attendance_record(actor=admin, session=session, participant=person, status="present")
    return event


@pytest.fixture
def erbil_staff(client):
    user = staff_member(Role.CENTRE_STAFF, centre_slug="erbil")
    client.force_login(user)
    return user


def test_saving_an_event_unchanged_keeps_its_sessions_and_attendance(client, erbil_staff, held_event):
    # given
    sessions_before = list(held_event.sessions.values_list("pk", "date", "start_time"))
    attendance_before = list(Attendance.objects.filter(session__event=held_event).values_list("pk", "status"))
    # when
    response = client.post(reverse("trainings:event_edit", args=[held_event.pk]), edit_post(held_event))
    # then
    assert response.status_code == 302
    assert list(held_event.sessions.values_list("pk", "date", "start_time")) == sessions_before
    assert list(Attendance.objects.filter(session__event=held_event).values_list("pk", "status")) == attendance_before
    assert len(attendance_before) == 2


def test_a_typo_fix_in_the_description_changes_no_session(client, erbil_staff, held_event):
    history_before = SessionEvent.objects.count()
    client.post(
        reverse("trainings:event_edit", args=[held_event.pk]), edit_post(held_event, description_en="Fixed a typo")
    )
    held_event.refresh_from_db()
    assert held_event.description == "Fixed a typo"
    assert SessionEvent.objects.count() == history_before
    assert Attendance.objects.filter(session__event=held_event).count() == 2


def test_a_changed_session_time_is_an_update_of_the_same_row_in_the_history(client, erbil_staff, held_event):
    first, second = held_event.sessions.order_by("date")
    rows = [
        {"id": first.pk, "date": first.date, "start_time": dt.time(10), "end_time": dt.time(13)},
        {"id": second.pk, "date": second.date, "start_time": second.start_time, "end_time": second.end_time},
    ]
    response = client.post(reverse("trainings:event_edit", args=[held_event.pk]), edit_post(held_event, rows))
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.start_time == dt.time(10)
    assert first.attendance.count() == 1
    labels = list(SessionEvent.objects.filter(pgh_obj_id=first.pk).values_list("pgh_label", flat=True))
    assert labels.count("insert") == 1
    assert labels[-1] == "update"
    assert "delete" not in labels


def test_a_session_with_attendance_cannot_be_removed_and_the_refusal_says_why(client, erbil_staff, held_event):
    first, second = held_event.sessions.order_by("date")
    rows = [
        {"id": first.pk, "date": first.date, "start_time": first.start_time, "end_time": first.end_time},
        {"id": second.pk, "date": second.date, "start_time": second.start_time, "end_time": second.end_time,
         "DELETE": True},
    ]  # fmt: skip
    response = client.post(reverse("trainings:event_edit", args=[held_event.pk]), edit_post(held_event, rows))
    assert response.status_code == 200
    assert "cannot be removed: attendance or a sign-in sheet is recorded for it" in response.content.decode()
    assert held_event.sessions.count() == 2
    assert Attendance.objects.filter(session__event=held_event).count() == 2


def test_the_database_layer_refuses_to_cascade_attendance_away(held_event):
    with pytest.raises(ProtectedError):
        held_event.sessions.first().delete()
    assert Attendance.objects.filter(session__event=held_event).count() == 2


def test_a_session_with_nothing_recorded_can_be_removed_and_the_removal_is_in_the_history(client, erbil_staff):
    event = published_event(sessions=2)
    first, second = event.sessions.order_by("date")
    rows = [
        {"id": first.pk, "date": first.date, "start_time": first.start_time, "end_time": first.end_time},
        {"id": second.pk, "date": second.date, "start_time": second.start_time, "end_time": second.end_time,
         "DELETE": True},
    ]  # fmt: skip
    response = client.post(reverse("trainings:event_edit", args=[event.pk]), edit_post(event, rows))
    assert response.status_code == 302
    assert list(event.sessions.values_list("pk", flat=True)) == [first.pk]
    removal = SessionEvent.objects.get(pgh_obj_id=second.pk, pgh_label="delete")
    assert removal.pgh_context.metadata["user"] == erbil_staff.pk


def test_two_sessions_in_one_room_may_swap_their_times():
    hall = Room.objects.create(centre=centre("erbil"), name="Hall", capacity=30)
    admin = UserFactory(is_superuser=True)
    day = timezone.localdate() + dt.timedelta(days=5)
    event = published_event(room=hall, sessions=1)
    event = event_save(
        actor=admin,
        event=event,
        data={"room": hall},
        sessions=[
            {"date": day, "start_time": dt.time(9), "end_time": dt.time(11)},
            {"date": day, "start_time": dt.time(11), "end_time": dt.time(13)},
        ],
    )
    morning, noon = event.sessions.order_by("start_time")
    event_save(
        actor=admin,
        event=event,
        data={},
        sessions=[
            {"id": morning.pk, "date": day, "start_time": dt.time(11), "end_time": dt.time(13)},
            {"id": noon.pk, "date": day, "start_time": dt.time(9), "end_time": dt.time(11)},
        ],
    )
    morning.refresh_from_db()
    noon.refresh_from_db()
    assert (morning.start_time, noon.start_time) == (dt.time(11), dt.time(9))


def test_a_session_of_another_event_posted_in_the_form_is_refused(client, erbil_staff, held_event):
    other = published_event(title="Other event")
    other_session = other.sessions.get()
    rows = [{"id": other_session.pk, "date": other_session.date, "start_time": dt.time(8), "end_time": dt.time(9)}]
    response = client.post(reverse("trainings:event_edit", args=[held_event.pk]), edit_post(held_event, rows))
    assert response.status_code == 200
    assert "changed elsewhere" in response.content.decode()
    other_session.refresh_from_db()
    assert other_session.start_time == dt.time(9)
    assert held_event.sessions.count() == 2


def test_attendance_for_a_session_days_ahead_is_refused():
    event = published_event(days_ahead=16)
    person = ParticipantFactory()
    admin = UserFactory(is_superuser=True)
    registration_create(actor=admin, event=event, participant=person)
    with pytest.raises(ValidationError, match="from one hour before it begins"):
        attendance_record(actor=admin, session=event.sessions.get(), participant=person, status="present")
    assert not Attendance.objects.exists()


def test_the_roll_call_of_a_future_session_explains_instead_of_offering_buttons(client, erbil_staff):
    event = published_event(days_ahead=16)
    registration_create(actor=UserFactory(is_superuser=True), event=event, participant=ParticipantFactory())
    response = client.get(reverse("trainings:roll_call", args=[event.pk, event.sessions.get().pk]))
    body = response.content.decode()
    assert "This session has not begun" in body
    assert 'data-testid="mark-' not in body


def test_an_event_cannot_be_completed_or_certified_before_its_last_session():
    event = published_event(days_ahead=20)
    admin = UserFactory(is_superuser=True)
    with pytest.raises(ValidationError, match="once its last session has begun"):
        event_complete(actor=admin, event=event)
    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED
    with pytest.raises(ValidationError):
        certificates_issue(actor=admin, event=event)


def test_an_event_whose_last_session_has_begun_can_be_completed(held_event):
    event = event_complete(actor=UserFactory(is_superuser=True), event=held_event)
    assert event.status == EventStatus.COMPLETED


def test_a_merge_of_duplicates_leaves_the_removed_rows_in_the_history(held_event):
    kept = ParticipantFactory()
    duplicate = Attendance.objects.filter(session__event=held_event).first().participant
    registration_create(actor=UserFactory(is_superuser=True), event=held_event, participant=kept, walk_in=True)
    participant_merge(actor=staff_member(Role.CENTRE_STAFF), keep=kept, duplicate=duplicate)
    assert Attendance.objects.filter(participant=kept).count() == 2
    # the kept person's own registration stays; the duplicate's is removed, and that is recorded
    assert AttendanceEvent.objects.filter(pgh_label="update", participant_id=kept.pk).count() == 2
    removed = RegistrationEvent.objects.get(pgh_label="delete", participant_id=duplicate.pk)
    assert removed.pgh_context.metadata["action"] == "participant_merge"


@pytest.mark.parametrize("role", [Role.LAWYER, Role.TRAINER])
def test_a_centre_bound_role_that_cannot_open_a_draft_does_not_see_it_listed(client, role):
    draft = published_event(title="Secret draft")
    Event.objects.filter(pk=draft.pk).update(status=EventStatus.DRAFT)
    client.force_login(staff_member(role, centre_slug="erbil"))
    assert client.get(reverse("trainings:event_detail", args=[draft.pk])).status_code == 404
    assert "Secret draft" not in client.get(reverse("trainings:event_list")).content.decode()
    month = draft.sessions.get().date.strftime("%Y-%m")
    calendar = client.get(reverse("trainings:centre_calendar", args=["erbil"]), {"month": month})
    assert "Secret draft" not in calendar.content.decode()


def test_the_trainer_of_a_draft_and_the_centre_staff_see_it_listed_and_can_open_it(client):
    draft = published_event(title="Draft in preparation")
    Event.objects.filter(pk=draft.pk).update(status=EventStatus.DRAFT)
    trainer = staff_member(Role.TRAINER, centre_slug="erbil")
    draft.trainers.add(trainer)
    month = draft.sessions.get().date.strftime("%Y-%m")
    for person in (trainer, staff_member(Role.CENTRE_STAFF, centre_slug="erbil")):
        client.force_login(person)
        assert client.get(reverse("trainings:event_detail", args=[draft.pk])).status_code == 200
        assert "Draft in preparation" in client.get(reverse("trainings:event_list")).content.decode()
    calendar = client.get(reverse("trainings:centre_calendar", args=["erbil"]), {"month": month})
    assert "Draft in preparation" in calendar.content.decode()


def test_sessions_are_never_replaced_by_a_save_in_the_service(held_event):
    admin = UserFactory(is_superuser=True)
    before = set(Session.objects.filter(event=held_event).values_list("pk", flat=True))
    rows = [
        {"id": s.pk, "date": s.date, "start_time": s.start_time, "end_time": s.end_time}
        for s in held_event.sessions.all()
    ]
    event_save(actor=admin, event=held_event, data={"title": "Renamed"}, sessions=rows)
    assert set(Session.objects.filter(event=held_event).values_list("pk", flat=True)) == before


def test_a_person_whose_record_has_no_creator_can_save_her_own_details_unchanged(client):
    user = UserFactory()
    ParticipantFactory(user=user, full_name="Sara Mahmoud", email=user.email, created_by=None)
    client.force_login(user)
    page = client.get(reverse("trainings:my_participant_profile"))
    form = page.context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data["organization"] = ""
    data["consent"] = "on"
    response = client.post(reverse("trainings:my_participant_profile"), data)
    assert response.status_code == 302, response.context["form"].errors
