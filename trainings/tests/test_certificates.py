import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from centers.tests.factories import staff_member
from core.files import private_file_url
from organizations.models import Membership
from organizations.tests.factories import organization_with_admin
from trainings.models import Attendance, Certificate, Event, EventStatus
from trainings.services import certificates_issue, registration_create
from trainings.tests.factories import ParticipantFactory, published_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def completed_training():
    """Four sessions; Dilan attends all, Omar three (75%), Sara two (50%)."""
    event = published_event(sessions=4, title="Project management, Erbil")
    organization, cso_admin = organization_with_admin()
    dilan = ParticipantFactory(full_name="Dilan Omer", organization=organization, language="ckb", user=UserFactory())
    omar = ParticipantFactory(full_name="Omar Younis", language="ar")
    sara = ParticipantFactory(full_name="Sara Mahmoud")
    admin = UserFactory(is_superuser=True)
    sessions = list(event.sessions.order_by("date"))
    for person, attended in ((dilan, 4), (omar, 3), (sara, 2)):
        registration_create(actor=admin, event=event, participant=person)
        for index, session in enumerate(sessions):
            status = "present" if index < attended else "absent"
            if index == 0 and person is omar:
                status = "late"
            Attendance.objects.create(session=session, participant=person, status=status)
    Event.objects.filter(pk=event.pk).update(status=EventStatus.COMPLETED)
    event.refresh_from_db()
    return event, dilan, omar, sara, cso_admin


def test_certificates_go_to_those_above_the_threshold_once_and_render_in_their_language(
    completed_training, django_capture_on_commit_callbacks
):
    event, dilan, omar, sara, _ = completed_training
    manager = staff_member(Role.CENTRE_MANAGER, centre_slug="erbil")
    with django_capture_on_commit_callbacks(execute=True):
        assert certificates_issue(actor=manager, event=event) == 2
    assert certificates_issue(actor=manager, event=event) == 0
    certificates = {c.participant.full_name: c for c in Certificate.objects.select_related("participant")}
    assert set(certificates) == {"Dilan Omer", "Omar Younis"}
    dilan_certificate = certificates["Dilan Omer"]
    assert (dilan_certificate.attended_sessions, dilan_certificate.total_sessions, dilan_certificate.language) == (
        4,
        4,
        "ckb",
    )
    assert dilan_certificate.rendered_at is not None
    pdf = dilan_certificate.file.open("rb").read()
    assert pdf.startswith(b"%PDF")


def test_certificates_wait_for_the_event_to_be_completed(completed_training):
    event, *_ = completed_training
    Event.objects.filter(pk=event.pk).update(status=EventStatus.PUBLISHED)
    event.refresh_from_db()
    with pytest.raises(ValidationError):
        certificates_issue(actor=staff_member(Role.CENTRE_STAFF, centre_slug="erbil"), event=event)
    assert not Certificate.objects.exists()


def test_who_may_download_a_certificate(client, completed_training, django_capture_on_commit_callbacks):
    event, dilan, _omar, _sara, cso_admin = completed_training
    with django_capture_on_commit_callbacks(execute=True):
        certificates_issue(actor=staff_member(Role.CENTRE_STAFF, centre_slug="erbil"), event=event)
    url = private_file_url(Certificate.objects.get(participant=dilan), "file")
    for person, expected in (
        (dilan.user, 200),
        (cso_admin, 200),
        (staff_member(Role.CENTRE_STAFF, centre_slug="erbil"), 200),
        (staff_member(Role.CENTRE_STAFF, centre_slug="basra"), 404),
        (staff_member(Role.DONOR), 404),
        (UserFactory(), 404),
    ):
        client.force_login(person)
        assert client.get(url).status_code == expected, person
    Membership.objects.all().delete()
    client.force_login(cso_admin)
    assert client.get(url).status_code == 404


def test_the_participant_downloads_their_certificate_from_the_event_page(
    client, completed_training, django_capture_on_commit_callbacks
):
    event, dilan, *_ = completed_training
    with django_capture_on_commit_callbacks(execute=True):
        certificates_issue(actor=staff_member(Role.CENTRE_STAFF, centre_slug="erbil"), event=event)
    client.force_login(dilan.user)
    html = client.get(reverse("trainings:event_detail", args=[event.pk])).content.decode()
    assert 'data-testid="my-certificate"' in html


def test_the_public_check_confirms_a_real_code_and_rejects_a_false_one(client, completed_training):
    event, *_ = completed_training
    certificates_issue(actor=staff_member(Role.CENTRE_STAFF, centre_slug="erbil"), event=event)
    certificate = Certificate.objects.first()
    response = client.get(reverse("trainings:certificate_verify", args=[certificate.code.lower()]))
    assert response.status_code == 200
    assert "This certificate is genuine." in response.content.decode()
    assert "Project management, Erbil" in response.content.decode()
    response = client.get(reverse("trainings:certificate_verify", args=["NOTACODE"]))
    assert response.status_code == 404
    assert "No certificate has the code" in response.content.decode()
