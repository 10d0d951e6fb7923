"""`{% keep %}` (core/templatetags/keep.py): a list's rows kept per session, address, language and
minute until the data changes; never for another person, never after a write, never a form's token."""

import pytest
from django.contrib.sessions.backends.cache import SessionStore
from django.db import connection
from django.middleware.csrf import get_token
from django.template import Context, Template, TemplateSyntaxError
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import Role
from centers.tests.factories import staff_member
from core import freshness
from trainings.tests.factories import published_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def version(monkeypatch):
    """The data version held by the test (why: core/tests/test_speed.py)."""
    held = {"value": "1"}
    monkeypatch.setattr(freshness, "data_version", lambda: held["value"])
    return held


def _render(source, request, **values):
    return Template("{% load keep %}" + source).render(Context({"request": request, **values}))


def _request(rf, session_key="session-one", path="/en/events/"):
    request = rf.get(path)
    request.session = SessionStore(session_key=session_key)
    return request


class Counter:
    def __init__(self):
        self.calls = 0

    def __str__(self):
        self.calls += 1
        return f"rendered {self.calls}"


def test_a_part_is_kept_per_session_address_and_version(rf, version):
    counter = Counter()
    source = '{% keep "rows" %}{{ counter }}{% endkeep %}'
    assert _render(source, _request(rf), counter=counter) == "rendered 1"
    assert _render(source, _request(rf), counter=counter) == "rendered 1"  # kept
    assert _render(source, _request(rf, session_key="session-two"), counter=counter) == "rendered 2"  # another person
    assert _render(source, _request(rf, path="/en/events/?page=2"), counter=counter) == "rendered 3"
    version["value"] = "2"  # a write anywhere
    assert _render(source, _request(rf), counter=counter) == "rendered 4"
    assert _render(source, _request(rf, session_key=None), counter=counter) == "rendered 5"  # no session
    assert _render(source, _request(rf, session_key=None), counter=counter) == "rendered 6"


def test_a_part_with_a_forms_token_or_a_nonce_is_rendered_every_time(rf, version):
    counter = Counter()
    request = _request(rf)
    token = get_token(request)
    source = '{% keep "form" %}{{ counter }}<input name="csrfmiddlewaretoken" value="{{ token }}">{% endkeep %}'
    _render(source, request, counter=counter, token=token)
    assert "rendered 2" in _render(source, request, counter=counter, token=token)
    scripted = '{% keep "script" %}{{ counter }}<script nonce="abc"></script>{% endkeep %}'
    _render(scripted, request, counter=counter)
    assert "rendered 4" in _render(scripted, request, counter=counter)


def test_keep_takes_one_quoted_name():
    for wrong in ("{% keep %}x{% endkeep %}", "{% keep rows %}x{% endkeep %}", '{% keep "a" "b" %}x{% endkeep %}'):
        with pytest.raises(TemplateSyntaxError):
            Template("{% load keep %}" + wrong)


def test_the_events_list_opened_again_skips_its_rows_queries_and_shows_each_centre_its_own(client, version):
    published_event(title="Budgeting for CSOs", centre_slug="erbil")
    published_event(title="Advocacy in Basra", centre_slug="basra")
    url = reverse("trainings:event_list")
    client.force_login(staff_member(Role.CENTRE_STAFF, centre_slug="erbil"))
    with CaptureQueriesContext(connection) as first:
        page = client.get(url).content.decode()
    with CaptureQueriesContext(connection) as again:
        kept = client.get(url).content.decode()
    assert "Budgeting for CSOs" in page and "Budgeting for CSOs" in kept
    assert len(again) < len(first)
    client.force_login(staff_member(Role.CENTRE_STAFF, centre_slug="basra"))
    other = client.get(url).content.decode()
    assert "Advocacy in Basra" in other
