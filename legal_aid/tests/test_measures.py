import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from centers.tests.factories import centre
from core import measures
from core.measures import Query
from legal_aid.models import LegalCase
from organizations.tests.factories import LeadershipMemberFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

START, END = dt.date(2026, 1, 1), dt.date(2026, 3, 31)
D = dt.date


def at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9)))


def case(organization, opened: dt.date, *, category="labour", centre_slug="erbil", closed=None, outcome=""):
    item = LegalCase.objects.create(
        reference=f"L-{LegalCase.objects.count() + 1}",
        organization=organization,
        category=category,
        description="A question.",
        preferred_centre=centre(centre_slug),
        preferred_language="ar",
        consent_data_use=True,
        channel="online",
        status="closed" if closed else "submitted",
        outcome=outcome,
        outcome_summary="Done." if closed else "",
        closed_at=at(closed) if closed else None,
    )
    LegalCase.objects.filter(pk=item.pk).update(created_at=at(opened))
    return item


def compute(code, dimensions=(), **filters):
    measure = measures.get(code)
    assert measure is not None
    return measures.compute(measure, Query(start=START, end=END, filters=filters), dimensions)


@pytest.fixture
def cases():
    youth_led = OrganizationFactory(governorate="ninewa")
    LeadershipMemberFactory(organization=youth_led, sex="male", birth_year=2001, is_head=True, start_date=D(2020, 1, 1))
    other = OrganizationFactory(governorate="erbil")
    case(youth_led, D(2026, 1, 10), category="registration", centre_slug="mosul")
    case(youth_led, D(2026, 2, 10), closed=D(2026, 3, 1), outcome="solved")
    case(other, D(2026, 3, 31), category="tax")
    case(other, D(2025, 11, 2), closed=D(2026, 1, 15), outcome="advice")  # opened before, closed in the window
    case(other, D(2025, 10, 1), closed=D(2025, 12, 30), outcome="solved")  # closed before the window
    case(youth_led, D(2026, 4, 1), category="tax")  # after the window


def test_cases_opened_in_the_window(cases):
    figures = compute("legal_aid.cases_opened", ("legal_category", "centre", "cso_led"))
    assert figures.total == 3
    assert figures.by["legal_category"] == {"registration": 1, "labour": 1, "tax": 1}
    assert figures.by["centre"] == {str(centre("mosul").pk): 1, str(centre("erbil").pk): 2}
    assert figures.by["cso_led"] == {"youth_led": 2, "other": 1}
    assert compute("legal_aid.cases_opened", centre=str(centre("mosul").pk)).total == 1


def test_cases_closed_in_the_window_by_outcome(cases):
    figures = compute("legal_aid.cases_closed", ("legal_outcome",))
    assert figures.total == 2
    assert figures.by["legal_outcome"] == {"solved": 1, "advice": 1}
    assert "solved" in [value for value, _label in measures.dimension("legal_outcome").values()]
    assert "tax" in [value for value, _label in measures.dimension("legal_category").values()]


def test_csos_served_are_counted_once(cases):
    figures = compute("legal_aid.csos_served", ("cso_led", "governorate"))
    assert figures.total == 2
    assert figures.by["governorate"] == {"ninewa": 1, "erbil": 1}
    assert figures.by["cso_led"] == {"youth_led": 1, "other": 1}


@pytest.mark.parametrize("code", ["legal_aid.cases_opened", "legal_aid.cases_closed", "legal_aid.csos_served"])
def test_the_queries_do_not_grow_with_the_records(code):
    def queries(count):
        for _index in range(count):
            organization = OrganizationFactory()
            LeadershipMemberFactory(organization=organization, start_date=D(2020, 1, 1))
            case(organization, D(2026, 2, 1), closed=D(2026, 2, 5), outcome="solved")
        measure = measures.get(code)
        with CaptureQueriesContext(connection) as captured:
            measures.compute(measure, Query(start=START, end=END), sorted(measure.dimensions))
        return len(captured)

    two = queries(2)
    assert queries(10) == two
