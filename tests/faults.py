"""What the fault tests share: the machine's Redis (required: without it the tests fail, they never
skip), a real Celery worker started as a subprocess against the test database, killed with SIGKILL
and started again, a throwaway redis-server, and the mail the worker sent."""

import contextlib
import email
import email.header
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import redis
from django.apps import apps
from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import connection
from kombu import pools

from core.uploads import PrivateFileField
from tatweer.celery import app

REDIS_URL = os.environ.get("TATWEER_FAULTS_REDIS_URL", "redis://127.0.0.1:6379/14")
WORKER_SETTINGS = "tests.celery_worker_settings"


def wait_for(condition, *, timeout: float, what: str, interval: float = 0.2):
    """Polls `condition` until it returns something true; fails the test with `what` on timeout."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    pytest.fail(f"Timed out after {timeout:.0f} s waiting for {what}")


def redis_client(url: str = REDIS_URL):

    client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=5)
    try:
        client.ping()
    except redis.exceptions.RedisError as error:
        pytest.fail(f"These tests need Redis at {url} (set TATWEER_FAULTS_REDIS_URL to another one): {error}")
    return client


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def reset_connections(app) -> None:
    """Drops the app's broker connections, so the next task is sent with the current broker_url."""

    if app._pool is not None:
        app._pool.force_close_all()
        app._pool = None
    pools.reset()  # the producer pools kombu keeps per broker
    app.amqp._producer_pool = None
    for cached in ("queues", "default_queue", "router"):  # they hold the default queue's name
        app.amqp.__dict__.pop(cached, None)
    app.amqp._rtable = None


class Broker:
    """The test process publishes to this Redis database and queue, as the web process would."""

    def __init__(self, url: str, queue: str):
        self.url, self.queue = url, queue

    def __enter__(self):

        self._saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager", "task_default_queue")}
        reset_connections(app)
        app.conf.update(broker_url=self.url, task_always_eager=False, task_default_queue=self.queue)
        return self

    def __exit__(self, *exc):

        reset_connections(app)
        app.conf.update(self._saved)


@pytest.fixture
def celery_broker():
    """The machine's Redis (database 14 unless TATWEER_FAULTS_REDIS_URL says otherwise) and a queue
    of this test's own."""
    client = redis_client()
    with Broker(REDIS_URL, f"faults-{uuid.uuid4().hex[:8]}") as broker:
        yield broker
    client.delete(broker.queue)


class Worker:
    """A Celery worker subprocess (prefork, one pool process) with the fault-test settings."""

    def __init__(self, env: dict, log: Path):
        self.log = log
        self.process = subprocess.Popen(  # noqa: S603 (the test's own command line)
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "tatweer",
                "worker",
                "-n",
                env["TATWEER_TEST_WORKER_NAME"],
                "-c",
                "1",
                "-P",
                "prefork",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-l",
                "INFO",
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log.open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: a kill takes the pool process too
        )

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_ready(self, timeout: float = 60) -> "Worker":
        def ready():
            if self.process.poll() is not None:
                pytest.fail(f"The worker exited ({self.process.returncode}):\n{self.output()[-3000:]}")
            return " ready." in self.output()

        wait_for(ready, timeout=timeout, what="the Celery worker to start")
        return self

    def kill(self) -> None:
        """SIGKILL to the whole worker, main and pool process: nothing can acknowledge or clean up."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)


@pytest.fixture
def start_worker(celery_broker, tmp_path):
    """start_worker(pause_at=..., skip=...) starts a worker; the marker file tells when it paused."""
    workers = []
    marker = tmp_path / "paused.json"
    mail = tmp_path / "mail"
    mail.mkdir()
    private = tmp_path / "private"
    name = f"faults-{uuid.uuid4().hex[:6]}@%h"  # the same name for the worker started after a kill

    def start(*, pause_at: str = "", skip: int = 0) -> Worker:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": WORKER_SETTINGS,
            "TATWEER_TEST_DATABASE_NAME": connection.settings_dict["NAME"],
            "TATWEER_TEST_BROKER_URL": celery_broker.url,
            "TATWEER_TEST_QUEUE": celery_broker.queue,
            "TATWEER_TEST_PRIVATE_ROOT": str(private),
            "TATWEER_TEST_MAIL_DIR": str(mail),
            "TATWEER_TEST_WORKER_NAME": name,
            "TATWEER_FAULT_PAUSE_AT": pause_at,
            "TATWEER_FAULT_PAUSE_SKIP": str(skip),
            "TATWEER_FAULT_MARKER": str(marker),
        }
        worker = Worker(env, tmp_path / f"worker-{len(workers) + 1}.log")
        workers.append(worker)
        return worker.wait_ready()

    start.marker = marker
    start.mail = mail
    start.private = private
    start.workers = workers
    with private_files_in(private):
        yield start
    for worker in workers:
        worker.kill()


@contextlib.contextmanager
def private_files_in(folder: Path):
    """Private file fields keep the storage they were given when the models were defined; for the
    test they write where the worker writes, a temporary folder."""

    storage = FileSystemStorage(location=str(folder))
    fields = [f for model in apps.get_models() for f in model._meta.get_fields() if isinstance(f, PrivateFileField)]
    saved = [(f, f.storage) for f in fields]
    for field in fields:
        field.storage = storage
    try:
        yield storage
    finally:
        for field, original in saved:
            field.storage = original


def sent_mail(folder: Path) -> list[email.message.Message]:
    """The messages the worker's file e-mail backend wrote into `folder`."""
    separator = b"\n" + b"-" * 79 + b"\n"
    return [
        email.message_from_bytes(chunk.strip(b"\n"))
        for path in sorted(folder.iterdir())
        for chunk in path.read_bytes().split(separator)
        if chunk.strip()
    ]


def subject_of(message) -> str:
    return str(email.header.make_header(email.header.decode_header(message["Subject"])))


class RedisServer:
    """A throwaway redis-server on a free port, stopped and started again by the test."""

    def __init__(self):
        self.binary = shutil.which("redis-server")
        if not self.binary:
            pytest.fail("These tests need the redis-server program (Debian package redis-server)")
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self) -> "RedisServer":
        self.process = subprocess.Popen(  # noqa: S603 (the test's own command line)
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        redis = __import__("redis")
        client = redis.Redis(port=self.port, socket_connect_timeout=0.5)

        def answers():
            try:
                return client.ping()
            except redis.exceptions.RedisError:
                return False

        wait_for(answers, timeout=10, what="the throwaway redis-server")
        return self

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
