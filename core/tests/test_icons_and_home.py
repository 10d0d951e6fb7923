"""The vendored icons, bidi isolation and the public home page (issue 17)."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.urls import reverse

from core.templatetags.ui import icon_names
from grants.tests.factories import published_call
from trainings.tests.factories import published_event

USED = re.compile(r"""\{%\s*icon\s+["']([a-z0-9-]+)["']""")


def test_every_icon_a_template_draws_is_in_the_vendored_sprite():
    used = set()
    for template in Path(settings.BASE_DIR).glob("**/templates/**/*.html"):
        if ".venv" not in template.parts:
            used |= set(USED.findall(template.read_text()))
    assert len(used) >= 10
    assert used <= icon_names(), used - icon_names()


def test_an_icon_is_decorative_and_a_missing_one_is_an_error():
    html = Template('{% load ui %}{% icon "bell" %}').render(Context())
    assert 'aria-hidden="true"' in html and "icons.svg#bell" in html
    with pytest.raises(ValueError, match="No icon"):
        Template('{% load ui %}{% icon "no-such-icon" %}').render(Context())


def test_bdi_isolates_and_escapes():
    html = Template("{% load ui %}{{ title|bdi }}").render(Context({"title": "Mosul <cohort> 42"}))
    assert html == "<bdi>Mosul &lt;cohort&gt; 42</bdi>"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ar", "ckb"])
def test_the_public_home_shows_the_programme_its_funding_upcoming_events_open_calls_and_centres(client, language):
    published_event(title="Proposal writing for CSOs", days_ahead=5)
    title = "Accompanied grants: environment"
    published_call(title=title, title_en=title, title_ar=title, title_ckb=title)
    html = client.get(f"/{language}/").content.decode()
    assert 'data-testid="eu-funding"' in html and "eu-emblem.svg" in html
    assert 'data-testid="home-events"' in html and "Proposal writing for CSOs" in html
    assert 'data-testid="home-calls"' in html and "Accompanied grants: environment" in html
    assert reverse("trainings:event_list") in html
    assert "centres-heading" in html
