"""What issue 16 added for speed, each checked for the property people depend on: a kept value or
page is never served after the data changed; compressed answers never for what BREACH could read."""

import gzip

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from centers.models import Center
from core import freshness, navigation
from core.compression import compressible
from core.pagecache import PublicPageCacheMiddleware, public_page

pytestmark = pytest.mark.django_db


class _Version:
    """The data version as a test sets it. The WAL position is the whole PostgreSQL server's, so
    another test worker's writes (or a vacuum) can move it between two reads of a test that itself
    writes nothing: the tests of what is kept hold the version still, and one test checks that
    the real position moves with a write."""

    def __init__(self):
        self.value = 1

    def __call__(self):
        return str(self.value)

    def moves(self):
        self.value += 1


@pytest.fixture
def version(monkeypatch):
    held = _Version()
    monkeypatch.setattr(freshness, "data_version", held)
    return held


def test_a_kept_value_is_computed_again_when_the_data_version_moves(version):
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert freshness.cached("t", ("a",), compute) == 1
    assert freshness.cached("t", ("a",), compute) == 1  # nothing written: kept
    assert freshness.cached("t", ("b",), compute) == 2  # another key
    version.moves()
    assert freshness.cached("t", ("a",), compute) == 3


def test_the_data_version_moves_with_any_write_inside_the_transaction():
    before = freshness.data_version()
    Center.objects.update(city="Erbil")  # a bulk update, which sends no signal
    after_update = freshness.data_version()
    assert after_update != before
    UserFactory()
    assert freshness.data_version() != after_update


def test_a_public_page_is_kept_for_visitors_until_the_data_changes(client, version, monkeypatch):
    monkeypatch.setattr(freshness, "this_minute", lambda: "202612070930")  # no minute turns during the test
    url = reverse("core:home")
    first = client.get(url)
    assert first.status_code == 200
    with CaptureQueriesContext(connection) as captured:
        again = client.get(url)
    assert again.content == first.content  # the same nonce too: the kept page with its own CSP header
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert len(captured) == 0  # no session, user or page queries (the version is held by the test)
    centre = Center.objects.order_by("pk").first()
    centre.name_en = "Erbil Civil Society Service Centre (new name)"
    centre.save()
    version.moves()  # what the save did to the real position (the test above)
    changed = client.get(url)
    assert "(new name)" in changed.content.decode()


def test_a_kept_page_is_only_for_visitors_without_a_session(client):
    url = reverse("grants:public_calls")
    client.get(url)
    client.get(url)
    client.force_login(UserFactory(full_name="Layla Hassan"))
    with CaptureQueriesContext(connection) as captured:
        page = client.get(url).content.decode()
    assert len(captured) > 1  # rendered for her
    assert "Sign out" in page


def test_a_visitor_changes_language_by_a_link_and_the_page_sets_no_cookie(client):
    response = client.get("/en/grants/calls/?page=1")
    assert not response.cookies  # no CSRF token on the page: it can be kept
    page = response.content.decode()
    assert 'href="/ar/grants/calls/?page=1"' in page
    assert 'href="/ckb/grants/calls/?page=1"' in page


def _public(response_factory):
    calls = []

    @public_page
    def view(request):
        calls.append(1)
        return response_factory()

    return PublicPageCacheMiddleware(view), calls


def test_a_page_that_sets_a_cookie_or_fails_is_not_kept(rf, version):
    def with_cookie():
        response = HttpResponse("<p>form</p>")
        response.set_cookie("csrftoken", "secret")
        return response

    for factory in (with_cookie, lambda: HttpResponse("<p>gone</p>", status=404)):
        middleware, calls = _public(factory)
        middleware(rf.get("/en/x/"))
        middleware(rf.get("/en/x/"))
        assert len(calls) == 2
    middleware, calls = _public(lambda: HttpResponse("<p>same for all</p>"))
    middleware(rf.get("/en/x/"))
    assert middleware(rf.get("/en/x/")).content == b"<p>same for all</p>"
    assert len(calls) == 1
    with_session = rf.get("/en/x/")
    with_session.COOKIES[settings.SESSION_COOKIE_NAME] = "abc"
    middleware(with_session)
    assert len(calls) == 2


def test_pages_are_compressed_but_not_account_pages_nor_answers_to_forms(client):
    page = client.get(reverse("core:home"), HTTP_ACCEPT_ENCODING="gzip, br")
    assert page["Content-Encoding"] == "gzip"
    assert b"<html" in gzip.decompress(page.content)
    assert "Accept-Encoding" in page["Vary"]
    sign_in = client.get(reverse("account_login"), HTTP_ACCEPT_ENCODING="gzip")
    assert not sign_in.has_header("Content-Encoding")
    refused = client.post(
        reverse("account_login"), {"login": "x@example.org", "password": "x"}, HTTP_ACCEPT_ENCODING="gzip"
    )
    assert not refused.has_header("Content-Encoding")


class _Request:
    def __init__(self, method, path):
        self.method, self.path_info = method, path


class _Response(dict):
    pass


@pytest.mark.parametrize(
    ("method", "path", "content_type", "expected"),
    [
        ("GET", "/en/events/", "text/html; charset=utf-8", True),
        ("HEAD", "/ar/", "text/html", True),
        ("GET", "/en/exports/1/status/", "application/json", True),
        ("POST", "/en/events/new/", "text/html; charset=utf-8", False),
        ("GET", "/en/accounts/2fa/recovery-codes/", "text/html", False),
        ("GET", "/accounts/login/", "text/html", False),
        ("GET", "/en/files/1/", "application/pdf", False),
    ],
)
def test_what_is_compressed(method, path, content_type, expected):
    assert compressible(_Request(method, path), _Response({"Content-Type": content_type})) is expected


def test_nothing_is_kept_on_the_database_cache(settings):
    """Without Redis the cache is a table: storing a value would move the data version itself."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "t"}}
    assert not freshness.keeps()
    calls = []
    assert freshness.cached("t", ("a",), lambda: calls.append(1) or len(calls)) == 1
    assert freshness.cached("t", ("a",), lambda: calls.append(1) or len(calls)) == 2


def test_the_menu_is_kept_per_person_until_the_data_changes(rf, version):
    person = UserFactory()
    request = rf.get("/en/")
    before = [item["key"] for item in navigation.entries_for(person, "main", request)]
    assert "grants" not in before
    person.groups.add(Group.objects.get_or_create(name=Role.GRANT_OFFICER)[0])
    person = type(person).objects.get(pk=person.pk)  # a fresh user, as the next request reads it
    later = rf.get("/en/")
    with CaptureQueriesContext(connection) as captured:
        kept = [item["key"] for item in navigation.entries_for(person, "main", later)]
    assert (kept, len(captured)) == (before, 0)  # kept: no permission is read again
    version.moves()  # what the role change did to the WAL position
    assert "grants" in [item["key"] for item in navigation.entries_for(person, "main", rf.get("/en/"))]
