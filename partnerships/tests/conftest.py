"""Shared fixtures of the partnerships tests."""

import pytest
from django.utils import timezone

# The test modules that name today's date at import time (`TODAY`), in the project's time zone.
LIVE_TODAY = {
    "test_agreements_obligations",
    "test_agreements_pages",
    "test_agreements_reminders",
    "test_agreements_services",
    "test_agreements_workflow",
    "test_initiatives_advocacy",
    "test_initiatives_record_pages",
}


@pytest.fixture(autouse=True)
def _today_is_the_day_the_test_runs(request):
    """A run that crosses midnight in Baghdad would otherwise test with yesterday's `TODAY`: each
    test of those modules gets the date of the moment it runs (a string where the module keeps one)."""
    module = request.module
    if module.__name__.rsplit(".", 1)[-1] in LIVE_TODAY:
        today = timezone.localdate()
        module.TODAY = today.isoformat() if isinstance(module.TODAY, str) else today
