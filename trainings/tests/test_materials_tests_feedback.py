import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from centers.tests.factories import staff_member
from trainings.models import (
    Attendance,
    Event,
    Feedback,
    FeedbackReceipt,
    KnowledgeChoice,
    KnowledgeQuestion,
    KnowledgeTestAttempt,
    Material,
    SignInSheet,
    TrainingPackage,
)
from trainings.services import registration_create
from trainings.tests.factories import ParticipantFactory, published_event

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 material"


def upload(client, title="Trainer handbook", language="ar", note="", visibility="public"):
    return client.post(
        reverse("trainings:material_upload", args=["fundraising"]),
        {
            "title": title,
            "language": language,
            "file": SimpleUploadedFile("h.pdf", PDF),
            "change_note": note,
            "visibility": visibility,
            "is_published": "on",
        },
    )


def test_materials_are_versioned_per_language_with_change_notes(client):
    client.force_login(staff_member(Role.TRAINER))
    assert upload(client).status_code == 302
    response = upload(client)
    assert "Say what changed in this version." in response.content.decode()
    upload(client, note="New budgeting exercise")
    upload(client, language="ckb")
    versions = sorted(Material.objects.values_list("language", "version"))
    assert versions == [("ar", 1), ("ar", 2), ("ckb", 1)]
    html = client.get(reverse("trainings:package_detail", args=["fundraising"])).content.decode()
    assert "New budgeting exercise" in html
    assert html.count("Trainer handbook") == 2  # the latest Arabic version and the Kurdish one


def test_a_disguised_material_is_refused(client):
    client.force_login(staff_member(Role.TRAINER))
    response = client.post(
        reverse("trainings:material_upload", args=["fundraising"]),
        {
            "title": "Bad",
            "language": "en",
            "file": SimpleUploadedFile("x.pdf", b"<html></html>"),
            "visibility": "public",
        },
    )
    assert "its content is not a PDF file" in response.content.decode()
    assert not Material.objects.exists()


def test_downloads_are_counted_and_cso_only_materials_need_a_sign_in(client):
    staff = staff_member(Role.TRAINER)
    client.force_login(staff)
    upload(client, visibility="cso")
    material = Material.objects.get()
    client.logout()
    response = client.get(reverse("trainings:material_download", args=[material.pk]))
    assert response["Location"].startswith(reverse("account_login"))
    client.force_login(UserFactory())
    response = client.get(reverse("trainings:material_download", args=[material.pk]))
    file_response = client.get(response["Location"])
    assert b"".join(file_response.streaming_content) == PDF
    material.refresh_from_db()
    assert material.download_count == 1


@pytest.fixture
def quiz_event():
    package = TrainingPackage.objects.get(code="project_management")
    for number in range(2):
        question = KnowledgeQuestion.objects.create(package=package, text=f"Question {number}", order=number)
        KnowledgeChoice.objects.create(question=question, text="Right", is_correct=True)
        KnowledgeChoice.objects.create(question=question, text="Wrong")
    event = published_event(package=package, sessions=2)
    person = UserFactory()
    participant = ParticipantFactory(user=person)
    registration_create(actor=person, event=event, participant=participant)
    return event, person, participant


def answer(client, event, kind, right: int):
    questions = list(event.package.questions.prefetch_related("choices"))
    data = {}
    for index, question in enumerate(questions):
        correct = next(c for c in question.choices.all() if c.is_correct)
        wrong = next(c for c in question.choices.all() if not c.is_correct)
        data[f"q{question.pk}"] = str((correct if index < right else wrong).pk)
    return client.post(reverse("trainings:knowledge_test", args=[event.pk, kind]), data)


def test_pre_and_post_tests_give_the_knowledge_gain(client, quiz_event):
    event, person, _participant = quiz_event
    client.force_login(person)
    response = client.post(reverse("trainings:knowledge_test", args=[event.pk, "pre"]), {})
    assert "Answer every question." in response.content.decode()
    assert (
        "opens when the training has started"
        in client.get(reverse("trainings:knowledge_test", args=[event.pk, "post"])).content.decode()
    )
    answer(client, event, "pre", right=0)
    assert "already taken" in answer(client, event, "pre", right=2).content.decode()
    Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() - dt.timedelta(hours=1))
    answer(client, event, "post", right=2)
    assert sorted(KnowledgeTestAttempt.objects.values_list("kind", "correct")) == [("post", 2), ("pre", 0)]
    client.force_login(staff_member(Role.CENTRE_STAFF, centre_slug="erbil"))
    html = client.get(reverse("trainings:event_detail", args=[event.pk])).content.decode()
    assert "+100.0 points (1)" in html


def test_only_attendees_give_feedback_once_and_may_stay_anonymous(client, quiz_event):
    event, person, participant = quiz_event
    client.force_login(person)
    assert "Only people who attended" in client.get(reverse("trainings:feedback", args=[event.pk])).content.decode()
    Attendance.objects.create(session=event.sessions.first(), participant=participant, status="present")
    Event.objects.filter(pk=event.pk).update(status="completed")
    response = client.post(
        reverse("trainings:feedback", args=[event.pk]),
        {"satisfaction": "5", "usefulness": "4", "comments": "Great", "anonymous": "on"},
    )
    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert feedback.participant is None and feedback.satisfaction == 5
    assert FeedbackReceipt.objects.filter(participant=participant).exists()
    response = client.post(reverse("trainings:feedback", args=[event.pk]), {"satisfaction": "1", "usefulness": "1"})
    assert "already given your feedback" in response.content.decode()
    assert Feedback.objects.count() == 1


def test_a_photo_of_the_paper_sheet_is_kept_with_the_session(client):
    event = published_event()
    session = event.sessions.get()
    client.force_login(staff_member(Role.CENTRE_STAFF, centre_slug="erbil"))
    url = reverse("trainings:sign_in_sheet_upload", args=[event.pk, session.pk])
    client.post(url, {"file": SimpleUploadedFile("sheet.jpg", b"\xff\xd8\xff\xe0 jpeg")})
    assert SignInSheet.objects.get(session=session).original_filename == "sheet.jpg"
    response = client.post(url, {"file": SimpleUploadedFile("sheet.jpg", b"not a photo")}, follow=True)
    assert "its content is not a JPEG file" in response.content.decode()
    assert SignInSheet.objects.count() == 1
