from datetime import timedelta

import pytest
from celery.exceptions import Retry
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import UserFactory
from notifications.models import Notification, NotificationPreference
from notifications.services import notify
from notifications.tasks import purge_read_notifications, send_notification_email

pytestmark = pytest.mark.django_db


def test_notify_records_the_notification_and_emails_it_after_commit(django_capture_on_commit_callbacks):
    person = UserFactory(preferred_language="en")
    with django_capture_on_commit_callbacks(execute=True):
        notification = notify(recipient=person, kind="roles_changed", context={"roles": ["Trainer"]}, url="/en/")
    assert notification.subject == "Your roles in Tatweer have changed"
    assert "Trainer" in notification.body
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [person.email]
    assert "Trainer" in mail.outbox[0].body
    notification.refresh_from_db()
    assert notification.emailed_at is not None


def test_nothing_is_emailed_if_the_transaction_rolls_back(django_capture_on_commit_callbacks):
    person = UserFactory()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify(recipient=person, kind="roles_changed", context={"roles": []})
    assert len(callbacks) == 1  # queued for commit, not sent yet
    assert mail.outbox == []


def test_notifications_are_rendered_in_the_recipients_language(django_capture_on_commit_callbacks):
    person = UserFactory(preferred_language="ar")
    with django_capture_on_commit_callbacks(execute=True):
        notification = notify(recipient=person, kind="roles_changed", context={"roles": []}, url="/en/dashboard/")
    assert notification.subject != "Your roles in Tatweer have changed"
    assert 'dir="rtl"' in mail.outbox[0].alternatives[0][0]
    # The link opens in the recipient's language, though the English page reversed it.
    assert notification.url == "/ar/dashboard/" and "/ar/dashboard/" in mail.outbox[0].body


def test_a_person_can_turn_off_email_for_a_kind(django_capture_on_commit_callbacks):
    person = UserFactory()
    NotificationPreference.objects.create(user=person, kind="roles_changed", email=False)
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient=person, kind="roles_changed", context={"roles": []})
    assert Notification.objects.filter(recipient=person).count() == 1
    assert mail.outbox == []


def test_the_email_task_sends_at_most_once_when_run_twice():
    person = UserFactory()
    notification = Notification.objects.create(recipient=person, kind="roles_changed", subject="Hello")
    assert send_notification_email(notification.pk) is True
    assert send_notification_email(notification.pk) is False
    assert len(mail.outbox) == 1


def test_a_failed_send_releases_the_notification_for_a_retry(monkeypatch):
    person = UserFactory()
    notification = Notification.objects.create(recipient=person, kind="roles_changed", subject="Hello")

    def refuse(*args, **kwargs):
        raise OSError("smtp down")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", refuse)
    with pytest.raises(Retry):
        send_notification_email.apply(args=[notification.pk], throw=True).get()
    notification.refresh_from_db()
    assert notification.emailed_at is None


def test_the_list_shows_unread_count_and_marks_read(client):
    person = UserFactory()
    first = Notification.objects.create(recipient=person, kind="roles_changed", subject="First", url="/en/centres/")
    Notification.objects.create(recipient=person, kind="roles_changed", subject="Second")
    Notification.objects.create(recipient=UserFactory(), kind="roles_changed", subject="Not yours")
    client.force_login(person)
    html = client.get(reverse("notifications:list")).content.decode()
    assert "First" in html and "Second" in html and "Not yours" not in html
    assert 'text-bg-warning">2<' in html
    response = client.post(reverse("notifications:open", args=[first.pk]))
    assert response["Location"] == "/en/centres/"
    first.refresh_from_db()
    assert first.read_at is not None
    client.post(reverse("notifications:mark_all_read"))
    assert not Notification.objects.filter(recipient=person, read_at__isnull=True).exists()


def test_an_external_link_in_a_notification_is_not_followed(client):
    person = UserFactory()
    notification = Notification.objects.create(
        recipient=person, kind="roles_changed", subject="x", url="https://evil.example/"
    )
    client.force_login(person)
    response = client.post(reverse("notifications:open", args=[notification.pk]))
    assert response["Location"] == reverse("notifications:list")


def test_preferences_are_saved(client):
    person = UserFactory()
    client.force_login(person)
    response = client.post(reverse("notifications:preferences"), {})
    assert response.status_code == 302
    assert NotificationPreference.objects.get(user=person, kind="roles_changed").email is False


def test_the_list_makes_the_same_number_of_queries_for_5_and_50(client):
    person = UserFactory()
    client.force_login(person)

    def queries_with(count):
        Notification.objects.filter(recipient=person).delete()
        Notification.objects.bulk_create(
            Notification(
                recipient=person,
                kind="roles_changed",
                subject=f"n{i}",
                texts={"en": {"subject": f"n{i}", "body": ""}, "ar": {"subject": f"ن{i}", "body": ""}},
            )
            for i in range(count)
        )
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("notifications:list")).status_code == 200
        return len(captured)

    assert queries_with(5) == queries_with(50)


def test_old_read_notifications_are_purged_and_unread_ones_kept():
    person = UserFactory()
    old = timezone.now() - timedelta(days=400)
    Notification.objects.create(recipient=person, kind="roles_changed", subject="old read", read_at=old)
    Notification.objects.create(recipient=person, kind="roles_changed", subject="old unread")
    assert purge_read_notifications() == 1
    assert list(Notification.objects.values_list("subject", flat=True)) == ["old unread"]


TITLE = """Women & Peace <b>"now"</b> 'today'"""
TITLE_IN_HTML = "Women &amp; Peace &lt;b&gt;&quot;now&quot;&lt;/b&gt; &#x27;today&#x27;"


def test_notification_texts_are_stored_as_written_and_escaped_once_on_display(
    client, django_capture_on_commit_callbacks
):
    # given a notification about an event whose title holds every character HTML escapes
    person = UserFactory(preferred_language="en")
    with django_capture_on_commit_callbacks(execute=True):
        notification = notify(
            recipient=person, kind="event_cancelled", context={"event": {"title": TITLE}, "reason": TITLE}
        )
    # then it is stored as plain text, as written
    assert notification.subject == f"Cancelled: {TITLE}"
    assert TITLE in notification.body
    # and the plain-text e-mail and its subject carry it as written
    message = mail.outbox[0]
    assert message.subject == f"[Tatweer] Cancelled: {TITLE}"
    assert TITLE in message.body and "&amp;" not in message.body
    # and HTML (the e-mail's HTML part, the list, the dashboard) escapes it exactly once
    html_email = message.alternatives[0][0]
    assert TITLE_IN_HTML in html_email and "&amp;amp;" not in html_email and TITLE not in html_email
    client.force_login(person)
    page = client.get(reverse("notifications:list")).content.decode()
    assert TITLE_IN_HTML in page and "&amp;amp;" not in page and TITLE not in page
