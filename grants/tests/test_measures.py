import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.tests.factories import UserFactory
from centers.tests.factories import centre
from core import measures
from core.measures import Query
from grants.models import Application, GrantAgreement, GrantReport, Payment, Tranche
from grants.tests.factories import published_call
from organizations.tests.factories import LeadershipMemberFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

START, END = dt.date(2026, 1, 1), dt.date(2026, 3, 31)
D = dt.date


def compute(code, dimensions=(), **filters):
    measure = measures.get(code)
    assert measure is not None
    return measures.compute(measure, Query(start=START, end=END, filters=filters), dimensions)


def agreement(call, organization, amount, currency, cso_on, programme_on, status="active", tranches=()):
    application = Application.objects.create(
        call=call,
        organization=organization,
        status="submitted",
        reference=f"A-{Application.objects.count() + 1}",
        submitted_at=timezone.now(),
        eligibility="eligible",
        decision="award",
    )
    grant = GrantAgreement.objects.create(
        application=application,
        number=f"G-{application.pk}",
        amount=Decimal(amount),
        currency=currency,
        start_date=D(2025, 12, 1),
        end_date=D(2026, 12, 1),
        signed_by_cso_on=cso_on,
        signed_by_programme_on=programme_on,
        status=status,
    )
    for number, (tranche_amount, tranche_status) in enumerate(tranches or [(amount, "planned")], start=1):
        Tranche.objects.create(
            agreement=grant,
            number=number,
            amount=Decimal(tranche_amount),
            planned_date=D(2026, 1, 1),
            status=tranche_status,
        )
    return grant


def pay(grant, amount, on, *, attempt=1, reverses=None, number=1):
    return Payment.objects.create(
        tranche=grant.tranches.get(number=number),
        amount=Decimal(amount),
        paid_currency=grant.currency,
        paid_on=on,
        reference="B",
        requested_by=UserFactory(),
        approved_by=UserFactory(),
        attempt=attempt,
        reverses=reverses,
    )


def report(grant, status, reviewed_on, **beneficiaries):
    reviewed = timezone.make_aware(dt.datetime.combine(reviewed_on, dt.time(11))) if reviewed_on else None
    return GrantReport.objects.create(
        agreement=grant,
        kind="interim",
        due_on=D(2026, 2, 1),
        status=status,
        submitted_at=timezone.now(),
        reviewed_at=reviewed,
        **beneficiaries,
    )


@pytest.fixture
def grants():
    women_led = OrganizationFactory(governorate="erbil", nearest_centre=centre("erbil"))
    LeadershipMemberFactory(organization=women_led, sex="female", is_head=True, start_date=D(2020, 1, 1))
    other = OrganizationFactory(governorate="baghdad", nearest_centre=centre("mosul"))
    peace = published_call(code="A", themes=["peacebuilding", "youth"])
    health = published_call(code="B", themes=["health"], currency="IQD")
    third = published_call(code="C", themes=["health"], currency="IQD")
    g1 = agreement(
        peace, women_led, 10000, "USD", D(2026, 1, 20), D(2026, 2, 3), tranches=[(6000, "paid"), (4000, "cancelled")]
    )
    g2 = agreement(health, other, 5_000_000, "IQD", D(2026, 3, 1), D(2026, 3, 1), status="closed")
    g3 = agreement(peace, other, 8000, "USD", D(2026, 3, 20), D(2026, 4, 2))  # the programme signed after the window
    agreement(health, women_led, 3000, "IQD", None, None, status="draft")
    g5 = agreement(third, women_led, 1_000_000, "IQD", D(2025, 12, 15), D(2025, 12, 15))  # before the window
    pay(g1, 6000, D(2026, 2, 10))
    pay(g5, 1_000_000, D(2025, 12, 20))
    first = pay(g2, 2_000_000, D(2026, 3, 15))
    pay(g2, -2_000_000, D(2026, 3, 20), reverses=first)
    pay(g2, 2_000_000, D(2026, 3, 25), attempt=2)
    pay(g3, 8000, D(2026, 4, 3))
    report(g1, "approved", D(2026, 2, 28), girls=3, boys=2, women_youth=10, men_youth=5, women_adult=4, men_adult=1)
    report(g2, "approved", D(2026, 3, 10), women_adult=6)
    report(g2, "approved", D(2026, 4, 10), women_adult=100)  # approved after the window
    report(g2, "submitted", None, men_adult=50)  # not approved
    return g1, g2


def test_grants_awarded_are_the_agreements_signed_in_the_window(grants):
    figures = compute("grants.grants_awarded", ("grant_theme", "governorate", "centre", "cso_led"))
    assert figures.total == 2
    assert figures.by["grant_theme"] == {"peacebuilding": 1, "youth": 1, "health": 1}
    assert figures.by["governorate"] == {"erbil": 1, "baghdad": 1}
    assert figures.by["centre"] == {str(centre("erbil").pk): 1, str(centre("mosul").pk): 1}
    assert figures.by["cso_led"] == {"women_led": 1, "other": 1}
    assert compute("grants.grants_awarded", theme="health").total == 1


def test_the_commitment_is_the_amount_less_cancelled_tranches(grants):
    figures = compute("grants.amount_committed", ("currency", "grant_theme"))
    assert figures.by["currency"] == {"USD": Decimal("6000"), "IQD": Decimal("5000000")}
    assert figures.by["grant_theme"] == {"peacebuilding": 6000, "youth": 6000, "health": 5000000}
    assert compute("grants.amount_committed", currency="USD").total == Decimal("6000")
    assert measures.get("grants.amount_committed").unit == measures.Unit.AMOUNT


def test_paid_is_the_payments_of_the_window_less_its_reversals(grants):
    figures = compute("grants.amount_paid", ("currency",))
    assert figures.by["currency"] == {"USD": Decimal("6000"), "IQD": Decimal("2000000")}
    assert compute("grants.amount_paid", currency="IQD").total == Decimal("2000000")


def test_people_reached_come_from_the_reports_approved_in_the_window(grants):
    figures = compute("grants.people_reached", ("sex", "beneficiary_age"))
    assert figures.total == 31
    assert figures.by["sex"] == {"female": 23, "male": 8}
    assert figures.by["beneficiary_age"] == {"<15": 5, "15-29": 15, "30+": 11}
    assert compute("grants.people_reached", theme="health").total == 6
    assert measures.get("grants.people_reached").counts_people
    assert [v for v, _label in measures.dimension("beneficiary_age").values()] == ["<15", "15-29", "30+"]
    assert ("USD", "US dollar (USD)") in [(v, str(label)) for v, label in measures.dimension("currency").values()]


@pytest.mark.parametrize(
    "code", ["grants.grants_awarded", "grants.amount_committed", "grants.amount_paid", "grants.people_reached"]
)
def test_the_queries_do_not_grow_with_the_records(code):
    def queries(count):
        call = published_call(code=f"Q{count}", themes=["youth", "health"])
        for _index in range(count):
            organization = OrganizationFactory()
            LeadershipMemberFactory(organization=organization, start_date=D(2020, 1, 1))
            grant = agreement(call, organization, 1000, "USD", D(2026, 2, 1), D(2026, 2, 1))
            pay(grant, 1000, D(2026, 2, 2))
            report(grant, "approved", D(2026, 2, 3), girls=1)
        measure = measures.get(code)
        with CaptureQueriesContext(connection) as captured:
            measures.compute(measure, Query(start=START, end=END), sorted(measure.dimensions))
        return len(captured)

    two = queries(2)
    assert queries(10) == two
