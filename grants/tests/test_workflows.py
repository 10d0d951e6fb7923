"""Every grants workflow walked through its services: from every status, each action the table
allows moves the record to its target, and each one it does not allow is refused with nothing
changed; a person the table does not name is refused too. Records are put in a status directly (the
test's setup), with everything else the service asks for in place, so only the status decides."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from centers.tests.factories import staff_member
from core.uploads import in_memory_pdf
from grants.models import (
    AgreementStatus,
    AmendmentKind,
    Application,
    GrantReport,
    Payment,
    ReportKind,
    ReportStatus,
    ReviewAssignment,
    TrancheStatus,
)
from grants.services.agreements import agreement_create, agreement_sign, tranche_request, tranches_set
from grants.services.amendments import amendment_decide, amendment_request
from grants.services.applications import application_save_section, application_submit, application_withdraw
from grants.services.closeout import agreement_close, tranche_cancel
from grants.services.decisions import application_invite
from grants.services.payments import payment_record, payment_reverse
from grants.services.reports import report_review, report_save, report_submit
from grants.services.reviews import review_declare, review_save
from grants.tests.factories import published_call
from grants.tests.test_payments import SCHEDULE, TODAY, awarded_application, signed_agreement
from grants.tests.test_reporting import PEOPLE, grantee_of
from grants.workflows import AGREEMENT, AMENDMENT, APPLICATION, REPORT, REVIEW, TRANCHE
from organizations.tests.factories import organization_with_admin

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Case:
    """A record in a status, the person the table names for the action, and the service call."""

    record: object
    actor: object
    run: object  # run(actor) calls the service


def walk(workflow):
    """(action, status) for every action of the table and every status of the field."""
    return [
        pytest.param(action, state, id=f"{action}-from-{state}")
        for action in workflow.actions
        for state in workflow.states.values
    ]


def expected_refusal(workflow, action, record, actor):
    named = any(t.allows(actor, record) for t in workflow.transitions if t.action == action)
    return ValidationError if named else PermissionDenied


def check_walk(workflow, action, state, case: Case):
    record = case.record
    transition = workflow.transition(action, state)
    if transition is not None:
        case.run(case.actor)
        record.refresh_from_db()
        assert getattr(record, workflow.field) == transition.target
        return
    refusal = expected_refusal(workflow, action, record, case.actor)
    with pytest.raises(refusal):
        case.run(case.actor)
    record.refresh_from_db()
    assert getattr(record, workflow.field) == state


def a_state_it_leaves(workflow, action) -> str:
    return min(next(t for t in workflow.transitions if t.action == action).sources_set)


def check_stranger_is_refused(workflow, action, case: Case):
    state = getattr(case.record, workflow.field)
    with pytest.raises(PermissionDenied):
        case.run(UserFactory())
    case.record.refresh_from_db()
    assert getattr(case.record, workflow.field) == state


def force(record, **values):
    type(record).objects.filter(pk=record.pk).update(**values)
    record.refresh_from_db()
    return record


# --- Applications ------------------------------------------------------------------------------------


def application_case(action, state) -> Case:
    """A stage-1 concept note of an open two-stage call, complete and found eligible."""
    call = published_call(two_stages=True, full_proposal_deadline=timezone.now() + dt.timedelta(days=60))
    organization, admin = organization_with_admin(verification_status="verified")
    application = Application.objects.create(
        call=call,
        organization=organization,
        created_by=admin,
        title="Peace circles",
        summary="Dialogue.",
        objectives="Trust.",
        reference="TEST-01-0001",
        submitted_at=timezone.now(),
        eligibility="eligible",
    )
    force(application, status=state)
    officer = staff_member(Role.GRANT_OFFICER)
    runs = {
        "save": lambda actor: application_save_section(
            actor=actor, application=application, section="project", data={"title": "Peace circles, again"}
        ),
        "submit": lambda actor: application_submit(actor=actor, application=application, declaration=True),
        "invite": lambda actor: application_invite(actor=actor, application=application),
        "withdraw": lambda actor: application_withdraw(actor=actor, application=application),
    }
    return Case(application, officer if action == "invite" else admin, runs[action])


@pytest.mark.parametrize(("action", "state"), walk(APPLICATION))
def test_the_application_workflow(action, state):
    check_walk(APPLICATION, action, state, application_case(action, state))


@pytest.mark.parametrize("action", APPLICATION.actions)
def test_the_application_workflow_refuses_people_it_does_not_name(action):
    check_stranger_is_refused(APPLICATION, action, application_case(action, a_state_it_leaves(APPLICATION, action)))


# --- Review assignments --------------------------------------------------------------------------------


def review_case(action, state) -> Case:
    application = awarded_application()
    force(application, decision="")
    reviewer = staff_member(Role.REVIEWER)
    assignment = ReviewAssignment.objects.create(application=application, reviewer=reviewer)
    force(assignment, status=state)
    scores = {c.pk: (Decimal("4"), False, "") for c in application.call.evaluation_criteria.all()}

    def save(actor, *, submit):
        return review_save(
            actor=actor, assignment=assignment, scores=scores, recommendation="fund", comment="", submit=submit
        )

    runs = {
        "declare": lambda actor: review_declare(actor=actor, assignment=assignment, conflict=False),
        "declare_conflict": lambda actor: review_declare(actor=actor, assignment=assignment, conflict=True),
        "save": lambda actor: save(actor, submit=False),
        "submit": lambda actor: save(actor, submit=True),
    }
    return Case(assignment, reviewer, runs[action])


@pytest.mark.parametrize(("action", "state"), walk(REVIEW))
def test_the_review_workflow(action, state):
    check_walk(REVIEW, action, state, review_case(action, state))


@pytest.mark.parametrize("action", REVIEW.actions)
def test_the_review_workflow_refuses_people_it_does_not_name(action):
    check_stranger_is_refused(REVIEW, action, review_case(action, a_state_it_leaves(REVIEW, action)))


# --- Agreements ---------------------------------------------------------------------------------------


def agreement_case(action, state) -> Case:
    """A 10,000 agreement whose schedule adds up; ready to close: every tranche cancelled and the
    final report approved."""
    officer = staff_member(Role.GRANT_OFFICER)
    agreement = agreement_create(
        actor=officer,
        application=awarded_application(),
        data={
            "number": "TAT-W-001",
            "amount": Decimal("10000"),
            "start_date": TODAY,
            "end_date": TODAY + dt.timedelta(days=365),
        },
    )
    tranches_set(actor=officer, agreement=agreement, schedule=SCHEDULE)
    if action == "close":
        agreement.tranches.update(status=TrancheStatus.CANCELLED)
        GrantReport.objects.create(
            agreement=agreement,
            kind=ReportKind.FINAL,
            due_on=agreement.end_date,
            status=ReportStatus.APPROVED,
            submitted_at=timezone.now(),
        )
    force(agreement, status=state)
    runs = {
        "sign": lambda actor: agreement_sign(
            actor=actor, agreement=agreement, signed_copy=in_memory_pdf(), cso_date=TODAY, programme_date=TODAY
        ),
        "close": lambda actor: agreement_close(actor=actor, agreement=agreement),
    }
    return Case(agreement, officer, runs[action])


@pytest.mark.parametrize(("action", "state"), walk(AGREEMENT))
def test_the_agreement_workflow(action, state):
    check_walk(AGREEMENT, action, state, agreement_case(action, state))


@pytest.mark.parametrize("action", AGREEMENT.actions)
def test_the_agreement_workflow_refuses_people_it_does_not_name(action):
    check_stranger_is_refused(AGREEMENT, action, agreement_case(action, a_state_it_leaves(AGREEMENT, action)))


def test_a_signed_or_closed_agreement_cannot_be_signed_again():
    officer = staff_member(Role.GRANT_OFFICER)
    agreement = signed_agreement(officer)
    agreement.refresh_from_db()
    signed_copy = agreement.signed_copy.name
    for state in (AgreementStatus.ACTIVE, AgreementStatus.CLOSED):
        force(agreement, status=state)
        with pytest.raises(ValidationError):
            agreement_sign(
                actor=officer,
                agreement=agreement,
                signed_copy=in_memory_pdf("again.pdf"),
                cso_date=TODAY + dt.timedelta(days=1),
                programme_date=TODAY + dt.timedelta(days=1),
            )
        agreement.refresh_from_db()
        assert agreement.status == state  # a closed grant is not reopened
        assert (agreement.signed_copy.name, agreement.signed_by_cso_on) == (signed_copy, TODAY)


# --- Tranches -----------------------------------------------------------------------------------------


def tranche_case(action, state) -> Case:
    """The first tranche (6,000, released on signature) of a signed agreement, requested by the
    officer when it is past planned, with a payment on it to reverse."""
    officer = staff_member(Role.GRANT_OFFICER)
    finance = staff_member(Role.FINANCE_OFFICER)
    agreement = signed_agreement(officer)
    first = agreement.tranches.get(number=1)
    force(first, status=state, requested_by=officer, requested_at=timezone.now())
    payment = None
    if action == "reverse":
        payment = Payment.objects.create(
            tranche=first,
            amount=first.amount,
            paid_currency=agreement.currency,
            paid_on=TODAY,
            reference="BANK-1",
            requested_by=officer,
            approved_by=finance,
        )
    runs = {
        "reschedule": lambda actor: tranches_set(
            actor=actor,
            agreement=agreement,
            schedule=[{"id": first.pk, "amount": first.amount, "planned_date": TODAY + dt.timedelta(days=1)}],
        ),
        "request": lambda actor: tranche_request(actor=actor, tranche=first),
        "pay": lambda actor: payment_record(
            actor=actor,
            tranche=first,
            data={"paid_currency": agreement.currency, "paid_on": TODAY, "reference": "BANK-1"},
        ),
        "reverse": lambda actor: payment_reverse(actor=actor, payment=payment, note="Wrong account."),
        "cancel": lambda actor: tranche_cancel(actor=actor, tranche=first, reason="Not needed."),
    }
    return Case(first, finance if action in ("pay", "reverse") else officer, runs[action])


@pytest.mark.parametrize(("action", "state"), walk(TRANCHE))
def test_the_tranche_workflow(action, state):
    check_walk(TRANCHE, action, state, tranche_case(action, state))


@pytest.mark.parametrize("action", TRANCHE.actions)
def test_the_tranche_workflow_refuses_people_it_does_not_name(action):
    check_stranger_is_refused(TRANCHE, action, tranche_case(action, a_state_it_leaves(TRANCHE, action)))


# --- Reports ------------------------------------------------------------------------------------------


def report_case(action, state) -> Case:
    """An interim report with its narrative and people reached and no spending (so no receipt)."""
    officer = staff_member(Role.GRANT_OFFICER)
    agreement = signed_agreement(officer)
    grantee = grantee_of(agreement)
    report = GrantReport.objects.create(
        agreement=agreement, kind=ReportKind.INTERIM, due_on=TODAY + dt.timedelta(days=30), narrative="Done.", **PEOPLE
    )
    force(report, status=state, submitted_at=timezone.now())
    data = {"narrative": "Done, and more.", **PEOPLE}
    runs = {
        "save": lambda actor: report_save(actor=actor, report=report, data=data, expenses={}),
        "submit": lambda actor: report_submit(actor=actor, report=report),
        "approve": lambda actor: report_review(actor=actor, report=report, approve=True, comment=""),
        "request_changes": lambda actor: report_review(actor=actor, report=report, approve=False, comment="Fix."),
    }
    return Case(report, officer if action in ("approve", "request_changes") else grantee, runs[action])


@pytest.mark.parametrize(("action", "state"), walk(REPORT))
def test_the_report_workflow(action, state):
    check_walk(REPORT, action, state, report_case(action, state))


@pytest.mark.parametrize("action", REPORT.actions)
def test_the_report_workflow_refuses_people_it_does_not_name(action):
    check_stranger_is_refused(REPORT, action, report_case(action, a_state_it_leaves(REPORT, action)))


# --- Amendments ---------------------------------------------------------------------------------------


def amendment_case(action, state) -> Case:
    officer = staff_member(Role.GRANT_OFFICER)
    agreement = signed_agreement(officer)
    amendment = amendment_request(
        actor=grantee_of(agreement),
        agreement=agreement,
        kind=AmendmentKind.EXTENSION,
        justification="The hall was late.",
        new_end_date=agreement.end_date + dt.timedelta(days=60),
    )
    force(amendment, status=state)
    runs = {
        "approve": lambda actor: amendment_decide(actor=actor, amendment=amendment, approve=True, comment=""),
        "refuse": lambda actor: amendment_decide(actor=actor, amendment=amendment, approve=False, comment="No."),
    }
    return Case(amendment, officer, runs[action])


@pytest.mark.parametrize(("action", "state"), walk(AMENDMENT))
def test_the_amendment_workflow(action, state):
    check_walk(AMENDMENT, action, state, amendment_case(action, state))


@pytest.mark.parametrize("action", AMENDMENT.actions)
def test_the_amendment_workflow_refuses_people_it_does_not_name(action):
    check_stranger_is_refused(AMENDMENT, action, amendment_case(action, a_state_it_leaves(AMENDMENT, action)))


# --- The design document --------------------------------------------------------------------------------


@pytest.mark.parametrize("workflow", [APPLICATION, REVIEW, AGREEMENT, TRANCHE, REPORT, AMENDMENT], ids=lambda w: w.name)
def test_docs_workflows_shows_each_grants_table_as_it_is(workflow):
    assert workflow.markdown() in (ROOT / "docs" / "workflows.md").read_text()
