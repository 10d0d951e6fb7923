"""The dashboard's panels are kept per person, language and minute until the data changes
(core.panels.dashboard_html): never another person's, never after a write, never a form's token."""

import re

import pytest
from django.db import connection
from django.template.loader import get_template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.tests.factories import UserFactory
from core import freshness, panels
from notifications.models import Notification
from organizations.tests.factories import organization_with_admin

pytestmark = pytest.mark.django_db

# What a kept panel's template may not read: the request, the person or a context processor's value
# (the kept HTML would then carry one request's state into another), nor render a form's token.
TAG = re.compile(r"\{[{%](.*?)[}%]\}", re.S)
QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")
REQUEST_STATE = re.compile(
    r"(?<![\w.])(csrf_token|request|user|perms|messages|nav_main|nav_user|notifications_unread|LANGUAGE_BIDI)(?!\w)"
)


def request_state_read(source: str) -> list[str]:
    """The names of request state a template's tags and variables read (quoted text aside)."""
    return [found for tag in TAG.findall(source) for found in REQUEST_STATE.findall(QUOTED.sub("", tag))]


def test_the_check_sees_request_state_and_not_words_in_strings():
    assert request_state_read("{% url 'legal_aid:case_request' %} {{ panel.user.name }}") == []
    assert request_state_read("{% if user.is_staff %}{% csrf_token %}{{ request.path }}") == [
        "user",
        "csrf_token",
        "request",
    ]


def test_every_kept_dashboard_panel_reads_only_its_own_context():
    kept = [p for p in panels.registered(panels.DASHBOARD) if p.kept]
    assert len(kept) >= 8  # trainings, grants, legal aid, centres, notifications, platform, partnerships
    for panel in kept:
        source = get_template(panel.template).template.source
        assert request_state_read(source) == [], panel.template
    not_kept = {p.key for p in panels.registered(panels.DASHBOARD) if not p.kept}
    assert not_kept == {"my_organizations"}  # its organisation switch is a form


def _notify(person, subject):
    Notification.objects.create(recipient=person, kind="roles_changed", subject=subject)


def test_a_dashboard_opened_again_is_kept_until_a_write_and_never_shown_to_another(client, monkeypatch):
    layla, omar = UserFactory(full_name="Layla Hassan"), UserFactory(full_name="Omar Saleh")
    _notify(layla, "Your certificate is ready")
    held = {"value": "1"}
    monkeypatch.setattr(freshness, "data_version", lambda: held["value"])
    client.force_login(layla)
    url = reverse("core:dashboard")
    with CaptureQueriesContext(connection) as first:
        page = client.get(url).content.decode()
    assert "Your certificate is ready" in page
    with CaptureQueriesContext(connection) as again:
        kept = client.get(url).content.decode()
    assert "Your certificate is ready" in kept
    assert len(again) < len(first)  # the kept panels made no queries

    client.force_login(omar)  # the same data version, another person: his own panels
    assert "Your certificate is ready" not in client.get(url).content.decode()

    client.force_login(layla)
    _notify(layla, "Your application was received")
    held["value"] = "2"  # what the write did to the WAL position (core/tests/test_speed.py)
    assert "Your application was received" in client.get(url).content.decode()


def test_the_organisation_panel_renders_its_switch_with_this_requests_token(client):
    first, admin = organization_with_admin()
    second, _ = organization_with_admin(admin=admin)  # two organisations: a switch to the other
    client.force_login(admin)
    page = client.get(reverse("core:dashboard")).content.decode()
    switch = page[page.index("Your organisations") :]
    assert 'name="csrfmiddlewaretoken"' in switch
    assert (
        reverse("organizations:switch", args=[second.pk]) in switch
        or reverse("organizations:switch", args=[first.pk]) in switch
    )
