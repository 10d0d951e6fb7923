"""The fault tests' fixtures: a real Celery worker against the machine's Redis (tests/faults.py)."""

from tests.faults import celery_broker, start_worker  # noqa: F401
