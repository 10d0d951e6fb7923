"""Reports, the versioned budget and its amendments, the cap on support per CSO, close-out and the
portfolio, payment and recipient pages."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import ProgrammingError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from centers.tests.factories import staff_member
from core import exports
from core.audit import actor_context
from core.uploads import in_memory_pdf
from grants.models import (
    AmendmentEvent,
    BudgetLine,
    ExchangeRate,
    GrantAgreementEvent,
    GrantReport,
    TrancheEvent,
)
from grants.rules import ledger
from grants.rules.budgets import budget_rows, current_budget
from grants.rules.reports import closing_problems, report_problems
from grants.services.agreements import agreement_create, tranche_request, tranches_set
from grants.services.amendments import amendment_decide, amendment_request
from grants.services.closeout import tranche_cancel
from grants.services.decisions import decision_record
from grants.services.payments import payment_record
from grants.services.reports import (
    receipt_add,
    receipt_remove,
    report_review,
    report_save,
    report_schedule,
    report_submit,
)
from grants.tasks import send_report_reminders
from grants.tests.factories import published_call
from grants.tests.test_payments import TODAY, awarded_application, signed_agreement
from notifications.models import Notification

PEOPLE = {"girls": 3, "boys": 2, "women_youth": 10, "men_youth": 8, "women_adult": 5, "men_adult": 4}


def two_line_agreement(officer):
    """A signed 10,000 USD agreement whose budget has two lines: activities 6,000, administration
    4,000; tranche 1 (6,000) on signature, tranche 2 (4,000) once a report is approved."""
    agreement = signed_agreement(officer)
    line = agreement.budget_lines.get()
    amount = line.amounts.get()
    amount.amount = Decimal("6000")
    amount.save()
    line.description = "Activities"
    line.save()
    admin_line = agreement.budget_lines.create(category="admin", description="Administration", order=1)
    admin_line.amounts.create(version=amount.version, amount=Decimal("4000"))
    return agreement


def grantee_of(agreement):
    return agreement.application.organization.memberships.get(role="admin").user


def lines(agreement):
    activities, administration = agreement.budget_lines.order_by("order")
    return activities, administration


def interim(officer, agreement, due_on=None):
    return report_schedule(
        actor=officer, agreement=agreement, kind="interim", due_on=due_on or TODAY + dt.timedelta(days=90)
    )


def write(grantee, report, spend: dict, **fields):
    data = {"narrative": "Three trainings held.", **PEOPLE, **fields}
    return report_save(actor=grantee, report=report, data=data, expenses=spend)


@pytest.mark.django_db
def test_the_schedule_refuses_past_dates_a_final_report_before_the_end_and_a_second_final_report():
    officer = staff_member(Role.GRANT_OFFICER)
    agreement = signed_agreement(officer)
    with pytest.raises(ValidationError, match="cannot be in the past"):
        report_schedule(
            actor=officer, agreement=agreement, kind="interim", due_on=timezone.localdate() - dt.timedelta(days=1)
        )
    with pytest.raises(ValidationError, match="on or after the end"):
        report_schedule(actor=officer, agreement=agreement, kind="final", due_on=TODAY)
    with pytest.raises(ValidationError, match="before the end"):
        report_schedule(actor=officer, agreement=agreement, kind="interim", due_on=agreement.end_date)
    report_schedule(actor=officer, agreement=agreement, kind="final", due_on=agreement.end_date)
    with pytest.raises(ValidationError, match="already has a final report"):
        report_schedule(
            actor=officer, agreement=agreement, kind="final", due_on=agreement.end_date + dt.timedelta(days=10)
        )
    assert agreement.reports.count() == 1


@pytest.mark.django_db
def test_a_report_is_refused_until_complete_and_within_the_variance_then_its_approval_releases_the_next_tranche():
    officer = staff_member(Role.GRANT_OFFICER)
    agreement = two_line_agreement(officer)
    grantee = grantee_of(agreement)
    activities, administration = lines(agreement)
    report = interim(officer, agreement)
    # An empty draft cannot be submitted: every missing part is named.
    write(grantee, report, {activities.pk: Decimal("1000")}, narrative="", **dict.fromkeys(PEOPLE, 0))
    report.refresh_from_db()
    problems = report_problems(report)
    assert len(problems) == 3  # the narrative, the people reached, the receipts
    # The narrative and people, but 6,700 on a 6,000 line: 11.7 % over, beyond the 10 % allowed.
    write(grantee, report, {activities.pk: Decimal("6700"), administration.pk: Decimal("100")})
    receipt_add(actor=grantee, report=report, file=in_memory_pdf("invoice.pdf"))
    with pytest.raises(ValidationError) as refused:
        report_submit(actor=grantee, report=report)
    assert "“Activities” would reach 6,700.00 against a budget of 6,000.00" in refused.value.messages[0]
    report.refresh_from_db()
    assert report.status == "due" and report.narrative == "Three trainings held."  # the draft is kept
    # 6,600 is exactly 10 % over: accepted.
    write(grantee, report, {activities.pk: Decimal("6600"), administration.pk: Decimal("100")})
    report_submit(actor=grantee, report=report)
    assert Notification.objects.filter(recipient=officer, kind="report_submitted").exists()
    with pytest.raises(ValidationError):  # a submitted report no longer changes
        write(grantee, report, {activities.pk: Decimal("1")})
    # Changes requested need a comment; the grantee revises and submits again.
    with pytest.raises(ValidationError, match="Say what has to change"):
        report_review(actor=officer, report=report, approve=False, comment=" ")
    report_review(actor=officer, report=report, approve=False, comment="Add the attendance lists.")
    assert Notification.objects.filter(recipient=grantee, kind="report_reviewed").exists()
    report.refresh_from_db()
    assert report.status == "changes"
    write(grantee, report, {activities.pk: Decimal("3000"), administration.pk: Decimal("500")})
    report_submit(actor=grantee, report=report)
    second = agreement.tranches.get(number=2)
    assert not second.conditions.get().met_at
    report_review(actor=officer, report=report, approve=True, comment="")
    second.refresh_from_db()
    assert second.conditions.get().met_at and second.conditions_met
    tranche_request(actor=officer, tranche=second)
    rows = {row.line.description: row for row in budget_rows(agreement)}
    assert rows["Activities"].spent == Decimal("3000") and rows["Administration"].remaining == Decimal("3500")


@pytest.mark.django_db
def test_only_the_grantees_administrators_submit_and_only_its_members_write():
    officer = staff_member(Role.GRANT_OFFICER)
    agreement = two_line_agreement(officer)
    report = interim(officer, agreement)
    with pytest.raises(PermissionDenied):  # the officer does not write the grantee's report
        write(officer, report, {})
    member = agreement.application.organization.memberships.create(user=staff_member(Role.TRAINER), role="member")
    write(member.user, report, {})
    with pytest.raises(PermissionDenied):
        report_submit(actor=member.user, report=report)


@pytest.mark.django_db
def test_a_reallocation_keeps_the_total_never_goes_below_spending_and_adds_a_budget_version():
    officer = staff_member(Role.GRANT_OFFICER)
    agreement = two_line_agreement(officer)
    grantee = grantee_of(agreement)
    activities, administration = lines(agreement)
    report = interim(officer, agreement)
    write(grantee, report, {administration.pk: Decimal("1500")})
    receipt_add(actor=grantee, report=report, file=in_memory_pdf())
    report_submit(actor=grantee, report=report)
    report_review(actor=officer, report=report, approve=True, comment="")

    def ask(new_activities, new_admin):
        return amendment_request(
            actor=grantee,
            agreement=agreement,
            kind="budget",
            justification="Printing costs rose.",
            amounts={activities.pk: Decimal(new_activities), administration.pk: Decimal(new_admin)},
        )

    with pytest.raises(ValidationError, match="add up to 10,100.00 but the budget is 10,000.00"):
        ask("6100", "4000")
    with pytest.raises(ValidationError, match="cannot go below the 1,500.00 already spent"):
        ask("8600", "1400")
    amendment = ask("7000", "3000")
    with pytest.raises(ValidationError, match="already has an amendment waiting"):
        ask("6500", "3500")
    with pytest.raises(ValidationError, match="Say why"):
        amendment_decide(actor=officer, amendment=amendment, approve=False, comment="")
    amendment_decide(actor=officer, amendment=amendment, approve=True, comment="Agreed.")
    assert current_budget(agreement).number == 2
    rows = {row.line.description: row.budget for row in budget_rows(agreement)}
    assert rows == {"Activities": Decimal("7000"), "Administration": Decimal("3000")}
    # Version 1 is kept as it was.
    first = agreement.budget_versions.get(number=1)
    assert sorted(first.amounts.values_list("amount", flat=True)) == [Decimal("4000"), Decimal("6000")]
    assert Notification.objects.filter(recipient=grantee, kind="amendment_decided").exists()
    events = AmendmentEvent.objects.filter(pgh_obj=amendment).order_by("pgh_id")
    assert [e.status for e in events] == ["requested", "approved"]
    assert events.last().pgh_context.metadata["user"] == officer.pk


@pytest.mark.django_db
def test_a_no_cost_extension_moves_the_end_date_with_the_actor_in_the_audit_trail():
    officer = staff_member(Role.GRANT_OFFICER)
    agreement = signed_agreement(officer)
    grantee = grantee_of(agreement)
    with pytest.raises(ValidationError, match="must be after the current one"):
        amendment_request(
            actor=grantee, agreement=agreement, kind="extension", justification="Late.", new_end_date=TODAY
        )
    new_end = agreement.end_date + dt.timedelta(days=60)
    amendment = amendment_request(
        actor=grantee, agreement=agreement, kind="extension", justification="Late start.", new_end_date=new_end
    )
    amendment_decide(actor=officer, amendment=amendment, approve=True, comment="")
    agreement.refresh_from_db()
    assert agreement.end_date == new_end
    event = GrantAgreementEvent.objects.filter(pgh_obj=agreement).order_by("pgh_id").last()
    assert event.end_date == new_end and event.pgh_context.metadata["user"] == officer.pk


@pytest.mark.django_db
def test_bulk_updates_of_tranches_are_audited_with_the_actor():
    officer = staff_member(Role.GRANT_OFFICER)
    agreement = signed_agreement(officer)
    with actor_context(officer, action="bulk_reschedule"):
        agreement.tranches.update(planned_date=TODAY + dt.timedelta(days=7))
    events = TrancheEvent.objects.filter(pgh_obj__agreement=agreement, pgh_label="update")
    assert events.count() == 2
    assert {e.pgh_context.metadata["user"] for e in events} == {officer.pk}


@pytest.mark.django_db
@pytest.mark.no_rates
def test_an_award_beyond_the_cap_per_cso_is_refused_with_the_figures(settings):
    settings.TATWEER_CSO_SUPPORT_CAP_EUR = 15000
    officer = staff_member(Role.GRANT_OFFICER)
    application = awarded_application()
    with pytest.raises(ValidationError, match="no exchange rate for USD"):
        agreement_create(
            actor=officer,
            application=application,
            data={
                "number": "C-1",
                "amount": Decimal("10000"),
                "start_date": TODAY,
                "end_date": TODAY + dt.timedelta(days=365),
            },
        )
    ExchangeRate.objects.create(currency="USD", valid_from=dt.date(2020, 1, 1), per_euro=Decimal("1.25"))
    ExchangeRate.objects.create(currency="USD", valid_from=TODAY + dt.timedelta(days=1000), per_euro=Decimal("2"))
    # 10,000 USD at 1.25 = EUR 8,000 committed.
    agreement_create(
        actor=officer,
        application=application,
        data={
            "number": "C-1",
            "amount": Decimal("10000"),
            "start_date": TODAY,
            "end_date": TODAY + dt.timedelta(days=365),
        },
    )
    # A second application of the same CSO in another call, decided at the ranking.
    second = awarded_application(published_call(code="CAP-2"))
    second.organization = application.organization
    second.decision = ""
    second.save()
    BudgetLine.objects.filter(application=second).update(unit_cost=Decimal("9000"))  # EUR 7,200
    with pytest.raises(ValidationError) as refused:
        decision_record(actor=officer, application=second, decision="award", justification="Test.")
    message = refused.value.messages[0]
    assert "EUR 15,200.00 (EUR 8,000.00 already committed + EUR 7,200.00 now)" in message
    assert "cap of EUR 15,000.00" in message
    second.refresh_from_db()
    assert second.decision == ""
    support = ledger.supports()[application.organization_id]
    assert support.total_eur == Decimal("8000.00")


@pytest.mark.django_db
def test_rates_apply_from_their_date_and_are_entered_by_finance(client):
    finance = staff_member(Role.FINANCE_OFFICER)
    client.force_login(finance)
    url = reverse("grants:exchange_rates")
    response = client.post(url, {"currency": "IQD", "valid_from": "2026-01-01", "per_euro": "-5"})
    assert response.status_code == 200 and "greater than or equal to" in response.content.decode()
    assert client.post(url, {"currency": "IQD", "valid_from": "2026-01-01", "per_euro": "1500"}).status_code == 302
    response = client.post(url, {"currency": "IQD", "valid_from": "2026-01-01", "per_euro": "1490"})
    assert "already a rate for this currency from that date" in response.content.decode()
    rates = ledger.Rates()
    # The conftest rate (1,450 from 2020) applies before 2026; the new one from 2026 on.
    assert rates.per_euro("IQD", dt.date(2025, 12, 31)) == Decimal("1450")
    assert rates.to_eur(Decimal("3000000"), "IQD", dt.date(2026, 3, 1)) == Decimal("2000.00")
    assert ExchangeRate.objects.get(valid_from="2026-01-01").entered_by == finance


@pytest.mark.django_db
def test_close_out_needs_the_final_report_approved_and_every_tranche_paid_or_cancelled(client):
    officer, finance = staff_member(Role.GRANT_OFFICER), staff_member(Role.FINANCE_OFFICER)
    agreement = signed_agreement(officer)
    grantee = grantee_of(agreement)
    first, second = agreement.tranches.order_by("number")
    agreement.refresh_from_db()
    problems = closing_problems(agreement)
    assert len(problems) == 2 and "#1, #2" in problems[1]
    tranche_request(actor=officer, tranche=first)
    payment_record(actor=finance, tranche=first, data={"paid_currency": "USD", "paid_on": TODAY, "reference": "B1"})
    final = report_schedule(actor=officer, agreement=agreement, kind="final", due_on=agreement.end_date)
    write(grantee, final, {})
    report_submit(actor=grantee, report=final)
    report_review(actor=officer, report=final, approve=True, comment="")
    client.force_login(officer)
    # Cancelling needs a reason: the page comes back with the error under the field.
    response = client.post(reverse("grants:tranche_cancel", args=[second.pk]), {f"cancel-{second.pk}-reason": ""})
    assert response.status_code == 200 and "This field is required." in response.content.decode()
    client.post(
        reverse("grants:tranche_cancel", args=[second.pk]), {f"cancel-{second.pk}-reason": "Activities ended early."}
    )
    second.refresh_from_db()
    assert second.status == "cancelled" and second.cancel_reason == "Activities ended early."
    assert client.post(reverse("grants:agreement_close", args=[agreement.pk])).status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == "closed" and agreement.closed_by == officer
    assert Notification.objects.filter(recipient=grantee, kind="agreement_closed").exists()
    # Committed is the grant less the cancelled tranche.
    support = ledger.supports()[agreement.application.organization_id]
    assert support.grants[0][1] == Decimal("6000")


@pytest.mark.django_db
def test_report_reminders_go_a_week_before_and_once_overdue_each_only_once(django_capture_on_commit_callbacks):
    officer = staff_member(Role.GRANT_OFFICER)
    agreement = signed_agreement(officer)
    grantee = grantee_of(agreement)
    today = timezone.localdate()
    soon = interim(officer, agreement, due_on=today + dt.timedelta(days=5))
    interim(officer, agreement, due_on=today + dt.timedelta(days=30))
    late = interim(officer, agreement, due_on=today + dt.timedelta(days=1))
    GrantReport.objects.filter(pk=late.pk).update(due_on=today - dt.timedelta(days=2))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_report_reminders() == 2
        assert send_report_reminders() == 0
    kinds = sorted(Notification.objects.filter(recipient=grantee).values_list("kind", flat=True))
    assert kinds == ["report_due", "report_overdue"]
    assert len(mail.outbox) == 2 and str(agreement.number) in mail.outbox[0].body
    urls = set(Notification.objects.values_list("url", flat=True))
    assert urls == {reverse("grants:report", args=[soon.pk]), reverse("grants:report", args=[late.pk])}


@pytest.mark.django_db
def test_the_report_page_keeps_what_was_typed_and_lists_what_stops_the_submission(client):
    officer = staff_member(Role.GRANT_OFFICER)
    agreement = two_line_agreement(officer)
    grantee = grantee_of(agreement)
    activities, administration = lines(agreement)
    report = interim(officer, agreement)
    client.force_login(grantee)
    url = reverse("grants:report", args=[report.pk])
    form = {"narrative": "Dialogues in Basra.", **PEOPLE, f"line_{activities.pk}": "-5", "action": "save"}
    response = client.post(url, form)
    html = response.content.decode()
    assert response.status_code == 200 and "Dialogues in Basra." in html
    assert "greater than or equal to 0" in html
    form[f"line_{activities.pk}"] = "7000"
    form["action"] = "submit"
    html = client.post(url, form).content.decode()
    assert 'data-testid="report-problems"' in html and "Attach the receipts" in html and "would reach 7,000.00" in html
    report.refresh_from_db()
    assert report.status == "due" and report.expenses.get().amount == Decimal("7000")  # the draft is saved
    # A receipt of a forbidden type is refused with the reason.
    bad = client.post(
        reverse("grants:receipt_add", args=[report.pk]),
        {"file": in_memory_pdf("receipt.exe")},
    )
    assert bad.status_code == 200 and not report.receipts.exists()
    client.post(reverse("grants:receipt_add", args=[report.pk]), {"file": in_memory_pdf("receipt.pdf")})
    form[f"line_{activities.pk}"] = "2000"
    assert client.post(url, form).status_code == 302
    report.refresh_from_db()
    assert report.status == "submitted"
    # The officer reviews on the page; the grantee reads the outcome.
    client.force_login(officer)
    response = client.post(reverse("grants:report_review", args=[report.pk]), {"action": "changes", "comment": ""})
    assert "Say what has to change" in response.content.decode()
    client.post(reverse("grants:report_review", args=[report.pk]), {"action": "approve", "comment": "Good."})
    client.force_login(grantee)
    html = client.get(url).content.decode()
    assert "Approved" in html and "Good." in html and 'data-testid="beneficiaries">32<' in html


@pytest.mark.django_db
def test_an_amendment_form_keeps_its_values_on_refusal_and_the_officer_decides_on_the_agreement_page(client):
    officer = staff_member(Role.GRANT_OFFICER)
    agreement = two_line_agreement(officer)
    grantee = grantee_of(agreement)
    activities, administration = lines(agreement)
    client.force_login(grantee)
    url = reverse("grants:amendment_request", args=[agreement.pk])
    form = {
        "kind": "budget",
        "justification": "Transport costs doubled.",
        f"line_{activities.pk}": "5000",
        f"line_{administration.pk}": "4500",
    }
    html = client.post(url, form).content.decode()
    assert "add up to 9,500.00 but the budget is 10,000.00" in html and "Transport costs doubled." in html
    form[f"line_{administration.pk}"] = "5000"
    assert client.post(url, form).status_code == 302
    amendment = agreement.amendments.get()
    client.force_login(officer)
    page = client.get(reverse("grants:agreement", args=[agreement.pk])).content.decode()
    assert 'data-testid="amendment"' in page and "Transport costs doubled." in page
    assert (
        '<td>Activities</td><td class="text-end ltr-value">6,000.00</td><td class="text-end ltr-value">5,000.00' in page
    )
    decide = reverse("grants:amendment_decide", args=[amendment.pk])
    html = client.post(decide, {"action": "refuse", f"a{amendment.pk}-comment": ""}).content.decode()
    assert "Say why the amendment is refused." in html
    client.post(decide, {"action": "refuse", f"a{amendment.pk}-comment": "Keep the administration line."})
    amendment.refresh_from_db()
    assert amendment.status == "refused" and current_budget(agreement).number == 1


def _portfolio_data(officer, finance, count: int):
    """`count` signed agreements, each with an overdue report, a submitted report and a payment."""
    call = published_call(code=f"PF-{GrantReport.objects.count()}")
    for index in range(count):
        agreement = signed_agreement(officer, number=f"PF-{call.code}-{index}", call=call)
        grantee = grantee_of(agreement)
        first = agreement.tranches.get(number=1)
        tranche_request(actor=officer, tranche=first)
        payment_record(actor=finance, tranche=first, data={"paid_currency": "USD", "paid_on": TODAY, "reference": "B"})
        late = interim(officer, agreement, due_on=timezone.localdate() + dt.timedelta(days=1))
        GrantReport.objects.filter(pk=late.pk).update(due_on=timezone.localdate() - dt.timedelta(days=3))
        submitted = interim(officer, agreement)
        write(grantee, submitted, {})
        report_submit(actor=grantee, report=submitted)


@pytest.mark.django_db
def test_portfolio_payments_and_recipients_make_the_same_queries_for_5_and_50_grants(client):
    officer, finance = staff_member(Role.GRANT_OFFICER), staff_member(Role.FINANCE_OFFICER)
    _portfolio_data(officer, finance, 5)
    client.force_login(officer)
    pages = {
        "portfolio": (reverse("grants:portfolio"), 'data-testid="overdue"'),
        "payments": (reverse("grants:payment_list"), 'data-testid="payment-row"'),
        "recipients": (reverse("grants:recipients"), 'data-testid="recipient-row"'),
    }
    five = {}
    for name, (url, marker) in pages.items():
        cache.clear()  # each page cold: nothing kept from the request before
        with CaptureQueriesContext(connection) as queries:
            html = client.get(url).content.decode()
        assert html.count(marker) == 5, name
        five[name] = len(queries)
    html = client.get(reverse("grants:portfolio")).content.decode()
    assert "50,000.00 USD" in html and "30,000.00 USD" in html  # committed and paid
    assert html.count('data-testid="pending"') == 5
    assert "due 3 days ago" in html
    _portfolio_data(officer, finance, 45)
    for name, (url, marker) in pages.items():
        cache.clear()  # each page cold: nothing kept from the request before
        with CaptureQueriesContext(connection) as queries:
            html = client.get(url).content.decode()
        assert html.count(marker) == 50, name
        assert len(queries) == five[name], name


@pytest.mark.django_db
def test_the_donor_sees_aggregated_commitments_and_payments_only(client):
    officer, finance = staff_member(Role.GRANT_OFFICER), staff_member(Role.FINANCE_OFFICER)
    _portfolio_data(officer, finance, 2)
    client.force_login(staff_member(Role.DONOR))
    html = client.get(reverse("grants:portfolio")).content.decode()
    assert "20,000.00 USD" in html and 'data-testid="money-row"' in html
    assert 'data-testid="overdue"' not in html and 'data-testid="pending"' not in html


@pytest.mark.django_db
def test_the_recipients_export_lists_signed_grants_with_their_euro_equivalent():

    officer = staff_member(Role.GRANT_OFFICER)
    signed_agreement(officer)
    exporter = exports.get("grant_recipients")
    rows = list(exporter.rows(officer, {}))
    assert len(rows) == 1 and exporter.count(officer, {}) == 1
    row = dict(zip(exporter.columns(), rows[0], strict=True))
    assert row["Amount"] == Decimal("10000") and row["Euro equivalent"] == Decimal("9090.91")
    assert row["Status"] == "Signed and running"


@pytest.mark.django_db
def test_a_reallocation_is_rechecked_when_decided_and_closed_grants_take_no_more_changes():
    officer = staff_member(Role.GRANT_OFFICER)
    agreement = two_line_agreement(officer)
    grantee = grantee_of(agreement)
    activities, administration = lines(agreement)
    amendment = amendment_request(
        actor=grantee,
        agreement=agreement,
        kind="budget",
        justification="Less activities.",
        amounts={activities.pk: Decimal("1000"), administration.pk: Decimal("9000")},
    )
    report = interim(officer, agreement)
    write(grantee, report, {activities.pk: Decimal("5000")})
    receipt_add(actor=grantee, report=report, file=in_memory_pdf())
    report_submit(actor=grantee, report=report)
    report_review(actor=officer, report=report, approve=True, comment="")
    with pytest.raises(ValidationError, match="cannot go below the 5,000.00 already spent"):
        amendment_decide(actor=officer, amendment=amendment, approve=True, comment="")
    amendment_decide(actor=officer, amendment=amendment, approve=False, comment="Spent already.")
    # A tranche of a draft agreement is changed through the schedule, not cancelled.
    draft = agreement_create(
        actor=officer,
        application=awarded_application(published_call(code="D-CALL")),
        data={
            "number": "D-1",
            "amount": Decimal("10000"),
            "start_date": TODAY,
            "end_date": TODAY + dt.timedelta(days=365),
        },
    )

    (tranche,) = tranches_set(
        actor=officer, agreement=draft, schedule=[{"amount": Decimal("10000"), "planned_date": TODAY}]
    )
    with pytest.raises(ValidationError, match="not yet signed"):
        tranche_cancel(actor=officer, tranche=tranche, reason="No.")
    # Once closed, the grant's reports no longer change.
    type(agreement).objects.filter(pk=agreement.pk).update(status="closed")
    later = GrantReport.objects.create(agreement=agreement, kind="interim", due_on=TODAY)
    with pytest.raises(ValidationError, match="closed"):
        write(grantee, later, {})


@pytest.mark.django_db
def test_a_late_report_sent_back_for_changes_is_reminded_once(django_capture_on_commit_callbacks):
    officer = staff_member(Role.GRANT_OFFICER)
    agreement = signed_agreement(officer)
    grantee = grantee_of(agreement)
    report = interim(officer, agreement, due_on=timezone.localdate() + dt.timedelta(days=20))
    write(grantee, report, {})
    report_submit(actor=grantee, report=report)
    report_review(actor=officer, report=report, approve=False, comment="Add the lists.")
    assert send_report_reminders() == 0  # not late yet
    GrantReport.objects.filter(pk=report.pk).update(due_on=timezone.localdate() - dt.timedelta(days=1))
    assert send_report_reminders() == 1 and send_report_reminders() == 0
    assert Notification.objects.filter(recipient=grantee, kind="report_overdue").count() == 1


@pytest.mark.django_db
def test_the_audit_trail_refuses_edits_and_deletions():

    officer = staff_member(Role.GRANT_OFFICER)
    agreement = signed_agreement(officer)
    event = GrantAgreementEvent.objects.filter(pgh_obj=agreement).first()
    with pytest.raises(ProgrammingError), transaction.atomic():
        GrantAgreementEvent.objects.filter(pk=event.pk).update(amount=Decimal("1"))
    with pytest.raises(ProgrammingError), transaction.atomic():
        TrancheEvent.objects.filter(pgh_obj__agreement=agreement).delete()


@pytest.mark.django_db
def test_a_receipt_of_a_closed_grant_cannot_be_removed():
    officer = staff_member(Role.GRANT_OFFICER)
    agreement = signed_agreement(officer)
    grantee = grantee_of(agreement)
    report = interim(officer, agreement)
    receipt = receipt_add(actor=grantee, report=report, file=in_memory_pdf())
    type(agreement).objects.filter(pk=agreement.pk).update(status="closed")
    with pytest.raises(ValidationError, match="The agreement is closed."):
        receipt_remove(actor=grantee, receipt=receipt)
    assert report.receipts.filter(pk=receipt.pk).exists()
