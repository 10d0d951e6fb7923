import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, ProgrammingError, close_old_connections, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from centers.tests.factories import staff_member
from core.uploads import in_memory_pdf
from grants.models import (
    Application,
    BudgetLine,
    FollowUpAction,
    MentoringVisit,
    MentoringVisitEvent,
    Payment,
    PaymentEvent,
    Tranche,
    TrancheCondition,
)
from grants.rules.ledger import paid_total
from grants.services.agreements import agreement_create, agreement_sign, tranche_request, tranches_set
from grants.services.payments import payment_record, payment_reverse
from grants.tests.factories import published_call
from organizations.tests.factories import organization_with_admin

# A few days ahead, whatever the date the tests run: schedules refuse past dates.
TODAY = timezone.localdate() + dt.timedelta(days=3)


def awarded_application(call=None):
    call = call or published_call()
    organization, _admin = organization_with_admin(verification_status="verified")
    application = Application.objects.create(
        call=call,
        organization=organization,
        status="submitted",
        reference=f"A-{Application.objects.count() + 1}",
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


SCHEDULE = [
    {"amount": Decimal("6000"), "planned_date": TODAY, "conditions": ["signed"]},
    {"amount": Decimal("4000"), "planned_date": TODAY + dt.timedelta(days=180), "conditions": ["report"]},
]


def signed_agreement(officer, *, number="TAT-G-001", call=None, schedule=SCHEDULE):
    """A signed 10,000 agreement (by default in two tranches of 6,000 and 4,000)."""
    agreement = agreement_create(
        actor=officer,
        application=awarded_application(call),
        data={
            "number": number,
            "amount": Decimal("10000"),
            "start_date": TODAY,
            "end_date": TODAY + dt.timedelta(days=365),
        },
    )
    tranches_set(actor=officer, agreement=agreement, schedule=schedule)
    agreement_sign(
        actor=officer, agreement=agreement, signed_copy=in_memory_pdf(), cso_date=TODAY, programme_date=TODAY
    )
    return agreement


def requested_first_tranche(officer):
    """A signed agreement whose first tranche waits for finance."""
    agreement = signed_agreement(officer)
    first = agreement.tranches.get(number=1)
    tranche_request(actor=officer, tranche=first)
    return agreement, first


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
def test_tranches_given_as_percentages_add_up_to_the_grant_exactly():
    officer = staff_member(Role.GRANT_OFFICER)
    agreement = agreement_create(
        actor=officer,
        application=awarded_application(),
        data={
            "number": "TAT-G-003",
            "amount": Decimal("9999.999"),
            "start_date": TODAY,
            "end_date": TODAY + dt.timedelta(days=300),
        },
    )
    rows = [
        {"amount": None, "percent": Decimal(p), "planned_date": TODAY + dt.timedelta(days=i * 90)}
        for i, p in enumerate(("33.33", "33.33", "33.34"))
    ]
    tranches = tranches_set(actor=officer, agreement=agreement, schedule=rows)
    assert [t.amount for t in tranches] == [Decimal("3333.000"), Decimal("3333.000"), Decimal("3333.999")]
    # Percentages that do not cover the grant are refused with the totals.
    with pytest.raises(ValidationError, match="add up to 9,000.999 but the grant is 9,999.999 USD"):
        tranches_set(
            actor=officer,
            agreement=agreement,
            schedule=[{"amount": None, "percent": Decimal("90.01"), "planned_date": TODAY}],
            removed=[t.pk for t in tranches],
        )


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
    agreement, first = requested_first_tranche(officer)
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


@pytest.mark.django_db
def test_the_agreement_pages_carry_the_whole_flow(client):

    officer, finance = staff_member(Role.GRANT_OFFICER), staff_member(Role.FINANCE_OFFICER)
    application = awarded_application()
    client.force_login(officer)
    response = client.post(
        reverse("grants:agreement_create", args=[application.pk]),
        {"number": "TAT-G-9", "amount": "20000", "start_date": "2026-12-01", "end_date": "2027-12-01"},
    )
    assert "cannot be more than the amount requested" in response.content.decode()
    client.post(
        reverse("grants:agreement_create", args=[application.pk]),
        {"number": "TAT-G-9", "amount": "10000", "start_date": "2026-12-01", "end_date": "2027-12-01"},
    )
    agreement = application.agreement
    url = reverse("grants:agreement_tranches", args=[agreement.pk])
    base = {
        "tranches-TOTAL_FORMS": "2",
        "tranches-INITIAL_FORMS": "0",
        "tranches-MIN_NUM_FORMS": "1",
        "tranches-MAX_NUM_FORMS": "12",
    }
    rows = {
        "tranches-0-amount": "7000",
        "tranches-0-planned_date": "2026-12-05",
        "tranches-0-conditions": ["signed"],
        "tranches-1-amount": "2000",
        "tranches-1-planned_date": "2027-06-01",
        "tranches-1-conditions": ["report"],
    }
    response = client.post(url, {**base, **rows}, follow=True)
    assert "add up to 9,000.000" in response.content.decode()
    client.post(url, {**base, **rows, "tranches-1-amount": "3000"})
    assert agreement.tranches.count() == 2
    client.post(
        reverse("grants:agreement_sign", args=[agreement.pk]),
        {
            "signed_copy": SimpleUploadedFile("signed.pdf", b"%PDF-1.4 signed"),
            "cso_date": "2026-12-02",
            "programme_date": "2026-12-02",
        },
    )
    agreement.refresh_from_db()
    assert agreement.status == "active"
    first = agreement.tranches.get(number=1)
    client.post(reverse("grants:tranche_request", args=[first.pk]))
    client.force_login(finance)
    client.post(
        reverse("grants:payment_record", args=[first.pk]),
        {"paid_on": "2026-12-06", "reference": "TRX-9", "paid_currency": "USD"},
    )
    html = client.get(reverse("grants:agreement", args=[agreement.pk])).content.decode()
    assert 'data-testid="paid">7,000.00 USD' in html
    # the grantee sees what it received
    admin = application.organization.memberships.get().user
    client.force_login(admin)
    assert (
        'data-testid="paid">7,000.00 USD'
        in client.get(reverse("grants:agreement", args=[agreement.pk])).content.decode()
    )


@pytest.mark.django_db
def test_a_refused_payment_shows_the_page_again_with_what_was_typed_and_the_reason_by_field(client):

    officer, finance = staff_member(Role.GRANT_OFFICER), staff_member(Role.FINANCE_OFFICER)
    agreement, first = requested_first_tranche(officer)
    client.force_login(finance)
    response = client.post(
        reverse("grants:payment_record", args=[first.pk]),
        {"paid_on": "2026-12-06", "reference": "TRX-EUR-1", "paid_currency": "EUR", "exchange_rate": ""},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="TRX-EUR-1"' in html and 'value="2026-12-06"' in html
    assert f'id="id_exchange_rate_{first.pk}_errors"' in html
    assert "Give the exchange rate" in html
    assert not Payment.objects.exists()
    # the same form, corrected, records the payment
    response = client.post(
        reverse("grants:payment_record", args=[first.pk]),
        {"paid_on": "2026-12-06", "reference": "TRX-EUR-1", "paid_currency": "EUR", "exchange_rate": "0.92"},
    )
    assert response.status_code == 302
    assert Payment.objects.get().exchange_rate == Decimal("0.92")


def _more_agreements(officer, count: int) -> None:
    """More signed agreements, one tranche each, all waiting for finance."""
    call = published_call(code=f"TEST-L{Application.objects.count()}")
    for index in range(count):
        agreement = signed_agreement(
            officer,
            number=f"TAT-L-{Application.objects.count()}-{index}",
            call=call,
            schedule=[{"amount": Decimal("10000"), "planned_date": TODAY, "conditions": []}],
        )
        tranche_request(actor=officer, tranche=agreement.tranches.get())


@pytest.mark.django_db
def test_agreement_list_shows_paid_and_waiting_with_the_same_queries_for_5_and_50_rows(client):

    officer, finance = staff_member(Role.GRANT_OFFICER), staff_member(Role.FINANCE_OFFICER)
    agreement, first = requested_first_tranche(officer)
    payment_record(actor=finance, tranche=first, data={"paid_on": TODAY, "reference": "TRX-1", "paid_currency": "USD"})
    _more_agreements(officer, 4)
    client.force_login(finance)
    url = reverse("grants:agreement_list")
    with CaptureQueriesContext(connection) as five:
        html = client.get(url).content.decode()
    assert html.count('data-testid="agreement-row"') == 5
    assert "6,000.00 USD" in html  # paid on the first agreement
    assert html.count('data-testid="waiting"') == 4
    waiting = client.get(url + "?waiting=1").content.decode()
    assert waiting.count('data-testid="agreement-row"') == 4 and "TAT-G-001" not in waiting
    _more_agreements(officer, 45)
    with CaptureQueriesContext(connection) as fifty:
        html = client.get(url).content.decode()
    assert html.count('data-testid="agreement-row"') == 50
    assert len(fifty) == len(five)


@pytest.mark.django_db
def test_a_grantee_lists_only_its_own_agreements(client):
    officer = staff_member(Role.GRANT_OFFICER)
    own = signed_agreement(officer)
    _more_agreements(officer, 1)
    admin = own.application.organization.memberships.get().user
    client.force_login(admin)

    html = client.get(reverse("grants:agreement_list")).content.decode()
    assert html.count('data-testid="agreement-row"') == 1 and own.number in html
    assert reverse("grants:agreement_list") in client.get(reverse("core:home"), follow=True).content.decode()


@pytest.mark.django_db
def test_a_mentoring_visit_with_actions_meets_the_next_tranches_visit_condition_and_the_grantee_sees_it(client):

    officer = staff_member(Role.GRANT_OFFICER)
    agreement = signed_agreement(officer)
    second = agreement.tranches.get(number=2)
    TrancheCondition.objects.create(tranche=second, kind="visit")
    client.force_login(officer)
    page = client.get(reverse("grants:agreement", args=[agreement.pk])).content.decode()
    # the request button only shows on a tranche whose conditions are all met
    assert reverse("grants:tranche_request", args=[agreement.tranches.get(number=1).pk]) in page
    assert reverse("grants:tranche_request", args=[second.pk]) not in page
    url = reverse("grants:visit_record", args=[agreement.pk])
    data = {
        "kind": "visit",
        "mentor": officer.pk,
        "topics": "Bookkeeping",
        "findings": "Receipts are filed by month.",
        "actions-TOTAL_FORMS": "2",
        "actions-INITIAL_FORMS": "0",
        "actions-0-description": "Open a separate bank account",
        "actions-0-due_on": "2027-01-15",
        "actions-1-description": "",
    }
    future = client.post(url, {**data, "held_on": (timezone.localdate() + dt.timedelta(days=3)).isoformat()})
    assert "once it has taken place" in future.content.decode()
    assert 'value="Bookkeeping"' in future.content.decode() and not MentoringVisit.objects.exists()
    response = client.post(url, {**data, "held_on": timezone.localdate().isoformat()})
    assert response.status_code == 302
    visit = MentoringVisit.objects.get()
    assert [a.description for a in visit.actions.all()] == ["Open a separate bank account"]
    assert second.conditions.get(kind="visit").met_at is not None
    assert MentoringVisitEvent.objects.filter(pgh_obj=visit).exists()
    action = FollowUpAction.objects.get()
    client.post(reverse("grants:action_status", args=[action.pk]), {"status": "done"})
    action.refresh_from_db()
    assert action.status == "done"
    assert client.post(reverse("grants:action_status", args=[action.pk]), {"status": "nonsense"}).status_code == 302
    action.refresh_from_db()
    assert action.status == "done"
    client.force_login(agreement.application.organization.memberships.get().user)
    html = client.get(reverse("grants:agreement", args=[agreement.pk])).content.decode()
    assert "Receipts are filed by month." in html and "Open a separate bank account" in html
    assert reverse("grants:visit_record", args=[agreement.pk]) not in html


@pytest.mark.django_db
def test_the_dashboard_tells_finance_how_many_agreements_wait_for_a_payment(client):

    officer, finance = staff_member(Role.GRANT_OFFICER), staff_member(Role.FINANCE_OFFICER)
    agreement, _first = requested_first_tranche(officer)
    client.force_login(finance)
    html = client.get(reverse("core:dashboard")).content.decode()
    assert 'data-testid="panel-finance"' in html
    assert "Tranches waiting for payment" in html and agreement.number in html
    assert "6,000.00" in html  # the tranche's amount, in the list of what to approve and record
    client.force_login(staff_member(Role.DONOR))
    assert 'data-testid="panel-finance"' not in client.get(reverse("core:dashboard")).content.decode()


@pytest.mark.django_db
def test_a_tranche_row_needs_an_amount_or_a_percentage(client):

    officer = staff_member(Role.GRANT_OFFICER)
    agreement = agreement_create(
        actor=officer,
        application=awarded_application(),
        data={
            "number": "TAT-G-4",
            "amount": Decimal("1000"),
            "start_date": TODAY,
            "end_date": TODAY + dt.timedelta(days=365),
        },
    )
    client.force_login(officer)
    form = {
        "tranches-TOTAL_FORMS": "2",
        "tranches-INITIAL_FORMS": "0",
        "tranches-MIN_NUM_FORMS": "1",
        "tranches-MAX_NUM_FORMS": "12",
        "tranches-0-percent": "40",
        "tranches-0-planned_date": "2026-12-05",
        "tranches-1-planned_date": "2027-03-01",
    }
    html = client.post(reverse("grants:agreement_tranches", args=[agreement.pk]), form).content.decode()
    assert "Give an amount or a percentage." in html and 'value="40"' in html
    form["tranches-1-percent"] = "60"
    client.post(reverse("grants:agreement_tranches", args=[agreement.pk]), form)
    assert list(agreement.tranches.values_list("amount", flat=True)) == [Decimal("400"), Decimal("600")]
