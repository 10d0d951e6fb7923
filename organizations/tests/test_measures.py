import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from centers.tests.factories import centre
from core import measures
from core.measures import Query
from organizations.tests.factories import LeadershipMemberFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

END = dt.date(2026, 3, 31)
QUERY = Query(start=dt.date(2026, 1, 1), end=END)


def verified(on: dt.date | None, **fields):
    at = timezone.make_aware(dt.datetime.combine(on, dt.time(12))) if on else None
    return OrganizationFactory(verification_status="verified" if on else "pending", verified_at=at, **fields)


def lead(organization, *, sex="female", birth_year=1980, head=False, start=dt.date(2020, 1, 1), end=None):
    return LeadershipMemberFactory(
        organization=organization, sex=sex, birth_year=birth_year, is_head=head, start_date=start, end_date=end
    )


@pytest.fixture
def csos():
    erbil, mosul = centre("erbil"), centre("mosul")
    women = verified(dt.date(2025, 11, 3), governorate="erbil", nearest_centre=erbil)
    lead(women, head=True)
    lead(women, sex="male")
    youth = verified(dt.date(2026, 2, 1), governorate="ninewa", nearest_centre=mosul)
    lead(youth, sex="male", birth_year=2000, head=True)
    lead(youth, sex="male", birth_year=1970)
    both = verified(dt.date(2026, 3, 31), governorate="erbil", nearest_centre=mosul)
    lead(both, birth_year=2001, head=True)
    neither = verified(dt.date(2026, 1, 15), governorate="erbil", nearest_centre=erbil)
    lead(neither, sex="male", head=True)
    lead(neither, start=dt.date(2026, 4, 2))  # joins after the window: not counted that day
    lead(neither, end=dt.date(2026, 3, 1))  # left before its last day
    verified(None, governorate="erbil", nearest_centre=erbil)  # pending
    later = verified(dt.date(2026, 4, 1), governorate="erbil", nearest_centre=erbil)  # verified after the window
    lead(later, head=True)
    verified(dt.date(2026, 1, 20), governorate="basra", nearest_centre=erbil)  # no leadership recorded: "other"
    return erbil, mosul


def compute(code, dimensions=(), **filters):
    measure = measures.get(code)
    assert measure is not None
    return measures.compute(measure, Query(start=QUERY.start, end=QUERY.end, filters=filters), dimensions)


def test_csos_registered_counts_verified_profiles_by_the_end_of_the_window(csos):
    erbil, mosul = csos
    figures = compute("organizations.csos_registered", ("governorate", "centre", "cso_led"))
    assert figures.total == 5
    assert figures.by["governorate"] == {"erbil": 3, "ninewa": 1, "basra": 1}
    assert figures.by["centre"] == {str(erbil.pk): 3, str(mosul.pk): 2}
    assert figures.by["cso_led"] == {"women_led": 2, "youth_led": 2, "other": 2}
    assert compute("organizations.csos_registered", centre=str(mosul.pk)).total == 2
    assert compute("organizations.csos_registered").by == {}


def test_shares_are_of_the_registered_csos(csos):
    erbil, mosul = csos
    women = compute("organizations.women_led_share", ("governorate", "centre"))
    assert women.total == Decimal("40.0")
    assert women.by["governorate"] == {"erbil": Decimal("66.7"), "ninewa": 0, "basra": 0}
    assert women.by["centre"] == {str(erbil.pk): Decimal("33.3"), str(mosul.pk): Decimal("50.0")}
    youth = compute("organizations.youth_led_share", centre=str(mosul.pk))
    assert youth.total == Decimal("100.0")
    assert measures.get("organizations.women_led_share").unit == measures.Unit.PERCENTAGE


def test_an_empty_window_gives_zero_shares():
    assert compute("organizations.women_led_share", ("governorate",)).total == 0


def test_the_centre_dimension_lists_the_centres_by_name():
    values = measures.dimension("centre").values()
    assert [label for _value, label in values] == sorted(label for _value, label in values)
    assert (str(centre("erbil").pk), centre("erbil").name) in values


@pytest.mark.parametrize("code", ["organizations.csos_registered", "organizations.women_led_share"])
def test_the_queries_do_not_grow_with_the_records(code):
    def queries(count):
        for index in range(count):
            organization = verified(dt.date(2026, 1, 5), governorate="erbil")
            lead(organization, head=index % 2 == 0)
        measure = measures.get(code)
        with CaptureQueriesContext(connection) as captured:
            measures.compute(measure, QUERY, sorted(measure.dimensions))
        return len(captured)

    two = queries(2)
    assert queries(8) == two
