import pytest


@pytest.fixture(autouse=True)
def _exchange_rates(request):
    """Grants tests that use the database have exchange rates, so awards can be checked against the
    cap on support per CSO (tests of the cap itself set their own)."""
    if request.node.get_closest_marker("no_rates"):
        return
    if request.node.get_closest_marker("django_db") or {"db", "transactional_db"} & set(request.fixturenames):
        request.getfixturevalue("exchange_rates")
