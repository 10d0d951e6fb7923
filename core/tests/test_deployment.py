"""What production settings, the container health check and the image build promise."""

import json
import os
import re
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from django.urls import reverse

from tatweer import embedded_db

ROOT = Path(__file__).resolve().parent.parent.parent
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "tatweer.settings.production",
    "DJANGO_SECRET_KEY": "a-test-secret-that-is-long-enough-for-production-settings",
    "DATABASE_URL": "postgres://tatweer@127.0.0.1:1/tatweer",
    "REDIS_URL": "redis://127.0.0.1:1/0",
    "DJANGO_ALLOWED_HOSTS": "tatweer.example.org,www.tatweer.example.org",
    "TATWEER_TRUSTED_PROXY_COUNT": "1",
}
PROBE = """
import json
import django
from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.test import RequestFactory

django.setup()
accepted = {}
for host in ("tatweer.example.org", "www.tatweer.example.org", "localhost", "127.0.0.1", "[::1]"):
    try:
        RequestFactory().get("/", HTTP_HOST=host).get_host()
        accepted[host] = True
    except DisallowedHost:
        accepted[host] = False
print(json.dumps({
    "accepted": accepted,
    "language_cookie_secure": settings.LANGUAGE_COOKIE_SECURE,
    "language_cookie_httponly": settings.LANGUAGE_COOKIE_HTTPONLY,
    "session_cookie_secure": settings.SESSION_COOKIE_SECURE,
    "csrf_cookie_secure": settings.CSRF_COOKIE_SECURE,
    "trusted_proxy_count": settings.ALLAUTH_TRUSTED_PROXY_COUNT,
}))
"""


def run_settings(module: str, code: str, **env) -> subprocess.CompletedProcess:
    """Imports a settings module in a fresh interpreter with only the given environment."""
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "TATWEER_"))}
    environment.pop("DATABASE_URL", None)
    environment.pop("REDIS_URL", None)
    environment.update(env, DJANGO_SETTINGS_MODULE=module)
    return subprocess.run(  # noqa: S603 - this interpreter, the project's own code
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def production(**overrides):
    result = run_settings("tatweer.settings.production", PROBE, **{**PRODUCTION_ENV, **overrides})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


POOL_PROBE = """
import json
import django
from django.db import connection

django.setup()
pool = connection.pool  # Django refuses a pool beside persistent connections here, before any query
print(json.dumps({
    "pool": type(pool).__name__,
    "conn_max_age": connection.settings_dict["CONN_MAX_AGE"],
    "connect_timeout": connection.settings_dict["OPTIONS"].get("connect_timeout"),
}))
"""


def test_production_uses_the_connection_pool_without_persistent_connections():
    result = run_settings("tatweer.settings.production", POOL_PROBE, **PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    probed = json.loads(result.stdout.strip().splitlines()[-1])
    assert probed == {"pool": "ConnectionPool", "conn_max_age": 0, "connect_timeout": 5}


def test_production_answers_only_its_own_host_names():
    accepted = production()["accepted"]
    assert accepted == {
        "tatweer.example.org": True,
        "www.tatweer.example.org": True,
        "localhost": False,
        "127.0.0.1": False,
        "[::1]": False,
    }


def test_production_cookies_are_secure_and_the_language_cookie_is_http_only():
    probe = production()
    assert probe["language_cookie_secure"] is True
    assert probe["language_cookie_httponly"] is True
    assert probe["session_cookie_secure"] is True
    assert probe["csrf_cookie_secure"] is True


def test_production_reads_how_many_proxies_to_trust():
    assert production(TATWEER_TRUSTED_PROXY_COUNT="2")["trusted_proxy_count"] == 2


def test_production_refuses_to_start_without_the_proxy_count():
    environment = {key: value for key, value in PRODUCTION_ENV.items() if key != "TATWEER_TRUSTED_PROXY_COUNT"}
    result = run_settings("tatweer.settings.production", PROBE, **environment)
    assert result.returncode != 0
    assert "TATWEER_TRUSTED_PROXY_COUNT" in result.stderr


def test_by_default_no_forwarded_header_is_trusted():
    code = "from django.conf import settings; print(settings.ALLAUTH_TRUSTED_PROXY_COUNT)"
    result = run_settings("tatweer.settings.base", code, DATABASE_URL="postgres://tatweer@127.0.0.1:1/tatweer")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "0"


# Importing the settings (and setting Django up) must neither start a server nor connect to one.
NOTHING_STARTS = """
import json
import sys

sys.modules["pgserver"] = None  # importing pgserver now fails: nothing may start the embedded server
import psycopg


def refuse(*args, **kwargs):
    raise SystemExit("a database connection was opened")


psycopg.connect = refuse
import django
from django.conf import settings

django.setup()
print(json.dumps({"dir": str(settings.EMBEDDED_DATABASE_DIR), "host": settings.DATABASES["default"]["HOST"]}))
"""


@pytest.mark.parametrize("module", ["tatweer.settings.local", "tatweer.settings.test"])
def test_without_database_url_the_settings_describe_the_embedded_database_without_starting_it(module):
    result = run_settings(module, NOTHING_STARTS)
    assert result.returncode == 0, result.stderr
    described = json.loads(result.stdout.strip().splitlines()[-1])
    assert described == {"dir": str(ROOT / ".pgdata" / "pg"), "host": str(ROOT / ".pgdata" / "pg")}


def test_production_refuses_to_start_without_database_url_before_anything_else():
    # given none of production's variables: the database is the first thing it asks for
    result = run_settings("tatweer.settings.production", NOTHING_STARTS)
    assert result.returncode != 0
    assert "ImproperlyConfigured: Production needs DATABASE_URL." in result.stderr
    assert "a database connection was opened" not in result.stderr + result.stdout


def test_production_never_uses_the_embedded_database():
    code = "from django.conf import settings; print(settings.EMBEDDED_DATABASE_DIR)"
    result = run_settings("tatweer.settings.production", code, **PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "None"


@pytest.mark.parametrize(
    ("argv", "needs"),
    [
        (["manage.py", "migrate"], True),
        (["manage.py", "runserver", "127.0.0.1:8000"], True),
        (["manage.py", "seed_demo"], True),
        (["manage.py", "compilemessages", "-v", "0"], False),
        (["manage.py", "collectstatic", "--noinput"], False),
        (["manage.py", "help"], False),
        (["manage.py"], False),
    ],
)
def test_manage_py_starts_the_embedded_database_only_for_commands_that_use_one(argv, needs):
    assert embedded_db.command_needs_database(argv) is needs


def test_with_database_url_starting_the_embedded_database_does_nothing(settings):
    settings.EMBEDDED_DATABASE_DIR = None
    before = dict(settings.DATABASES["default"])
    embedded_db.ensure_started()
    assert settings.DATABASES["default"] == before


MONEY_RULES = (
    "from django.conf import settings; "
    "print(repr(settings.TATWEER_CSO_SUPPORT_CAP_EUR), repr(settings.TATWEER_BUDGET_VARIANCE_PERCENT))"
)


@pytest.mark.parametrize(
    ("environment", "printed"),
    [
        ({}, "Decimal('60000') Decimal('10')"),
        (
            {"TATWEER_CSO_SUPPORT_CAP_EUR": "60000.10", "TATWEER_BUDGET_VARIANCE_PERCENT": "7.5"},
            "Decimal('60000.10') Decimal('7.5')",
        ),
    ],
)
def test_the_grant_money_rules_are_read_as_exact_decimals(environment, printed):
    result = run_settings("tatweer.settings.test", MONEY_RULES, **environment)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == printed


@pytest.mark.parametrize("value", ["sixty thousand", "60,000", "NaN", "Infinity", "0", "-5", ""])
def test_a_money_rule_that_is_not_a_positive_number_refuses_to_start_and_says_which(value):
    result = run_settings("tatweer.settings.test", MONEY_RULES, TATWEER_CSO_SUPPORT_CAP_EUR=value)
    assert result.returncode != 0
    assert "ImproperlyConfigured: TATWEER_CSO_SUPPORT_CAP_EUR must be a positive number such as 60000" in result.stderr


@pytest.mark.django_db
def test_an_unknown_host_gets_the_bad_request_page_not_an_error(client, settings):
    settings.ALLOWED_HOSTS = ["tatweer.example.org"]
    assert client.get(reverse("healthz"), HTTP_HOST="tatweer.example.org").status_code == 200
    response = client.get("/en/accounts/password/reset/", HTTP_HOST="localhost")
    assert response.status_code == 400
    assert "The request could not be read" in response.content.decode()


def compose_healthcheck_code() -> str:
    compose = (ROOT / "docker-compose.yml").read_text()
    web = compose[compose.index("\n  web:") :]
    line = next(line for line in web.splitlines() if line.strip().startswith("test:"))
    command = json.loads(line.split("test:", 1)[1].strip())
    assert command[:3] == ["CMD", "python", "-c"]
    return command[3]


def test_the_container_health_check_asks_for_a_configured_host_name(monkeypatch):
    # given a stand-in for gunicorn that records the Host header it is sent
    seen = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            seen.append((self.path, self.headers["Host"]))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.handle_request, daemon=True).start()
    code = compose_healthcheck_code()
    assert "http://127.0.0.1:8000/healthz" in code
    code = code.replace("127.0.0.1:8000", f"127.0.0.1:{server.server_port}")
    monkeypatch.setenv("DJANGO_ALLOWED_HOSTS", ".tatweer.example.org, other.example.org")
    # when the health check runs
    try:
        exec(code, {})  # noqa: S102 - the project's own compose file
    finally:
        server.server_close()
    # then it asked for the site's first name, which production accepts
    assert seen == [("/healthz", "tatweer.example.org")]


def dockerignore_excludes(path: str) -> bool:
    """Docker's rule: the last matching pattern wins; a pattern matches a path or any of its parents."""
    patterns = [
        line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines() if line.strip()[:1] not in ("", "#")
    ]
    excluded = False
    parts = path.split("/")
    candidates = ["/".join(parts[: index + 1]) for index in range(len(parts))]
    for pattern in patterns:
        negated = pattern.startswith("!")
        pattern = pattern.lstrip("!").strip("/")
        regex = "".join(
            ".*"
            if token == "**/" or token == "**"
            else "[^/]*"
            if token == "*"
            else "[^/]"
            if token == "?"
            else re.escape(token)
            for token in re.findall(r"\*\*/?|\*|\?|[^*?]+", pattern)
        )
        if any(re.fullmatch(regex, candidate) for candidate in candidates):
            excluded = not negated
    return excluded


@pytest.mark.parametrize(
    "path",
    [
        ".env",
        ".env.production",
        ".venv/bin/python",
        ".pgdata/pg/PG_VERSION",
        "private_media/legal/contract.pdf",
        "media/logo.png",
        "staticfiles/css/app.css",
        ".git/HEAD",
        "node_modules/htmx/index.js",
        "static/node_modules/x.js",
        "test-artifacts/journey.png",
        ".pytest_cache/v/cache",
        "core/__pycache__/views.cpython-311.pyc",
        "tatweer-backup-20250101-0200.tar",
    ],
)
def test_an_image_build_never_copies_secrets_data_or_leftovers(path):
    assert dockerignore_excludes(path)


@pytest.mark.parametrize(
    "path",
    [
        "manage.py",
        "requirements.lock",
        "core/views.py",
        ".env.example",
        "static/js/app.js",
        "locale/ar/LC_MESSAGES/django.po",
        "templates/base.html",
    ],
)
def test_an_image_build_copies_the_code(path):
    assert not dockerignore_excludes(path)
