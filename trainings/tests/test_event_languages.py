"""An event's title and description in English, Arabic and Kurdish (modeltranslation): entered on the
event's form, shown in the page's language, falling back (Arabic -> English, Kurdish -> Arabic ->
English) where a translation is missing; the original columns keep the English texts."""

import datetime as dt
import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone, translation

from accounts.roles import Role
from centers.tests.factories import centre, staff_member
from core.queries import localized
from organizations.tests.factories import organization_with_admin
from trainings.models import Attendance, Event, Session
from trainings.tests.factories import ParticipantFactory, held_until_yesterday, published_event

pytestmark = pytest.mark.django_db

EN, AR, CKB = (
    "Proposal writing for CSOs",
    "كتابة المقترحات لمنظمات المجتمع المدني",
    "نووسینی پێشنیارنامە بۆ ڕێکخراوەکانی کۆمەڵگەی مەدەنی",
)


def form_data(**overrides):
    day = (timezone.localdate() + dt.timedelta(days=10)).isoformat()
    data = {
        "kind": "workshop",
        "title_en": EN,
        "title_ar": AR,
        "title_ckb": CKB,
        "description_en": "Bring a proposal you are writing.",
        "description_ar": "أحضروا مقترحاً تعملون على كتابته.",
        "description_ckb": "پێشنیارنامەیەک بهێنن کە خەریکی نووسینین.",
        "centre": str(centre("erbil").pk),
        "room": "",
        "external_venue": "Rotana hotel",
        "capacity": "20",
        "audience": "cso_members",
        "sessions-TOTAL_FORMS": "1",
        "sessions-INITIAL_FORMS": "0",
        "sessions-MIN_NUM_FORMS": "1",
        "sessions-MAX_NUM_FORMS": "30",
        "sessions-0-date": day,
        "sessions-0-start_time": "09:00",
        "sessions-0-end_time": "13:00",
    }
    data.update(overrides)
    return data


@pytest.fixture
def staff(client):
    user = staff_member(Role.CENTRE_STAFF, centre_slug="erbil")
    client.force_login(user)
    return user


def page(client, language: str, name: str, *args) -> str:
    with translation.override(language):
        url = reverse(name, args=args)
    assert url.startswith(f"/{language}/")
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("language", ["en", "ar", "ckb"])
def test_an_event_entered_in_three_languages_is_shown_in_the_page_language(client, staff, language):
    # when: staff schedule it from the page in any language
    with translation.override(language):
        url = reverse("trainings:event_create")
    response = client.post(url, form_data())
    # then: every language is stored in its own column, the original column in English
    assert response.status_code == 302
    event = Event.objects.get()
    assert (event.title_en, event.title_ar, event.title_ckb) == (EN, AR, CKB)
    assert (
        Event.objects.rewrite(False)
        .filter(pk=event.pk, title=EN, description="Bring a proposal you are writing.")
        .exists()
    )
    shown = {"en": EN, "ar": AR, "ckb": CKB}
    for lang, title in shown.items():
        for html in (
            page(client, lang, "trainings:event_list"),
            page(client, lang, "trainings:event_detail", event.pk),
        ):
            assert title in html, lang
            assert all(other not in html for other in shown.values() if other != title), lang
    assert "أحضروا مقترحاً تعملون على كتابته." in page(client, "ar", "trainings:event_detail", event.pk)


def test_an_event_with_only_an_english_title_shows_it_in_every_language(client, staff):
    client.post(
        reverse("trainings:event_create"), form_data(title_ar="", title_ckb="", description_ar="", description_ckb="")
    )
    event = Event.objects.get()
    assert event.title_ar is None and event.title_ckb is None
    for language in ("en", "ar", "ckb"):
        assert EN in page(client, language, "trainings:event_list")
        html = page(client, language, "trainings:event_detail", event.pk)
        assert EN in html and "Bring a proposal you are writing." in html


def test_the_description_may_be_left_empty_in_every_language(client, staff):
    response = client.post(
        reverse("trainings:event_create"), form_data(description_en="", description_ar="", description_ckb="")
    )
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.description_en is None
    assert Event.objects.rewrite(False).filter(pk=event.pk, description="").exists()


def test_kurdish_falls_back_to_arabic_before_english(client, staff):
    client.post(reverse("trainings:event_create"), form_data(title_ckb=""))
    event = Event.objects.get()
    html = page(client, "ckb", "trainings:event_detail", event.pk)
    assert AR in html and EN not in html
    with translation.override("ckb"):
        assert event.title == AR


def test_the_english_title_is_required_and_what_was_typed_is_kept(client, staff):
    with translation.override("ar"):
        url = reverse("trainings:event_create")
    response = client.post(url, form_data(title_en=""))
    assert response.status_code == 200
    assert not Event.objects.exists()
    html = response.content.decode()
    assert AR in html and CKB in html and "أحضروا مقترحاً تعملون على كتابته." in html
    assert 'name="title_ar"' in html and 'name="title_ckb"' in html and 'dir="rtl"' in html


def test_a_refused_event_keeps_every_language_typed(client, staff):
    response = client.post(reverse("trainings:event_create"), form_data(**{"sessions-0-end_time": "08:00"}))
    assert response.status_code == 200
    assert not Event.objects.exists()
    html = response.content.decode()
    assert EN in html and AR in html and CKB in html


def test_editing_from_the_arabic_page_changes_only_what_was_changed(client, staff):
    client.post(reverse("trainings:event_create"), form_data())
    event = Event.objects.get()
    session = event.sessions.get()
    data = form_data(
        title_ar="كتابة مقترحات المشاريع",
        **{
            "sessions-INITIAL_FORMS": "1",
            "sessions-0-id": str(session.pk),
            "sessions-0-date": session.date.isoformat(),
        },
    )
    with translation.override("ar"):
        url = reverse("trainings:event_edit", args=[event.pk])
    assert client.post(url, data).status_code == 302
    event.refresh_from_db()
    assert (event.title_en, event.title_ar, event.title_ckb) == (EN, "كتابة مقترحات المشاريع", CKB)
    assert Event.objects.rewrite(False).filter(pk=event.pk, title=EN).exists()  # the original column: English


def test_the_form_labels_say_the_language(client, staff):
    html = page(client, "en", "trainings:event_create")
    assert "Title in English" in html and "Title in Arabic" in html and "Description in Kurdish" in html


def test_a_plain_title_given_to_the_service_is_the_english_one_whatever_the_language():
    with translation.override("ar"):
        event = published_event(title="Strategic planning")
    assert event.title_en == "Strategic planning" and event.title_ar is None


def test_localized_reads_the_active_language_with_fallback_across_a_relation():
    published_event(title="B English only")
    published_event(title_en="A English", title_ar="ت عربي", title_ckb="ج کوردی")
    with translation.override("ar"):
        titles = list(
            Session.objects.values_list(localized("event__title"), flat=True).order_by(localized("event__title"))
        )
    assert titles == ["B English only", "ت عربي"]
    with translation.override("ckb"):
        assert list(Event.objects.order_by(localized("title")).values_list("title_en", flat=True)) == [
            "B English only",
            "A English",
        ]
    with translation.override("en"):
        assert list(Event.objects.order_by(localized("title")).values_list("title_en", flat=True)) == [
            "A English",
            "B English only",
        ]


def test_the_migration_copies_the_texts_into_english_and_back():
    name = "0008_event_title_description_translated"
    migration = importlib.import_module(f"trainings.migrations.{name}")
    apps = MigrationExecutor(connection).loader.project_state(("trainings", name)).apps  # plain managers
    event = published_event(title="Strategic planning", description="Two days.")
    Event.objects.rewrite(False).filter(pk=event.pk).update(title_en=None, description_en=None)
    migration.copy_into_english(apps, None)
    event.refresh_from_db()
    assert (event.title_en, event.description_en) == ("Strategic planning", "Two days.")
    Event.objects.rewrite(False).filter(pk=event.pk).update(title_en="Renamed", title="old", description="old")
    migration.copy_back_from_english(apps, None)
    assert Event.objects.rewrite(False).filter(pk=event.pk, title="Renamed", description="Two days.").exists()


@pytest.mark.django_db
def test_an_organisations_profile_lists_the_events_its_people_attended_in_the_readers_language(client):
    organization, admin = organization_with_admin(name="Basra Women Forum")
    event = held_until_yesterday(published_event(title="Proposal writing", title_ar="كتابة المقترحات"))
    participant = ParticipantFactory(organization=organization)
    Attendance.objects.create(session=event.sessions.get(), participant=participant, status="present")
    client.force_login(admin)
    url = reverse("organizations:detail", args=[organization.pk])
    assert "كتابة المقترحات" in client.get(url.replace("/en/", "/ar/", 1)).content.decode()
    assert "Proposal writing" in client.get(url).content.decode()
