import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from centers.tests.factories import staff_member
from notifications.models import Notification
from organizations.tests.factories import organization_with_admin
from trainings.models import Attendance, Event, Participant, Registration
from trainings.selectors import find_participants
from trainings.services import participant_merge, registration_cancel, registration_create
from trainings.tests.factories import ParticipantFactory, published_event

pytestmark = pytest.mark.django_db


def test_a_full_event_puts_people_on_the_waiting_list_and_promotes_the_first(client):
    event = published_event(capacity=1)
    first, second, third = (UserFactory() for _ in range(3))
    registrations = [
        registration_create(actor=u, event=event, participant=ParticipantFactory(user=u))
        for u in (first, second, third)
    ]
    assert [r.status for r in registrations] == ["registered", "waitlisted", "waitlisted"]
    registration_cancel(actor=first, registration=registrations[0])
    statuses = dict(Registration.objects.values_list("participant__user", "status"))
    assert statuses == {first.pk: "cancelled", second.pk: "registered", third.pk: "waitlisted"}
    assert Notification.objects.filter(recipient=second, kind="waitlist_promoted").exists()
    assert not Notification.objects.filter(recipient=third).exists()


def test_registering_twice_is_refused():
    event = published_event()
    person = ParticipantFactory()
    registration_create(actor=UserFactory(), event=event, participant=person)
    with pytest.raises(ValidationError):
        registration_create(actor=UserFactory(), event=event, participant=person)
    assert Registration.objects.count() == 1


def test_registration_after_the_window_is_refused():
    event = published_event(registration_closes=timezone.now() - timezone.timedelta(hours=1))
    with pytest.raises(ValidationError) as refused:
        registration_create(actor=UserFactory(), event=event, participant=ParticipantFactory())
    assert "not open" in refused.value.messages[0]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
def test_two_people_taking_the_last_place_at_once_never_both_get_it():
    event = published_event(capacity=1)
    people = [ParticipantFactory() for _ in range(5)]
    actor = UserFactory(is_superuser=True)
    barrier = threading.Barrier(len(people))
    outcomes = []

    def take_place(person):
        try:
            barrier.wait()
            outcomes.append(
                registration_create(actor=actor, event=Event.objects.get(pk=event.pk), participant=person).status
            )
        finally:
            close_old_connections()

    threads = [threading.Thread(target=take_place, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["registered", "waitlisted", "waitlisted", "waitlisted", "waitlisted"]
    assert Registration.objects.filter(event=event, status="registered").count() == 1


def test_a_cso_member_gives_their_details_once_then_registers(client):
    event = published_event()
    person = UserFactory(full_name="Hana Kareem")
    client.force_login(person)
    response = client.post(reverse("trainings:register_self", args=[event.pk]))
    assert response["Location"].startswith(reverse("trainings:my_participant_profile"))
    details = {
        "full_name": "Hana Kareem",
        "sex": "female",
        "birth_year": "2001",
        "governorate": "basra",
        "phone": "0770 123 4567",
        "wg_seeing": "no",
        "wg_hearing": "no",
        "wg_walking": "a_lot",
        "wg_cognition": "no",
        "wg_selfcare": "no",
        "wg_communication": "no",
        "language": "ar",
    }
    response = client.post(response["Location"], details)
    assert response.status_code == 200
    assert "must agree to the use of their data" in response.content.decode()
    response = client.post(
        f"{reverse('trainings:my_participant_profile')}?next={reverse('trainings:event_detail', args=[event.pk])}",
        {**details, "consent": "on"},
    )
    assert response["Location"] == reverse("trainings:event_detail", args=[event.pk])
    participant = Participant.objects.get(user=person)
    assert participant.has_disability and participant.phone == "07701234567" and participant.consent_at
    client.post(reverse("trainings:register_self", args=[event.pk]))
    assert Registration.objects.get(participant=participant).status == "registered"


def test_staff_find_a_person_by_phone_whatever_the_format():
    ParticipantFactory(full_name="Omar Younis", phone="+9647701234567")
    assert [p.full_name for p in find_participants(phone="0770 123 4567")] == ["Omar Younis"]
    assert [p.full_name for p in find_participants(phone="770-123-4567")] == ["Omar Younis"]
    assert list(find_participants(phone="12")) == []


def test_staff_register_a_walk_in_found_by_phone(client):
    event = published_event()
    ParticipantFactory(full_name="Omar Younis", phone="+9647701234567")
    client.force_login(staff_member(Role.CENTRE_STAFF, centre_slug="erbil"))
    page = client.get(reverse("trainings:register_walk_in", args=[event.pk]), {"phone": "07701234567"})
    assert "Omar Younis" in page.content.decode()
    person = Participant.objects.get(full_name="Omar Younis")
    client.post(reverse("trainings:register_walk_in", args=[event.pk]), {"participant": person.pk})
    assert Registration.objects.filter(event=event, participant=person, status="registered").exists()


def test_merging_duplicates_keeps_all_attendance():
    event_a, event_b = published_event(title="A"), published_event(title="B", days_ahead=9)
    keep, duplicate = (
        ParticipantFactory(full_name="Sozan Aziz", email=""),
        ParticipantFactory(full_name="Sozan Aziz", email="s@example.org"),
    )
    admin = UserFactory(is_superuser=True)
    registration_create(actor=admin, event=event_a, participant=keep)
    registration_create(actor=admin, event=event_b, participant=duplicate)
    registration_create(actor=admin, event=event_a, participant=duplicate)
    Attendance.objects.create(session=event_b.sessions.get(), participant=duplicate, status="present")
    participant_merge(actor=staff_member(Role.CENTRE_STAFF), keep=keep, duplicate=duplicate)
    assert not Participant.objects.filter(pk=duplicate.pk).exists()
    assert sorted(keep.registrations.values_list("event__title", flat=True)) == ["A", "B"]
    assert keep.attendance.get().session.event == event_b
    keep.refresh_from_db()
    assert keep.email == "s@example.org"


def test_the_registration_list_on_the_event_makes_constant_queries(client):
    event = published_event(capacity=100)
    client.force_login(staff_member(Role.CENTRE_STAFF, centre_slug="erbil"))

    def queries_with(count):
        Registration.objects.filter(event=event).delete()
        for _ in range(count):
            registration_create(actor=UserFactory(is_superuser=True), event=event, participant=ParticipantFactory())
        with CaptureQueriesContext(connection) as captured:
            client.get(reverse("trainings:event_detail", args=[event.pk]))
        return len(captured)

    assert queries_with(5) == queries_with(50)


def test_invitation_only_events_are_registered_by_the_centre():
    event = published_event(audience="invitation")
    with pytest.raises(ValidationError) as refused:
        registration_create(actor=UserFactory(), event=event, participant=ParticipantFactory())
    assert "by invitation" in refused.value.messages[0]
    staff = staff_member(Role.CENTRE_STAFF, centre_slug="erbil")
    assert (
        registration_create(actor=staff, event=event, participant=ParticipantFactory(), walk_in=True).status
        == "registered"
    )


def test_a_cso_member_registers_a_colleague_of_their_organisation(client):
    event = published_event()
    organization, member = organization_with_admin()
    colleague = ParticipantFactory(full_name="Rebin Qadir", organization=organization)
    outsider = ParticipantFactory(full_name="Someone Else")
    client.force_login(member)
    url = reverse("trainings:register_colleague", args=[event.pk])
    assert "Rebin Qadir" in client.get(url).content.decode()
    client.post(url, {"participant": colleague.pk})
    assert Registration.objects.get(participant=colleague).registered_by == member
    assert client.post(url, {"participant": outsider.pk}).status_code == 404
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403


def test_staff_reject_a_registration_and_the_place_goes_to_the_next_person(client):
    event = published_event(capacity=1)
    admin = UserFactory(is_superuser=True)
    first = registration_create(actor=admin, event=event, participant=ParticipantFactory())
    second = registration_create(actor=admin, event=event, participant=ParticipantFactory())
    client.force_login(staff_member(Role.CENTRE_STAFF, centre_slug="erbil"))
    client.post(reverse("trainings:registration_reject", args=[event.pk, first.pk]))
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("rejected", "registered")


@pytest.mark.parametrize("posted_id", ["abc", "1e309", "9" * 5000])
def test_a_walk_in_with_a_participant_id_that_is_not_a_number_is_not_found(client, posted_id):
    event = published_event()
    client.force_login(staff_member(Role.CENTRE_STAFF, centre_slug="erbil"))
    response = client.post(reverse("trainings:register_walk_in", args=[event.pk]), {"participant": posted_id})
    assert response.status_code == 404
    assert not Registration.objects.filter(event=event).exists()
