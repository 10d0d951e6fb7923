"""Questions and answers: asked for a CSO, answered (staff with the badge), one answer accepted by the
asker or a moderator, the watchers told, and questions waiting a week shown on the centre's dashboard."""

import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from centers.tests.factories import staff_member
from commons.models import Answer, Follow, Question
from commons.tests.factories import question
from notifications.models import Notification
from organizations.tests.factories import organization_with_admin

pytestmark = pytest.mark.django_db


@pytest.fixture
def cso():
    return organization_with_admin(verification_status="verified")


def test_a_member_asks_for_her_cso_and_follows_her_question(cso, client):
    organization, admin = cso
    client.force_login(admin)
    page = client.get(reverse("commons:question_ask") + "?topic=fundraising").content.decode()
    assert organization.name in page
    response = client.post(
        reverse("commons:question_ask"),
        {
            "organization": organization.pk,
            "topic": "fundraising",
            "language": "ckb",
            "title": "چۆن بەشداریی خۆمان نیشان بدەین؟",
            "body": "",
        },
    )
    asked = Question.objects.get()
    assert response.url == reverse("commons:question_detail", args=[asked.pk])
    assert asked.organization == organization and asked.centre == organization.nearest_centre
    assert Follow.objects.get(user=admin, question=asked).level == "watch"


def test_a_question_without_a_title_keeps_what_was_typed(cso, client):
    organization, admin = cso
    client.force_login(admin)
    response = client.post(
        reverse("commons:question_ask"),
        {
            "organization": organization.pk,
            "topic": "fundraising",
            "language": "ar",
            "title": "",
            "body": "تفاصيل كثيرة",
        },
    )
    assert response.status_code == 200 and "تفاصيل كثيرة" in response.content.decode()
    assert not Question.objects.exists()


def test_staff_answers_carry_the_badge_and_the_asker_is_told(cso, client):
    organization, admin = cso
    asked = question(admin, organization=organization)
    Follow.objects.create(user=admin, question=asked)
    trainer = staff_member(Role.TRAINER)
    client.force_login(trainer)
    url = reverse("commons:answer_post", args=[asked.pk])
    assert client.post(url, {"body": "<p>Volunteer time counts.</p><script>alert(1)</script>"}).status_code == 200
    assert not Answer.objects.exists()  # the script is refused, the text kept on the page
    client.post(url, {"body": "<p>Volunteer time counts.</p>"})
    answer = Answer.objects.get()
    assert answer.by_expert
    told = Notification.objects.get(recipient=admin, kind="commons_answer")
    assert asked.title in told.subject and told.url.endswith(reverse("commons:question_detail", args=[asked.pk]))
    assert not Notification.objects.filter(recipient=trainer).exists()
    client.force_login(admin)
    page = client.get(reverse("commons:question_detail", args=[asked.pk])).content.decode()
    assert 'data-testid="expert-badge"' in page and 'data-testid="accept"' in page


def test_only_the_asker_or_a_moderator_accepts_and_one_answer_at_a_time(cso, client):
    organization, admin = cso
    asked = question(admin, organization=organization)
    first = Answer.objects.create(question=asked, author=UserFactory(), body="one")
    second = Answer.objects.create(question=asked, author=UserFactory(), body="two")
    stranger, _org = organization_with_admin(verification_status="verified")
    client.force_login(_org)
    client.post(reverse("commons:answer_accept", args=[first.pk]))
    assert not Answer.objects.filter(accepted=True).exists()  # someone else's question: refused
    client.force_login(admin)
    client.post(reverse("commons:answer_accept", args=[first.pk]))
    client.force_login(staff_member(Role.CENTRE_STAFF, centre_slug=asked.centre.slug))
    client.post(reverse("commons:answer_accept", args=[second.pk]))  # a moderator moves the mark
    assert list(Answer.objects.filter(accepted=True)) == [second]
    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.filter(pk=first.pk).update(accepted=True)


def test_the_donor_and_the_public_do_not_read_questions(cso, client):
    organization, admin = cso
    asked = question(admin, organization=organization)
    url = reverse("commons:question_detail", args=[asked.pk])
    assert client.get(url).status_code == 302
    client.force_login(staff_member(Role.DONOR))
    assert client.get(url).status_code == 403


def test_the_list_takes_the_same_queries_for_5_and_50_questions(cso, client):
    organization, admin = cso
    client.force_login(admin)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("commons:question_list") + "?topic=fundraising").status_code == 200
        return len(captured)

    for _ in range(5):
        Answer.objects.create(question=question(admin, organization=organization), author=admin, body="x")
    few = queries()
    for n in range(45):
        asked = question(admin, organization=organization if n % 2 else None)
        if n % 3:
            Answer.objects.create(question=asked, author=admin, body="x", accepted=True)
    assert queries() == few


def test_questions_waiting_a_week_show_on_the_centres_dashboard(cso, client):
    organization, admin = cso
    old = question(admin, organization=organization, title="Waiting for a week")
    Question.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=8))
    question(admin, organization=organization, title="Asked yesterday")
    answered = question(admin, organization=organization, title="Answered long ago")
    Question.objects.filter(pk=answered.pk).update(created_at=timezone.now() - dt.timedelta(days=9))
    Answer.objects.create(question=answered, author=admin, body="x")
    client.force_login(staff_member(Role.CENTRE_STAFF, centre_slug=old.centre.slug))
    page = client.get(reverse("core:dashboard")).content.decode()
    panel = page[page.index('data-testid="unanswered-questions"') :]
    assert "Waiting for a week" in panel and "Asked yesterday" not in panel and "Answered long ago" not in panel
    other = "basra" if old.centre.slug != "basra" else "erbil"
    client.force_login(staff_member(Role.CENTRE_STAFF, centre_slug=other))
    assert "Waiting for a week" not in client.get(reverse("core:dashboard")).content.decode()
