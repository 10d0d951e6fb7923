import os

import pytest
import redis
from django.db import connection
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_healthz_reports_every_dependency(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == {"ok": True}
    assert body["checks"]["cache"]["ok"] is True
    assert body["checks"]["broker"] == {"ok": True, "mode": "in-process"}


def test_healthz_fails_when_the_database_does_not_answer(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == {"ok": False, "error": "OSError"}


def test_healthz_fails_when_the_broker_does_not_answer(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["checks"]["broker"]["ok"] is False


# The machine's Redis (`make test` starts one when redis-server is installed); another with
# TATWEER_TEST_REDIS_URL. Without a Redis the test fails and says so: it never skips.
REDIS = os.environ.get("TATWEER_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def real_redis():
    try:
        redis.Redis.from_url(REDIS, socket_connect_timeout=2, socket_timeout=5).ping()
    except redis.exceptions.RedisError as error:
        pytest.fail(f"This test needs Redis at {REDIS} (start redis-server, or set TATWEER_TEST_REDIS_URL): {error}")
    return REDIS


def test_healthz_with_a_real_redis_cache_and_broker(client, settings, real_redis):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS}}
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = REDIS
    response = client.get(reverse("healthz"))
    body = response.json()
    assert response.status_code == 200, body
    assert body["checks"]["cache"] == {"ok": True, "backend": "RedisCache"}
    assert body["checks"]["broker"] == {"ok": True, "mode": "broker"}
