"""PostgreSQL and Redis failing under a serving site: the database through a TCP proxy that the test
stops (every connection cut, new ones refused, as in a restart) and starts again; Redis as a
throwaway redis-server that the test kills and starts again. And the export page when a worker
died and nothing took its job over."""

import contextlib
import datetime as dt
import socket
import threading
import time

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from accounts.roles import Role
from accounts.tests.factories import PASSWORD, UserFactory
from centers.tests.factories import staff_member
from core.models import ExportJob
from core.resilience import BACKGROUND_UNAVAILABLE
from core.tasks import _claim, recover_exports
from organizations.tests.factories import OrganizationFactory
from tests.faults import Broker, RedisServer, free_port, redis_client


class DatabaseProxy:
    """Forwards TCP connections to the test database server (TCP or Unix socket). stop() cuts every
    connection and refuses new ones, as a restarting PostgreSQL does; start() listens again."""

    def __init__(self, settings_dict):
        host = settings_dict["HOST"] or "/tmp"  # noqa: S108 (libpq's default socket folder)
        port = str(settings_dict["PORT"] or 5432)
        self.target = (
            (socket.AF_UNIX, f"{host}/.s.PGSQL.{port}") if host.startswith("/") else (socket.AF_INET, (host, int(port)))
        )
        self.port = free_port()
        self.listener = None
        self.sockets: list[socket.socket] = []

    def start(self):
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", self.port))
        self.listener.listen(16)
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()
        return self

    def stop(self):
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes the accepting thread, refuses new ones
        self.listener.close()
        for sock in self.sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        self.sockets.clear()

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            upstream = socket.socket(self.target[0])
            upstream.connect(self.target[1])
            self.sockets += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pump(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        for sock in (source, sink):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


def wsgi_get(path: str, cookie: str = "") -> tuple[int, dict, str]:
    """A request through Django's real WSGI handler, with the request_started/finished signals that
    close dead connections (the test client turns those off)."""
    environ = RequestFactory()._base_environ(PATH_INFO=path, REQUEST_METHOD="GET", HTTP_COOKIE=cookie)
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"], answer["headers"] = int(status.split()[0]), dict(headers)

    response = WSGIHandler()(environ, start_response)
    body = b"".join(response).decode()
    response.close()
    return answer["status"], answer["headers"], body


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
def test_a_database_outage_answers_the_translated_503_page_and_the_site_recovers_by_itself(client):
    person = UserFactory()
    client.force_login(person)
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    with translation.override("ar"):
        events, dashboard = reverse("trainings:event_list"), reverse("core:dashboard")
        heading = translation.gettext("The site is briefly unavailable")
        footer = translation.gettext("Funded by the European Union. Implemented by Al-Mesalla.")
    saved = {key: connection.settings_dict[key] for key in ("HOST", "PORT")}
    proxy = DatabaseProxy(connection.settings_dict).start()
    connection.close()
    connection.settings_dict.update(HOST="127.0.0.1", PORT=str(proxy.port))
    try:
        assert wsgi_get(events)[0] == 200
        assert wsgi_get(dashboard, cookie)[0] == 200

        proxy.stop()  # PostgreSQL goes away: open connections are cut, new ones refused
        for path, who in ((events, ""), (dashboard, cookie)):  # raised in a view; in a middleware
            status, headers, body = wsgi_get(path, who)
            assert status == 503, body[:500]
            assert headers["Retry-After"] == "30"
            assert "default-src" in headers["Content-Security-Policy"]
            assert 'lang="ar" dir="rtl"' in body
            assert heading in body and footer in body  # the site's layout, translated
            assert 'data-testid="service-unavailable"' in body

        proxy.start()  # back: the next request works, nobody restarts anything
        assert wsgi_get(events)[0] == 200
        status, _, body = wsgi_get(dashboard, cookie)
        assert status == 200 and person.get_short_name() in body

        proxy.stop()  # a restart between two requests on a kept connection (CONN_MAX_AGE)
        proxy.start()
        assert wsgi_get(events)[0] == 200  # the health check replaced the dead connection
    finally:
        connection.close()
        connection.settings_dict.update(saved)
        proxy.stop()


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
def test_with_redis_stopped_pages_serve_and_an_export_is_refused_then_queued_when_it_returns(client, settings):
    redis_client()  # the machine's Redis is required by the suite, as in CI
    server = RedisServer().start()
    settings.CACHES = {
        "default": {
            "BACKEND": "core.resilience.ResilientRedisCache",
            "LOCATION": server.url,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    OrganizationFactory(name="Basra Water Watch")
    officer = staff_member(Role.GRANT_OFFICER)
    member = UserFactory()
    queue = f"faults-{server.port}"
    directory = reverse("organizations:directory")
    export = reverse("core:export_start", args=["organizations"])
    try:
        with Broker(server.url, queue):
            client.force_login(officer)
            response = client.post(export, {"format": "csv"}, HTTP_REFERER=directory)
            assert response.status_code == 302 and ExportJob.objects.count() == 1
            client.logout()

            server.stop()
            started = time.monotonic()
            assert client.get(reverse("core:home")).status_code == 200
            assert client.get(reverse("account_login")).status_code == 200
            wrong = client.post(reverse("account_login"), {"login": member.email, "password": "wrong"})
            assert wrong.status_code == 200  # the form's error; the rate limit's cache is just empty
            right = client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
            assert right.status_code == 302
            client.force_login(officer)
            assert client.get(directory).status_code == 200

            response = client.post(export, {"format": "csv"}, HTTP_REFERER=directory, follow=True)
            assert response.redirect_chain[-1][0] == directory
            assert str(BACKGROUND_UNAVAILABLE) in response.content.decode()
            assert ExportJob.objects.count() == 1  # nothing half-created
            assert time.monotonic() - started < 15  # nobody waits on a dead Redis

            server.start()  # back on the same port, empty
            response = client.post(export, {"format": "csv"}, HTTP_REFERER=directory)
            job = ExportJob.objects.latest("pk")
            assert response["Location"] == reverse("core:export_detail", args=[job.pk])
            assert job.status == "queued"
            assert redis_client(server.url).llen(queue) == 1  # the task waits in the broker
    finally:
        server.stop()


pytest_db = pytest.mark.django_db


@pytest_db
def test_an_export_whose_worker_died_is_shown_as_interrupted_and_can_be_started_again(
    client, django_capture_on_commit_callbacks
):
    OrganizationFactory(name="Mosul Youth Forum")
    officer = staff_member(Role.GRANT_OFFICER)
    client.force_login(officer)
    silent = timezone.now() - dt.timedelta(minutes=10)
    job = ExportJob.objects.create(
        user=officer,
        kind="organizations",
        format="csv",
        params={"q": "Mosul"},
        status="running",
        attempts=1,
        started_at=silent,
        heartbeat_at=silent,
        worker="celery@gone",
    )
    with translation.override("ar"):
        message = str(ExportJob.Failure.INTERRUPTED.label)
        url = reverse("core:export_detail", args=[job.pk])
    page = client.get(url).content.decode()
    job.refresh_from_db()
    assert (job.status, job.failure) == ("failed", "interrupted")
    assert message in page and 'data-testid="export-restart"' in page
    assert 'hx-trigger="every 1s"' not in page  # no more polling of a dead job

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("core:export_restart", args=[job.pk]))
    again = ExportJob.objects.latest("pk")
    assert again.pk != job.pk and response["Location"] == reverse("core:export_detail", args=[again.pk])
    assert (again.kind, again.format, again.params, again.status, again.row_count) == (
        "organizations",
        "csv",
        {"q": "Mosul"},
        "done",
        1,
    )


@pytest_db
def test_a_running_export_with_a_recent_heartbeat_stays_in_progress(client):
    officer = staff_member(Role.GRANT_OFFICER)
    client.force_login(officer)
    job = ExportJob.objects.create(
        user=officer, kind="organizations", format="csv", status="running", attempts=1, heartbeat_at=timezone.now()
    )
    assert 'hx-trigger="every 1s"' in client.get(reverse("core:export_detail", args=[job.pk])).content.decode()
    job.refresh_from_db()
    assert job.status == "running"
    assert client.post(reverse("core:export_restart", args=[job.pk])).status_code == 404  # only a failed one


@pytest_db
def test_a_duplicate_message_does_not_take_a_running_export_and_a_redelivered_one_stops_after_three():
    officer = staff_member(Role.GRANT_OFFICER)
    job = ExportJob.objects.create(user=officer, kind="organizations", format="csv", status="running", attempts=1)
    assert _claim(job.pk, redelivered=False, worker="celery@b") is None
    job.refresh_from_db()
    assert (job.status, job.attempts) == ("running", 1)

    assert _claim(job.pk, redelivered=True, worker="celery@b").attempts == 2  # the worker died: take over
    ExportJob.objects.filter(pk=job.pk).update(attempts=3)
    assert _claim(job.pk, redelivered=True, worker="celery@c") is None  # it kills every worker
    job.refresh_from_db()
    assert (job.status, job.failure) == ("failed", "interrupted")


@pytest_db
def test_a_starting_worker_queues_again_the_exports_its_predecessor_left_running():
    OrganizationFactory(name="Erbil Legal Aid")
    officer = staff_member(Role.GRANT_OFFICER)
    mine = ExportJob.objects.create(
        user=officer,
        kind="organizations",
        format="csv",
        status="running",
        attempts=1,
        worker="celery@host",
        heartbeat_at=timezone.now(),
    )
    other = ExportJob.objects.create(
        user=officer,
        kind="organizations",
        format="csv",
        status="running",
        attempts=1,
        worker="celery@elsewhere",
        heartbeat_at=timezone.now(),
    )
    assert recover_exports(worker="celery@host") == {"requeued": 1, "failed": 0, "resent": 0}
    mine.refresh_from_db()
    other.refresh_from_db()
    assert (mine.status, mine.attempts, mine.row_count) == ("done", 2, 1)  # eager here: run at once
    assert other.status == "running"  # another live worker's job is left alone
