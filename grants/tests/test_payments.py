import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, ProgrammingError, close_old_connections, transaction
from django.utils import timezone

from accounts.roles import Role
from centers.tests.factories import staff_member
from core.uploads import in_memory_pdf
from grants.models import Application, BudgetLine, Payment, PaymentEvent, Tranche
from grants.services import (
    agreement_create,
    agreement_sign,
    paid_total,
    payment_record,
    payment_reverse,
    tranche_request,
    tranches_set,
)
from grants.tests.factories import published_call
from organizations.tests.factories import organization_with_admin

TODAY = dt.date(2026, 12, 1)


def awarded_application():
    call = published_call()
    organization, _admin = organization_with_admin(verification_status="verified")
    application = Application.objects.create(
        call=call,
        organization=organization,
        status="submitted",
        reference="A-1",
        submitted_at=timezone.now(),
        eligibility="eligible",
        decision="award",
    )
    BudgetLine.objects.create(
        application=application,
        category="activities",
        description="x",
        unit="lot",
        quantity=1,
        unit_cost=Decimal("10000"),
    )
    return application


def signed_agreement(officer):
    agreement = agreement_create(
        actor=officer,
        application=awarded_application(),
        data={
            "number": "TAT-G-001",
            "amount": Decimal("10000"),
            "start_date": TODAY,
            "end_date": TODAY + dt.timedelta(days=365),
        },
    )
    tranches_set(
        actor=officer,
        agreement=agreement,
        schedule=[
            {"amount": Decimal("6000"), "planned_date": TODAY, "conditions": ["signed"]},
            {"amount": Decimal("4000"), "planned_date": TODAY + dt.timedelta(days=180), "conditions": ["report"]},
        ],
    )
    agreement_sign(
        actor=officer, agreement=agreement, signed_copy=in_memory_pdf(), cso_date=TODAY, programme_date=TODAY
    )
    return agreement


@pytest.mark.django_db
def test_tranches_must_add_up_to_the_grant_exactly():
    officer = staff_member(Role.GRANT_OFFICER)
    agreement = agreement_create(
        actor=officer,
        application=awarded_application(),
        data={
            "number": "TAT-G-002",
            "amount": Decimal("10000"),
            "start_date": TODAY,
            "end_date": TODAY + dt.timedelta(days=30),
        },
    )
    with pytest.raises(ValidationError) as refused:
        tranches_set(
            actor=officer, agreement=agreement, schedule=[{"amount": Decimal("9999.999"), "planned_date": TODAY}]
        )
    assert "add up to 9,999.999 but the grant is 10,000.000 USD" in " ".join(refused.value.messages)
    assert not Tranche.objects.exists()


@pytest.mark.django_db
def test_four_eyes_and_a_reversal_instead_of_an_edit():
    officer, finance = staff_member(Role.GRANT_OFFICER), staff_member(Role.FINANCE_OFFICER)
    agreement = signed_agreement(officer)
    first, second = agreement.tranches.order_by("number")
    with pytest.raises(ValidationError):
        tranche_request(actor=officer, tranche=second)  # its report is not approved yet
    tranche_request(actor=officer, tranche=first)
    both = staff_member(Role.FINANCE_OFFICER)
    both.groups.add(*officer.groups.all())
    payment = payment_record(
        actor=finance, tranche=first, data={"paid_currency": "USD", "paid_on": TODAY, "reference": "TRX-1"}
    )
    assert paid_total(agreement) == Decimal("6000")
    with pytest.raises(ValidationError):  # a replayed form post
        payment_record(
            actor=finance, tranche=first, data={"paid_currency": "USD", "paid_on": TODAY, "reference": "TRX-1"}
        )
    with pytest.raises(ProgrammingError), transaction.atomic():  # the database refuses edits
        Payment.objects.filter(pk=payment.pk).update(amount=Decimal("1"))
    reversal = payment_reverse(actor=finance, payment=payment, note="Wrong account.")
    assert reversal.amount == Decimal("-6000") and paid_total(agreement) == 0
    first.refresh_from_db()
    assert first.status == "requested"
    payment_record(
        actor=finance,
        tranche=first,
        data={"paid_currency": "IQD", "exchange_rate": Decimal("1310"), "paid_on": TODAY, "reference": "TRX-2"},
    )
    assert paid_total(agreement) == Decimal("6000")
    assert PaymentEvent.objects.count() == 3


@pytest.mark.django_db
def test_the_requesting_officer_cannot_approve_and_another_currency_needs_a_rate():
    officer = staff_member(Role.GRANT_OFFICER)
    officer_and_finance = staff_member(Role.FINANCE_OFFICER)
    officer_and_finance.groups.add(*officer.groups.all())
    agreement = signed_agreement(officer)
    first = agreement.tranches.get(number=1)
    tranche_request(actor=officer_and_finance, tranche=first)
    with pytest.raises(ValidationError) as refused:
        payment_record(
            actor=officer_and_finance, tranche=first, data={"paid_currency": "USD", "paid_on": TODAY, "reference": "X"}
        )
    assert "cannot approve" in " ".join(refused.value.messages)
    with pytest.raises(ValidationError):
        payment_record(
            actor=staff_member(Role.FINANCE_OFFICER),
            tranche=first,
            data={"paid_currency": "EUR", "paid_on": TODAY, "reference": "X"},
        )
    assert not Payment.objects.exists()


@pytest.mark.django_db
def test_the_database_refuses_payments_beyond_the_grant():
    officer, finance = staff_member(Role.GRANT_OFFICER), staff_member(Role.FINANCE_OFFICER)
    agreement = signed_agreement(officer)
    first = agreement.tranches.get(number=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Payment.objects.create(
            tranche=first,
            amount=Decimal("10000.001"),
            paid_currency="USD",
            paid_on=TODAY,
            reference="X",
            requested_by=officer,
            approved_by=finance,
        )


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
def test_parallel_payment_requests_pay_a_tranche_once():
    officer = staff_member(Role.GRANT_OFFICER, mfa=False)
    agreement = signed_agreement(officer)
    first = agreement.tranches.get(number=1)
    tranche_request(actor=officer, tranche=first)
    finance = [staff_member(Role.FINANCE_OFFICER, mfa=False) for _ in range(4)]
    barrier = threading.Barrier(len(finance))
    outcomes = []

    def pay(person):
        try:
            barrier.wait()
            payment_record(
                actor=person, tranche=first, data={"paid_currency": "USD", "paid_on": TODAY, "reference": "P"}
            )
            outcomes.append("paid")
        except ValidationError:
            outcomes.append("refused")
        finally:
            close_old_connections()

    threads = [threading.Thread(target=pay, args=(person,)) for person in finance]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["paid", "refused", "refused", "refused"]
    assert Payment.objects.count() == 1 and paid_total(agreement) == Decimal("6000")
