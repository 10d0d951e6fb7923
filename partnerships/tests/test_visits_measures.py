"""The exchange-visit measures: the share of visiting CSOs (with a recorded follow-up) that adopted
or adapted a practice within six months of the visit, and the visiting CSOs, by governorate and by
women- or youth-led flag; a bounded number of queries."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core import measures
from core.measures import Query
from organizations.tests.factories import LeadershipMemberFactory, organization_with_admin
from partnerships.tests.factories_visits import exchange_event, exchange_visit, last_day, visiting

pytestmark = pytest.mark.django_db


def women_led(governorate: str = "erbil"):
    organization = organization_with_admin(verification_status="verified", governorate=governorate)[0]
    for _seat in range(3):
        LeadershipMemberFactory(organization=organization, sex="female", start_date=dt.date(2020, 1, 1))
    return organization


@pytest.fixture
def visit():
    return exchange_visit(event=exchange_event(ended_days_ago=200))


def this_year() -> Query:
    today = timezone.localdate()
    return Query(start=today - dt.timedelta(days=365), end=today)


def compute(code: str, query: Query, dimensions=("governorate", "cso_led")):
    return measures.compute(measures.get(code), query, dimensions)


def test_the_share_counts_adoptions_within_six_months_among_the_csos_followed_up(visit):
    end = last_day(visit)
    women = women_led("basra")
    visiting(visit, organization=women, outcome="adopted", adopted_on=end + dt.timedelta(days=40))
    visiting(visit, outcome="adapted", adopted_on=end + dt.timedelta(days=100))
    visiting(visit, outcome="adopted", adopted_on=end + dt.timedelta(days=190))  # too late to count
    visiting(visit, outcome="not_adopted")
    visiting(visit)  # not followed up yet: not in the share
    figures = compute("partnerships.visit_adoption", this_year())
    assert figures.total == Decimal("50.0")  # 2 of the 4 followed up
    assert figures.by["governorate"] == {"basra": Decimal("100.0"), "erbil": Decimal("33.3")}
    assert figures.by["cso_led"] == {"women_led": Decimal("100.0"), "other": Decimal("33.3")}
    counted = compute("partnerships.visiting_csos", this_year())
    assert counted.total == 5
    assert counted.by["cso_led"] == {"women_led": 1, "other": 4}


def test_a_cso_on_two_visits_counts_once_and_adopted_if_either_visit_led_to_it(visit):
    cso = organization_with_admin(verification_status="verified")[0]
    second = exchange_visit(event=exchange_event(ended_days_ago=150, title="Exchange visit to Basra"))
    visiting(visit, organization=cso, outcome="not_adopted")
    visiting(second, organization=cso, outcome="adopted", adopted_on=last_day(second) + dt.timedelta(days=10))
    assert compute("partnerships.visit_adoption", this_year()).total == Decimal("100.0")
    assert compute("partnerships.visiting_csos", this_year()).total == 1


def test_only_visits_that_ended_in_the_window_count(visit):
    visiting(visit, outcome="adopted", adopted_on=last_day(visit) + dt.timedelta(days=5))
    end = last_day(visit)
    before = Query(start=end - dt.timedelta(days=30), end=end - dt.timedelta(days=1))
    assert compute("partnerships.visiting_csos", before).total == 0
    assert compute("partnerships.visit_adoption", before).total == 0
    assert compute("partnerships.visiting_csos", Query(start=end, end=end)).total == 1


def test_the_measures_make_the_same_few_queries_for_few_and_many_visits(visit):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            compute("partnerships.visit_adoption", this_year())
            compute("partnerships.visiting_csos", this_year())
        return len(captured)

    visiting(visit, outcome="adopted", adopted_on=last_day(visit) + dt.timedelta(days=5))
    few = queries()
    for _n in range(8):
        visiting(visit, organization=women_led(), outcome="not_adopted")
    assert queries() == few <= 4
