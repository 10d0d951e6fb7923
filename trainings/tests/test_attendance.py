import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from centers.tests.factories import staff_member
from trainings.models import Attendance, AttendanceEvent
from trainings.services import registration_create
from trainings.tests.factories import ParticipantFactory, held_until_yesterday, published_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def event_with_people():
    event = published_event(capacity=60)
    admin = UserFactory(is_superuser=True)
    people = [ParticipantFactory() for _ in range(3)]
    for person in people:
        registration_create(actor=admin, event=event, participant=person)
    return held_until_yesterday(event), people


def test_one_tap_records_attendance_and_returns_the_row(client, event_with_people):
    event, people = event_with_people
    trainer = staff_member(Role.TRAINER, centre_slug="erbil")
    event.trainers.add(trainer)
    session = event.sessions.get()
    client.force_login(trainer)
    url = reverse("trainings:roll_call", args=[event.pk, session.pk])
    response = client.post(url, {"participant": people[0].pk, "status": "late"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert f'id="row-{people[0].pk}"' in response.content.decode()
    assert "<html" not in response.content.decode()
    client.post(url, {"participant": people[0].pk, "status": "present"}, HTTP_HX_REQUEST="true")
    attendance = Attendance.objects.get()
    assert (attendance.status, attendance.recorded_by) == ("present", trainer)
    session.refresh_from_db()
    assert session.attendance_recorded_at is not None
    # who recorded what, and the correction, are both in the audit trail
    assert list(AttendanceEvent.objects.order_by("pgh_id").values_list("status", flat=True)) == ["late", "present"]


def test_without_javascript_the_roll_call_is_a_plain_form(client, event_with_people):
    event, people = event_with_people
    client.force_login(staff_member(Role.CENTRE_STAFF, centre_slug="erbil"))
    session = event.sessions.get()
    url = reverse("trainings:roll_call", args=[event.pk, session.pk])
    response = client.post(url, {"participant": people[1].pk, "status": "absent"})
    assert response["Location"] == url
    assert Attendance.objects.get().status == "absent"


def test_attendance_for_someone_not_registered_or_a_bad_status_is_refused(client, event_with_people):
    event, _people = event_with_people
    client.force_login(staff_member(Role.CENTRE_STAFF, centre_slug="erbil"))
    url = reverse("trainings:roll_call", args=[event.pk, event.sessions.get().pk])
    stranger = ParticipantFactory()
    response = client.post(url, {"participant": stranger.pk, "status": "present"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 422
    response = client.post(url, {"participant": _people[0].pk, "status": "asleep"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 422
    assert not Attendance.objects.exists()


def test_a_trainer_of_another_event_cannot_take_the_roll_call(client, event_with_people):
    event, _people = event_with_people
    client.force_login(staff_member(Role.TRAINER, centre_slug="erbil"))
    assert client.get(reverse("trainings:roll_call", args=[event.pk, event.sessions.get().pk])).status_code == 403


def test_the_roll_call_makes_the_same_number_of_queries_for_5_and_50(client):
    event = published_event(capacity=100)
    admin = UserFactory(is_superuser=True)
    client.force_login(staff_member(Role.CENTRE_STAFF, centre_slug="erbil"))
    url = reverse("trainings:roll_call", args=[event.pk, event.sessions.get().pk])

    def queries_with(count):
        while event.registrations.count() < count:
            person = ParticipantFactory()
            registration_create(actor=admin, event=event, participant=person)
            Attendance.objects.create(session=event.sessions.get(), participant=person, status="present")
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert len(response.context["rows"]) == count
        return len(captured)

    assert queries_with(5) == queries_with(50)


@pytest.mark.parametrize("posted_id", ["", "abc", "1e309", "9" * 5000, ["1", "x"]])
def test_the_roll_call_with_a_participant_id_that_is_not_a_number_is_not_found(client, event_with_people, posted_id):
    """A posted id is looked up only when it is a whole number (core.shortcuts): never a 500."""
    event, _people = event_with_people
    client.force_login(staff_member(Role.CENTRE_STAFF, centre_slug="erbil"))
    url = reverse("trainings:roll_call", args=[event.pk, event.sessions.get().pk])
    response = client.post(url, {"participant": posted_id, "status": "present"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 404
    assert not Attendance.objects.exists()
