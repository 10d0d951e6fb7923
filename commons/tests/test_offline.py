"""Saving entries for offline reading: the service worker script is served from the root as
JavaScript, for the whole site's scope, briefly cached and the same for everyone; the offline page, in
each language, names nobody and loads only what the worker keeps; the "Save for offline" box is on
the page of a published entry for signed-in readers only, and hidden until JavaScript shows it."""

import json
import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from accounts.tests.factories import UserFactory
from commons.models import EntryStatus
from commons.tests.factories import published_entry
from commons.views.offline import OFFLINE_ASSETS, worker_config
from organizations.tests.factories import organization_with_admin

pytestmark = pytest.mark.django_db


def config_of(script: str) -> dict:
    return json.loads(re.search(r"^const CONFIG = (.*);$", script, re.MULTILINE).group(1))


def test_the_worker_script_is_javascript_for_the_whole_site_briefly_cached_and_the_same_for_everyone(client):
    assert reverse("platform_service_worker") == "/platform-sw.js"
    response = client.get("/platform-sw.js")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/javascript; charset=utf-8"
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "max-age=300"
    assert response["X-Content-Type-Options"] == "nosniff"
    script = response.content.decode()
    config = config_of(script)
    assert config == worker_config()
    assert config["offline"] == {
        "en": "/en/platform/offline/",
        "ar": "/ar/platform/offline/",
        "ckb": "/ckb/platform/offline/",
    }
    assert "/static/js/offline.js" in config["shell"] and "/ar/platform/offline/" in config["shell"]
    assert "{{" not in script and "{%" not in script

    client.force_login(UserFactory())
    assert client.get("/platform-sw.js").content.decode() == script  # it names nobody
    assert client.post("/platform-sw.js").status_code == 405


def test_the_policy_lets_the_page_register_a_worker_of_the_site_only(client):
    policy = client.get(reverse("commons:entry_list"))["Content-Security-Policy"]
    assert "worker-src 'self'" in policy


@pytest.mark.parametrize("language", ["en", "ar", "ckb"])
def test_the_offline_page_names_nobody_and_loads_only_what_the_worker_keeps(client, language):
    client.force_login(UserFactory(full_name="Huda Kareem", email="huda@example.org"))
    html = client.get(f"/{language}/platform/offline/").content.decode()
    assert f'<html lang="{language}"' in html and 'data-testid="offline-page"' in html
    assert "Huda" not in html and "huda@example.org" not in html and "csrfmiddlewaretoken" not in html
    loaded = set(re.findall(r'<(?:link|script)[^>]* (?:href|src)="([^"]+)"', html))
    assert loaded and loaded <= set(worker_config()["shell"]), loaded
    assert 'data-offline-list data-testid="offline-list" hidden' in html


def test_the_offline_assets_exist():
    assert all(finders.find(path) for path in OFFLINE_ASSETS)


@pytest.fixture
def entry():
    organization, admin = organization_with_admin(verification_status="verified")
    return published_entry(admin, organization=organization, title="Budget hearings", language="en")


def offline_box(html: str) -> str | None:
    found = re.search(r"<div[^>]*data-offline-save[^>]*>", html)
    return found.group(0) if found else None


def test_signed_in_readers_of_a_published_entry_get_the_button_hidden_until_javascript_shows_it(client, entry):
    url = reverse("commons:entry_detail", args=[entry.pk])
    anonymous = client.get(url).content.decode()
    assert offline_box(anonymous) is None and "js/offline.js" not in anonymous

    client.force_login(UserFactory())
    html = client.get(url).content.decode()
    box = offline_box(html)
    assert box is not None and box.endswith(" hidden>")  # without JavaScript nothing shows
    assert 'data-worker="/platform-sw.js"' in box and 'data-title="Budget hearings"' in box
    for word in ("save", "remove", "saving", "saved", "removed", "failed"):
        assert f"data-{word}=" in box
    assert 'data-testid="offline-save"' in html and "/static/js/offline.js" in html


def test_no_button_on_an_entry_that_is_not_published(client, entry):
    entry.status, entry.published_at = EntryStatus.PENDING, None
    entry.save()
    client.force_login(entry.author)  # the writer reads her pending entry, but not to keep it
    response = client.get(reverse("commons:entry_detail", args=[entry.pk]))
    assert response.status_code == 200 and offline_box(response.content.decode()) is None


def test_the_list_shows_what_is_saved_with_javascript_only(client, entry):
    html = client.get(reverse("commons:entry_list")).content.decode()
    assert 'data-offline-list data-testid="offline-list" hidden' in html and "/static/js/offline.js" in html
