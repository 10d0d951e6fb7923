"""A notification is shown in the language of the page being read, whoever it was made for; its
e-mail goes out in the recipient's language (issue 17)."""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import translation

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from notifications.models import Notification
from notifications.services import notify

pytestmark = pytest.mark.django_db

ENGLISH_SUBJECT = "Your roles in Tatweer have changed"
ARABIC_SUBJECT = "تغيّرت أدوارك في تطوير"
KURDISH_SUBJECT = "ڕۆڵەکانت لە تەتویر گۆڕدران"
ENGLISH_BODY = "Your roles are now: Trainer."
ARABIC_BODY_START = "أدوارك الآن:"


@pytest.fixture
def arabic_reader(django_capture_on_commit_callbacks):
    """A person who prefers Arabic, with one notification made for her on an English page."""
    person = UserFactory(preferred_language="ar")
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        notification = notify(
            recipient=person, kind="roles_changed", context={"roles": [Role.TRAINER.label]}, url="/en/dashboard/"
        )
    return person, notification


def _page(client, name, language):
    with translation.override(language):
        url = reverse(name)
    assert url.startswith(f"/{language}/")
    return client.get(url).content.decode()


def test_every_language_is_rendered_when_the_notification_is_made(arabic_reader):
    _person, notification = arabic_reader
    notification.refresh_from_db()
    assert set(notification.texts) == {"en", "ar", "ckb"}
    assert notification.texts["en"] == {"subject": ENGLISH_SUBJECT, "body": ENGLISH_BODY}
    assert notification.texts["ar"]["subject"] == ARABIC_SUBJECT
    assert notification.texts["ar"]["body"].startswith(ARABIC_BODY_START)
    assert notification.texts["ckb"]["subject"] == KURDISH_SUBJECT
    # subject and body keep the recipient's language: the e-mail's text and the fallback
    assert (notification.subject, notification.body) == (ARABIC_SUBJECT, notification.texts["ar"]["body"])


def test_the_list_shows_the_notification_in_the_language_of_the_page(client, arabic_reader):
    person, _notification = arabic_reader
    client.force_login(person)
    english = _page(client, "notifications:list", "en")
    assert ENGLISH_SUBJECT in english and ENGLISH_BODY in english
    assert ARABIC_SUBJECT not in english and ARABIC_BODY_START not in english
    arabic = _page(client, "notifications:list", "ar")
    assert ARABIC_SUBJECT in arabic and ARABIC_BODY_START in arabic
    assert ENGLISH_SUBJECT not in arabic and ENGLISH_BODY not in arabic
    kurdish = _page(client, "notifications:list", "ckb")
    assert KURDISH_SUBJECT in kurdish and ENGLISH_SUBJECT not in kurdish and ARABIC_SUBJECT not in kurdish


def test_the_dashboard_panel_shows_the_notification_in_the_language_of_the_page(client, arabic_reader):
    person, _notification = arabic_reader
    client.force_login(person)
    english = _page(client, "core:dashboard", "en")
    assert ENGLISH_SUBJECT in english and ARABIC_SUBJECT not in english
    arabic = _page(client, "core:dashboard", "ar")
    assert ARABIC_SUBJECT in arabic and ENGLISH_SUBJECT not in arabic
    again = _page(client, "core:dashboard", "en")  # the kept panel is kept per language
    assert ENGLISH_SUBJECT in again and ARABIC_SUBJECT not in again


def test_the_email_goes_out_in_the_recipients_language(arabic_reader):
    _person, _notification = arabic_reader
    (message,) = mail.outbox
    assert message.subject == f"[Tatweer] {ARABIC_SUBJECT}"
    assert ARABIC_BODY_START in message.body and ENGLISH_BODY not in message.body
    assert "/ar/dashboard/" in message.body
    assert 'dir="rtl"' in message.alternatives[0][0] and ARABIC_SUBJECT in message.alternatives[0][0]


def test_the_link_opens_in_the_readers_language(client, arabic_reader):
    person, notification = arabic_reader
    assert notification.url == "/ar/dashboard/"  # stored in the recipient's language, for the e-mail
    client.force_login(person)
    for language in ("en", "ar", "ckb"):
        with translation.override(language):
            url = reverse("notifications:open", args=[notification.pk])
        assert client.post(url)["Location"] == f"/{language}/dashboard/"


def test_a_notification_without_texts_falls_back_to_its_subject_and_body(client):
    person = UserFactory(preferred_language="ar")
    Notification.objects.create(recipient=person, kind="roles_changed", subject="Stored subject", body="Stored body")
    client.force_login(person)
    for language in ("en", "ar"):
        page = _page(client, "notifications:list", language)
        assert "Stored subject" in page and "Stored body" in page
    assert "Stored subject" in _page(client, "core:dashboard", "ar")


def test_a_language_missing_from_texts_falls_back_to_the_recipients_copy():
    note = Notification(subject="نص", body="متن", texts={"en": {"subject": "Text", "body": "Body"}})
    assert tuple(note.text_for("en")) == ("Text", "Body")
    assert tuple(note.text_for("ckb")) == ("نص", "متن")
    with translation.override("ckb"):
        assert str(note) == "نص"


def test_the_migration_fills_texts_under_the_recipients_language_and_reverses():
    migration = importlib.import_module("notifications.migrations.0003_notification_texts")
    arabic, english = UserFactory(preferred_language="ar"), UserFactory(preferred_language="en")
    old = Notification.objects.create(recipient=arabic, kind="roles_changed", subject="قديم", body="نص قديم")
    old_en = Notification.objects.create(recipient=english, kind="roles_changed", subject="Old", body="Old body")
    editor = SimpleNamespace(connection=connection)
    migration.fill_texts(apps, editor)
    old.refresh_from_db()
    old_en.refresh_from_db()
    assert old.texts == {"ar": {"subject": "قديم", "body": "نص قديم"}}
    assert old_en.texts == {"en": {"subject": "Old", "body": "Old body"}}
    assert tuple(old.text_for("en")) == ("قديم", "نص قديم")  # the other languages fall back
    migration.empty_texts(apps, editor)
    assert list(Notification.objects.values_list("texts", flat=True)) == [{}, {}]


def test_a_link_reversed_in_another_language_than_the_active_one_is_still_translated(
    django_capture_on_commit_callbacks,
):
    person = UserFactory(preferred_language="ar")
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        notification = notify(recipient=person, kind="roles_changed", context={"roles": []}, url="/ckb/dashboard/")
    assert notification.url == "/ar/dashboard/"
    with translation.override("ckb"):
        assert notification.url_for("en") == "/en/dashboard/"
    assert notification.url_for("ar") == "/ar/dashboard/"
    external = Notification(url="https://elsewhere.example/ar/dashboard/")
    assert external.url_for("en").startswith("https://elsewhere.example/")
