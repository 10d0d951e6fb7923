import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from accounts.roles import Role
from centers.tests.factories import staff_member
from core import navigation
from core.audit import actor_context
from trainings.models import Event
from trainings.tests.factories import published_event

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "direction", "stylesheet"),
    [
        ("en", "ltr", "bootstrap.min.css"),
        ("ar", "rtl", "bootstrap.rtl.min.css"),
        ("ckb", "rtl", "bootstrap.rtl.min.css"),
    ],
)
def test_pages_carry_the_language_and_direction(client, language, direction, stylesheet):
    response = client.get(f"/{language}/")
    html = response.content.decode()
    assert f'<html lang="{language}" dir="{direction}">' in html
    assert stylesheet in html


def test_the_public_home_shows_the_three_centres_in_the_visitors_language(client):
    html = client.get("/ckb/").content.decode()
    for name in ("هەولێر", "مووسڵ", "بەسرە"):
        assert name in html
    html = client.get("/ar/").content.decode()
    for name in ("أربيل", "الموصل", "البصرة"):
        assert name in html


def test_no_asset_comes_from_another_site(client):
    html = client.get("/en/").content.decode()
    assert "https://" not in html.replace("https://www.w3.org", "")
    assert "cdn" not in html.lower()


def test_pages_send_a_strict_content_security_policy_with_a_nonce(client):
    response = client.get("/en/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self' 'nonce-" in policy
    nonce = policy.split("'nonce-")[1].split("'")[0]
    assert f'nonce="{nonce}"' in response.content.decode()
    assert "unsafe-inline" not in policy


def test_error_pages_are_translated(client):
    response = client.get("/ar/this-page-does-not-exist/")
    assert response.status_code == 404
    assert 'dir="rtl"' in response.content.decode()
    assert "This page does not exist" not in response.content.decode()


def test_a_missing_role_answers_forbidden_with_a_translated_page(client, user):
    client.force_login(user)
    response = client.get("/ckb/centres/people/")
    assert response.status_code == 403
    assert 'lang="ckb"' in response.content.decode()


def test_switching_language_keeps_the_page_and_remembers_the_choice(client, user):
    client.force_login(user)
    response = client.post(reverse("set_language"), {"language": "ckb", "next": "/en/notifications/"})
    assert response.status_code == 302
    assert response["Location"] == "/ckb/notifications/"
    user.refresh_from_db()
    assert user.preferred_language == "ckb"


def test_switching_language_refuses_to_send_people_to_another_site(client):
    response = client.post(reverse("set_language"), {"language": "ar", "next": "https://evil.example/"})
    assert response["Location"] in ("/", "/ar/")


def test_the_dashboard_shows_each_role_its_own_navigation(client):
    admin = staff_member(Role.PROGRAMME_ADMIN)
    client.force_login(admin)
    assert reverse("centers:people") in client.get(reverse("core:dashboard")).content.decode()
    trainer = staff_member(Role.TRAINER, centre_slug="basra")
    client.force_login(trainer)
    html = client.get(reverse("core:dashboard")).content.decode()
    assert reverse("centers:people") not in html
    assert "Basra Civil Society Service Centre" in html
    assert "Erbil Civil Society Service Centre" not in html


def test_the_top_bar_gathers_each_area_in_a_menu_and_shows_a_lone_entry_as_a_link():
    officer = staff_member(Role.GRANT_OFFICER)
    items = {item["key"]: item for item in navigation.entries_for(officer)}
    grants = [child["key"] for child in items["grants"]["children"]]
    assert grants == ["grant_calls", "manage_calls", "agreements", "grant_portfolio", "grant_figures"]
    # A visitor sees only the public calls of the grants area: a plain link, not a menu.
    visitor = {item["key"]: item for item in navigation.entries_for(AnonymousUser())}
    assert "grants" not in visitor and visitor["grant_calls"]["url"] == reverse("grants:public_calls")


@pytest.mark.parametrize("language", ["en", "ar", "ckb"])
def test_amounts_are_grouped_by_thousands_in_every_language(language):
    with translation.override(language):
        rendered = Template('{{ amount|floatformat:"2g" }}').render(Context({"amount": Decimal("1536400.5")}))
    assert rendered == "1,536,400.50"


def test_arabic_dates_and_times_read_day_month_year():
    moment = dt.datetime(2026, 11, 28, 14, 49, tzinfo=dt.UTC)
    with translation.override("ar"):
        rendered = Template('{{ moment|date:"DATETIME_FORMAT" }}').render(Context({"moment": moment}))
    assert rendered.startswith("28 نوفمبر 2026،")


def test_the_audit_trail_shows_who_changed_what_with_the_same_queries_for_5_and_50_rows(client):
    admin, officer = staff_member(Role.PROGRAMME_ADMIN), staff_member(Role.CENTRE_MANAGER)
    event = published_event()
    with actor_context(officer, action="event_edit"):
        Event.objects.filter(pk=event.pk).update(status="cancelled")
    client.force_login(admin)
    url = reverse("core:audit")
    html = client.get(url, {"model": "trainings.Event"}).content.decode()
    assert officer.full_name in html and "event_edit" in html  # an action nobody named: shown as it is
    assert "<bdi>Published</bdi> → <bdi>Cancelled</bdi>" in html and "<bdi>Status</bdi>:" in html
    html = client.get(url, {"person": "nobody@example.org"}).content.decode()
    assert "Nobody has an account with this address." in html
    for _index in range(4):
        published_event()
    with CaptureQueriesContext(connection) as five:
        html = client.get(url, {"model": "trainings.Event"}).content.decode()
    rows = html.count('data-testid="audit-row"')
    for _index in range(50):
        published_event()
    with CaptureQueriesContext(connection) as fifty:
        html = client.get(url, {"model": "trainings.Event"}).content.decode()
    assert rows >= 5 and html.count('data-testid="audit-row"') == 50
    assert len(fifty) == len(five)
    client.force_login(officer)
    assert client.get(url).status_code == 403
