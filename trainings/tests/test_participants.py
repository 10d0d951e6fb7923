import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from centers.tests.factories import staff_member
from tests.querycheck import fan_outs
from trainings.models import Participant
from trainings.services import registration_create
from trainings.tests.factories import ParticipantFactory, published_event

pytestmark = pytest.mark.django_db


def test_staff_see_the_people_of_their_centre_only(client):
    erbil_event, basra_event = published_event(centre_slug="erbil"), published_event(centre_slug="basra", title="B")
    admin = UserFactory(is_superuser=True)
    in_erbil, in_basra = ParticipantFactory(full_name="Erbil Person"), ParticipantFactory(full_name="Basra Person")
    registration_create(actor=admin, event=erbil_event, participant=in_erbil)
    registration_create(actor=admin, event=basra_event, participant=in_basra)
    client.force_login(staff_member(Role.CENTRE_STAFF, centre_slug="erbil"))
    html = client.get(reverse("trainings:participant_list")).content.decode()
    assert "Erbil Person" in html and "Basra Person" not in html
    assert client.get(reverse("trainings:participant_detail", args=[in_basra.pk])).status_code == 404
    assert client.get(reverse("trainings:participant_detail", args=[in_erbil.pk])).status_code == 200


def test_merging_from_the_page_keeps_everything(client):
    event = published_event()
    admin = UserFactory(is_superuser=True)
    keep = ParticipantFactory(full_name="Sozan Aziz", phone="+9647501112233")
    duplicate = ParticipantFactory(full_name="Sozan Aziz", phone="07501112233")
    registration_create(actor=admin, event=event, participant=duplicate)
    registration_create(actor=admin, event=published_event(title="Other"), participant=keep)
    client.force_login(staff_member(Role.CENTRE_STAFF, centre_slug="erbil"))
    page = client.get(reverse("trainings:participant_detail", args=[keep.pk])).content.decode()
    assert "Possible duplicates" in page
    client.post(reverse("trainings:participant_merge", args=[keep.pk]), {"duplicate": duplicate.pk})
    assert not Participant.objects.filter(pk=duplicate.pk).exists()
    assert keep.registrations.count() == 2


def test_the_participant_list_makes_the_same_number_of_queries_for_5_and_50(client):
    event = published_event(capacity=100)
    admin = UserFactory(is_superuser=True)
    client.force_login(staff_member(Role.CENTRE_STAFF, centre_slug="erbil"))

    def queries_with(count):
        while event.registrations.count() < count:
            registration_create(actor=admin, event=event, participant=ParticipantFactory())
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("trainings:participant_list"))
        assert len(response.context["page"].object_list) == min(count, 25)
        assert fan_outs(captured, "trainings_participant") == []
        return len(captured)

    assert queries_with(5) == queries_with(50)
