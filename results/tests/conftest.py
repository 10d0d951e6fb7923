import pytest

from results.tests.factories import FakeMeasure


@pytest.fixture
def fake_measure():
    measure = FakeMeasure().register()
    yield measure
    measure.unregister()
