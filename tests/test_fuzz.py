"""Hostile input for every form and every list filter of the access table (tests/access.py).

For each URL of the access table (Django's own admin site aside, see below) one test:

1. its path arguments are replaced, one at a time, by hostile values (NUL, huge and negative
   numbers, a path, right-to-left text...);
2. its list filters: the <form method="get"> fields of the page, found by opening it as a role the
   table lets in (answer 200), and the `page` parameter of paginated pages, each receive the values
   of tests/fuzz_corpus.py that fit them;
3. its forms: every <form method="post"> whose action is this URL, found on any page of the table
   opened by its allowed role, is posted with the page's own values and one field at a time replaced
   by a hostile value, and every formset's TOTAL_FORMS inflated. The post is made by a role the table
   allows to post there (answer 200 or a redirect).

A request fails the test when it answers 5xx (or raises), when it takes longer than
SLOW_REQUEST_SECONDS (work per request must stay bounded), or when it is a refused post (anything
but a redirect, which signals success) that changed the database.

Changes are found with PostgreSQL's per-transaction counters (pg_stat_xact_user_tables: rows
inserted, updated and deleted by this transaction, which cost one query to read): every table of the
public schema whose counters moved during the request has its row count and the checksum of its
content compared before and after. That covers row counts of every table, the pghistory event tables
(ordinary tables) and updates in place, and ignores a write attempted and rolled back (get_or_create
inside a savepoint). Each request runs in a savepoint rolled back afterwards, so every request starts
from the same objects and pks (built once per module: tests/test_permission_matrix.matrix_objects).

The admin site is left out: it is Django's own, open to programme admins only, and fuzzing the change
form of every model would triple the run time.
"""

import time
import traceback
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client, override_settings
from django.urls import Resolver404, resolve

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from centers.tests.factories import staff_member
from tests.access import ACCESS, REDIRECT, ROLES
from tests.fuzz_corpus import HUGE_NUMBER, RTL_OVERRIDE, Form, forms_of, values_for
from tests.test_permission_matrix import matrix_objects, url_for
from tests.urlwalk import walk

SLOW_REQUEST_SECONDS = 5

# Tables a request may write although it is refused, and why that is legitimate:
EXCLUDED_TABLES = {
    # Every signed-in visit may save the session (messages, the language, allauth's state); a
    # refused post that says "please correct the errors" rightly touches it.
    "django_session",
    # The legal-aid access log: who saw a case, and when (legal_aid.services, append-only). A refused
    # post to a case's forms shows the case page again with the errors, so the person did see the case
    # and the log rightly says so.
    "legal_aid_caseaccess",
}
# Not excluded because they do not exist here: the cache (locmem in tests, Redis in production, never
# a database table), rate-limit counters (allauth keeps them in the cache) and last-seen stamps (none;
# last_login changes only on a successful sign-in, which redirects).

# Roles tried first when several may open a page: the programme admin sees every form of a page.
PREFERENCE = (Role.PROGRAMME_ADMIN, *[r for r in ROLES if r != Role.PROGRAMME_ADMIN])

# Path arguments get these (quoted into the URL); the 100,000-character string is left to fields,
# since no server passes a request line that long to the application.
PATH_VALUES = ["\x00", "-1", "0", "99999999999999999999999999", HUGE_NUMBER, "../../etc/passwd", "' OR 1=1 --"]
PATH_VALUES += ["NaN", RTL_OVERRIDE, "منظمة"]

# Findings in grants/ (another engineer's app for now): the lead fixes them and removes the marker.
GRANT_FINDINGS: dict[str, str] = {}


def route_params():
    params = []
    for name in ACCESS:
        marks = [pytest.mark.xfail(strict=True, reason=GRANT_FINDINGS[name])] if name in GRANT_FINDINGS else []
        params.append(pytest.param(name, marks=marks, id=name))
    return params


@dataclass
class Entry:
    """A form found on a page, with the role that saw it and where it is sent."""

    page: str
    role: str
    form: Form
    target: str  # the route name of the form's action
    url: str  # the form's action, as a path


@dataclass
class World:
    users: dict
    ctx: object
    routes: dict
    urls: dict  # route name -> its URL
    roles: dict  # route name -> the preferred role the table lets in (None: nobody)
    paginated: set  # routes whose page links to ?page=
    entries: list


def allowed_role(rule):
    """The role that gets the page (200) or, for a post that answers with a redirect, sends it."""
    return next((r for r in PREFERENCE if rule.expected(r) == 200), None) or next(
        (r for r in PREFERENCE if rule.expected(r) == REDIRECT), None
    )


def make_role_users():
    """The permission matrix's users (conftest.role_users), built once for the module."""
    users = {"anonymous": None, "cso_member": UserFactory()}
    for role in Role.values:
        users[role] = staff_member(role)
    return users


def target_of(action: str, page_url: str):
    path = urlsplit(action).path if action else page_url
    try:
        return resolve(path).view_name, (action or page_url)
    except Resolver404:
        return None, None


def client_for(users, role) -> Client:
    client = Client()
    if users.get(role) is not None:
        client.force_login(users[role])
    return client


def catalogue(users, ctx):
    """Opens every GET page of the table as its allowed role and reads the forms it offers."""
    routes = {r.name: r for r in walk()}
    urls, roles, paginated, entries, seen = {}, {}, set(), [], set()
    clients = {}
    for name, rule in ACCESS.items():
        urls[name] = url_for(routes[name], rule, ctx)
        roles[name] = allowed_role(rule)
        if rule.method != "get" or rule.expected(roles[name]) != 200:
            continue
        role = roles[name]
        client = clients.setdefault(role, client_for(users, role))
        response = client.get(urls[name])
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        if "page=" in html:
            paginated.add(name)
        for form in forms_of(html):
            target, action = target_of(form.action, urls[name])
            if target not in ACCESS:
                continue
            key = (target, action, form.signature())
            if key in seen:
                continue
            seen.add(key)
            entries.append(Entry(name, role, form, target, action))
    return routes, urls, roles, paginated, entries


@pytest.fixture(scope="module")
def fuzz_media(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz-media")


def storages(media):
    return {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(media / "private")},
        },
    }


@pytest.fixture
def _private_media(settings, fuzz_media):
    """Overrides conftest's: the module's objects keep their files in one folder for all its tests."""
    settings.STORAGES = storages(fuzz_media)
    settings.MEDIA_ROOT = str(fuzz_media / "media")


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, fuzz_media):
    """The matrix's users and objects and the form catalogue, once per module, in a transaction
    rolled back at its end (each test runs in a savepoint of it)."""
    with (
        django_db_blocker.unblock(),
        override_settings(STORAGES=storages(fuzz_media), MEDIA_ROOT=str(fuzz_media / "media")),
        transaction.atomic(),
    ):
        users = make_role_users()
        ctx = matrix_objects(users)
        yield World(users, ctx, *catalogue(users, ctx))
        transaction.set_rollback(True)


def write_counters() -> dict:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_xact_user_tables WHERE schemaname = 'public'"
        )
        return {name: counts for name, *counts in cursor.fetchall()}


def table_states(tables) -> dict:
    states = {}
    with connection.cursor() as cursor:
        for table in sorted(tables):
            quoted = connection.ops.quote_name(table)
            cursor.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM {quoted} t"  # noqa: S608 (names from pg_stat, quoted)
            )
            states[table] = cursor.fetchone()
    return states


def shown(value) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


class Fuzzer:
    def __init__(self, client):
        self.client = client
        self.cookies = client.cookies
        self.failures: list[str] = []
        self.requests = 0

    def send(self, method, url, data, label):
        """One request in a savepoint; records a 5xx, an exception, a slow answer or a refused post
        that changed the database."""
        self.requests += 1
        self.client.cookies = type(self.cookies)(self.cookies)  # a sign-out must not sign out later requests

        cache.clear()  # rate limits would otherwise refuse the later requests before their form is read
        error, touched, after = None, set(), {}
        with transaction.atomic():
            before_counts = write_counters()
            started = time.monotonic()
            try:
                response = getattr(self.client, method)(url, data)
            except Exception as exc:  # the test client re-raises what would be a 500
                frames = traceback.extract_tb(exc.__traceback__)
                ours = [f for f in frames if "site-packages" not in f.filename][-2:]  # the project's frames
                where = " <- ".join(
                    f"{'/'.join(f.filename.rsplit('/', 2)[-2:])}:{f.lineno} {f.name}" for f in [frames[-1], *ours[::-1]]
                )
                error = f"{type(exc).__name__}: {str(exc)[:200]} at {where}"
                response = None
            elapsed = time.monotonic() - started
            if error is None:
                refused = method == "post" and not (
                    300 <= response.status_code < 400 or response.has_header("HX-Redirect")
                )
                if refused:
                    counts = write_counters()
                    touched = {t for t, c in counts.items() if c != before_counts.get(t)} - EXCLUDED_TABLES
                    after = table_states(touched)
            transaction.set_rollback(True)
        where = f"{method.upper()} {url} {label}"
        if error:
            self.failures.append(f"500 {where}: {error}")
            return
        if response.status_code >= 500:
            self.failures.append(f"{response.status_code} {where}")
        if elapsed > SLOW_REQUEST_SECONDS:
            self.failures.append(f"slow ({elapsed:.1f} s) {where}")
        if touched:
            before = table_states(touched)
            changed = {t: (before[t][0], after[t][0]) for t in touched if before[t] != after[t]}
            if changed:
                self.failures.append(
                    f"refused ({response.status_code}) but changed {changed} (rows before, after): {where}"
                )


def path_variants(url, kwargs):
    """The URL with one path argument at a time replaced by each hostile value."""
    for argument, value in kwargs.items():
        segment = f"/{value}/"
        if segment not in url:
            continue
        for hostile in PATH_VALUES:
            yield f"{argument}={shown(hostile)}", url.replace(segment, f"/{quote(hostile, safe='')}/", 1)


@pytest.mark.parametrize("name", route_params())
def test_fuzz(name, world, db):
    rule = ACCESS[name]
    role = world.roles[name] or Role.PROGRAMME_ADMIN
    fuzzer = Fuzzer(client_for(world.users, role))
    url = world.urls[name]
    data = rule.data(world.ctx) if rule.data else {}

    # 1. Path arguments.
    if rule.kwargs:
        for label, variant in path_variants(url, {k: str(v) for k, v in rule.kwargs(world.ctx).items()}):
            fuzzer.send(rule.method, variant, data, label)

    # 2. List filters and pagination.
    filters = [e for e in world.entries if e.target == name and e.form.method == "get"]
    for entry in filters:
        fuzz_form(fuzzer, entry, "get")
    # The matrix's lists are too short to show page links: every page with a filter gets `page` too.
    if (name in world.paginated or filters) and rule.method == "get":
        for value in ["\x00", "-1", "0", HUGE_NUMBER, "99999999999999999999999999", "1e309", "NaN", ["1", "2"], ""]:
            fuzzer.send("get", url, {"page": value}, f"page={shown(value)}")

    # 3. Forms posted here, by a role allowed to post.
    if world.roles[name] is not None:
        for entry in world.entries:
            if entry.target == name and entry.form.method == "post":
                poster = Fuzzer(client_for(world.users, world.roles[name]))
                fuzz_form(poster, entry, "post")
                fuzzer.failures += poster.failures
                fuzzer.requests += poster.requests

    print(f"{name}: {fuzzer.requests} requests")
    failures = sorted(set(fuzzer.failures))
    assert not failures, f"{len(failures)} failures:\n" + "\n".join(failures[:40])


def fuzz_form(fuzzer, entry, method):
    valid = entry.form.valid_data()
    url = entry.url
    if method == "get" and "?" in url:
        url = url.split("?", 1)[0]
    for index, field in enumerate(entry.form.fuzzable_fields()):
        for value in values_for(field, index, entry.form):
            data = {**valid, field.name: value}
            if hasattr(value, "seek"):
                value.seek(0)
            fuzzer.send(method, url, data, f"{field.name}={shown(value)} (form of {entry.page})")


def test_the_catalogue_reaches_the_forms(world, db):
    """The fuzz test is only as good as what it finds: every page of the table that shows a filter or
    a form to its allowed role is in the catalogue, and the catalogue covers the main kinds."""
    posted = {e.target for e in world.entries if e.form.method == "post"}
    filtered = {e.target for e in world.entries if e.form.method == "get"}
    for expected in (
        "organizations:edit",
        "trainings:event_create",
        "trainings:event_edit",
        "grants:call_create",
        "legal_aid:triage",
        "account_login",
        "accounts:profile",
    ):
        assert expected in posted, f"no form found that posts to {expected}"
    for expected in ("organizations:directory", "trainings:participant_list", "legal_aid:case_list"):
        assert expected in filtered, f"no filter form found for {expected}"
    total_forms = [f for e in world.entries for f in e.form.fields if f.name.endswith("-TOTAL_FORMS")]
    assert total_forms, "no formset management form found"
    # The query a posted form would be checked with must see this transaction's writes.
    before = write_counters()
    UserFactory()
    assert write_counters() != before
