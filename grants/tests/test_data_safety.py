"""Nothing lost on save: grant records are updated in place (history shows updates, not a delete and
a new insert), a row is removed only when the user asks, never when something depends on it, every
removal of a record that money or people figures depend on is in the audit trail, and the work a
form can ask for is bounded."""

import datetime as dt
import re
import time
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from centers.tests.factories import staff_member
from core.files import private_file_url, read_token
from core.uploads import in_memory_pdf
from grants.forms.accompaniment import ActionFormSet
from grants.forms.agreements import TrancheFormSet
from grants.forms.calls import AttachmentFormSet, CriteriaFormSet, EligibilityFormSet, QuestionFormSet
from grants.models import (
    Application,
    ApplicationAttachment,
    BudgetLine,
    BudgetLineEvent,
    EvaluationCriterion,
    GrantAgreement,
    GrantCall,
    GrantReport,
    GrantReportEvent,
    ReportExpense,
    ReportExpenseEvent,
    ReportReceipt,
    ReportReceiptEvent,
    RequiredAttachment,
    ReviewAssignment,
    ReviewScore,
    ReviewScoreEvent,
    Tranche,
    TrancheCondition,
    TrancheConditionEvent,
    TrancheEvent,
)
from grants.services.agreements import agreement_create, tranches_set
from grants.services.applications import application_start, attachment_upload, budget_line_add, budget_line_remove
from grants.services.reports import receipt_add, receipt_remove, report_save, report_unschedule
from grants.services.reviews import review_save
from grants.tests.factories import published_call
from grants.tests.test_calls import form_post
from grants.tests.test_payments import TODAY, awarded_application, requested_first_tranche, signed_agreement
from grants.tests.test_reporting import PEOPLE, grantee_of, interim, two_line_agreement
from organizations.tests.factories import organization_with_admin
from tests.access import LOGIN, PRIVATE_FILES, ROLES

pytestmark = pytest.mark.django_db


def labels(event_model, **filters) -> list[str]:
    return list(event_model.objects.filter(**filters).order_by("pgh_id").values_list("pgh_label", flat=True))


# --- Reviews -------------------------------------------------------------------------------------


def declared_assignment():
    call = published_call()
    EvaluationCriterion.objects.create(call=call, title="Budget", title_en="Budget", max_score=10, weight=Decimal("1"))
    organization, _admin = organization_with_admin(verification_status="verified")
    application = Application.objects.create(
        call=call,
        organization=organization,
        status="submitted",
        reference="R-0001",
        submitted_at=timezone.now(),
        eligibility="eligible",
    )
    reviewer = staff_member(Role.REVIEWER)
    assignment = ReviewAssignment.objects.create(
        application=application, reviewer=reviewer, status="declared", declared_at=timezone.now()
    )
    return assignment, reviewer, list(call.evaluation_criteria.order_by("pk"))


def test_saving_a_review_again_updates_its_scores_in_place():
    # given a review saved once
    assignment, reviewer, (relevance, budget) = declared_assignment()
    review_save(
        actor=reviewer,
        assignment=assignment,
        scores={relevance.pk: (Decimal("3"), False, "Fits."), budget.pk: (None, False, "")},
        recommendation="",
        comment="",
        submit=False,
    )
    first_ids = dict(ReviewScore.objects.values_list("criterion_id", "pk"))
    # when the reviewer changes one score and saves again
    review_save(
        actor=reviewer,
        assignment=assignment,
        scores={relevance.pk: (Decimal("4"), False, "Fits well."), budget.pk: (None, False, "")},
        recommendation="fund",
        comment="Good.",
        submit=False,
    )
    # then the same rows carry the new values, and history shows one update and no second insert
    assert dict(ReviewScore.objects.values_list("criterion_id", "pk")) == first_ids
    changed = ReviewScore.objects.get(criterion=relevance)
    assert (changed.score, changed.comment) == (Decimal("4.00"), "Fits well.")
    assert labels(ReviewScoreEvent, pgh_obj=changed) == ["insert", "update"]
    assert labels(ReviewScoreEvent, pgh_obj=ReviewScore.objects.get(criterion=budget)) == ["insert"]


# --- Tranches ------------------------------------------------------------------------------------


def draft_agreement(officer, number="TAT-G-S1"):
    return agreement_create(
        actor=officer,
        application=awarded_application(),
        data={
            "number": number,
            "amount": Decimal("10000"),
            "start_date": TODAY,
            "end_date": TODAY + dt.timedelta(days=365),
        },
    )


def test_changing_the_tranche_schedule_updates_the_tranches_in_place():
    officer = staff_member(Role.GRANT_OFFICER)
    agreement = draft_agreement(officer)
    first, second = tranches_set(
        actor=officer,
        agreement=agreement,
        schedule=[
            {"amount": Decimal("6000"), "planned_date": TODAY, "conditions": ["signed", "other"]},
            {"amount": Decimal("4000"), "planned_date": TODAY + dt.timedelta(days=90), "conditions": ["report"]},
        ],
    )
    signed = first.conditions.get(kind="signed")
    TrancheCondition.objects.filter(pk=signed.pk).update(met_at=timezone.now(), met_by=officer)
    # when the officer moves 1,000 from the second tranche to the first, puts the second before the
    # first and drops the "other" condition
    tranches_set(
        actor=officer,
        agreement=agreement,
        schedule=[
            {
                "id": first.pk,
                "amount": Decimal("7000"),
                "planned_date": TODAY + dt.timedelta(days=100),
                "conditions": ["signed"],
            },
            {
                "id": second.pk,
                "amount": Decimal("3000"),
                "planned_date": TODAY + dt.timedelta(days=90),
                "conditions": ["report"],
            },
        ],
    )
    # then the same tranches carry the new amounts and numbers; the condition already met stays met
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.number, first.amount, second.number, second.amount) == (2, Decimal("7000"), 1, Decimal("3000"))
    assert set(Tranche.objects.values_list("pk", flat=True)) == {first.pk, second.pk}
    assert TrancheCondition.objects.get(pk=signed.pk).met_at is not None
    assert list(first.conditions.values_list("kind", flat=True)) == ["signed"]
    assert labels(TrancheEvent, pgh_obj_id=first.pk) == ["insert", "update"]
    assert "delete" not in labels(TrancheEvent)
    assert labels(TrancheConditionEvent, pgh_obj_id=signed.pk) == ["insert", "update"]
    assert labels(TrancheConditionEvent, kind="other") == ["insert", "delete"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
def test_tranches_swapping_numbers_in_place_commit():
    # The number check is deferred to the end of the transaction: a real commit must pass it.
    officer = staff_member(Role.GRANT_OFFICER, mfa=False)
    agreement = draft_agreement(officer)
    first, second = tranches_set(
        actor=officer,
        agreement=agreement,
        schedule=[
            {"amount": Decimal("6000"), "planned_date": TODAY},
            {"amount": Decimal("4000"), "planned_date": TODAY + dt.timedelta(days=90)},
        ],
    )
    tranches_set(
        actor=officer,
        agreement=agreement,
        schedule=[
            {"id": first.pk, "amount": Decimal("6000"), "planned_date": TODAY + dt.timedelta(days=120)},
            {"id": second.pk, "amount": Decimal("4000"), "planned_date": TODAY + dt.timedelta(days=90)},
        ],
    )
    assert list(agreement.tranches.order_by("number").values_list("pk", flat=True)) == [second.pk, first.pk]


def test_only_the_tranche_removed_goes_and_its_removal_is_in_the_audit_trail():
    officer = staff_member(Role.GRANT_OFFICER)
    agreement = draft_agreement(officer)
    first, second = tranches_set(
        actor=officer,
        agreement=agreement,
        schedule=[
            {"amount": Decimal("6000"), "planned_date": TODAY},
            {"amount": Decimal("4000"), "planned_date": TODAY + dt.timedelta(days=90)},
        ],
    )
    tranches_set(
        actor=officer,
        agreement=agreement,
        schedule=[{"id": first.pk, "amount": Decimal("10000"), "planned_date": TODAY}],
        removed=[second.pk],
    )
    assert list(Tranche.objects.values_list("pk", "amount")) == [(first.pk, Decimal("10000"))]
    deletion = TrancheEvent.objects.get(pgh_obj_id=second.pk, pgh_label="delete")
    assert deletion.pgh_context.metadata["user"] == officer.pk


def test_a_tranche_with_a_payment_request_cannot_be_removed_and_nothing_changes():
    officer = staff_member(Role.GRANT_OFFICER)
    agreement, first = requested_first_tranche(officer)
    second = agreement.tranches.get(number=2)
    before = list(Tranche.objects.order_by("pk").values_list("pk", "amount", "status"))
    events = TrancheEvent.objects.count()
    with pytest.raises(ValidationError) as refused:
        tranches_set(
            actor=officer,
            agreement=agreement,
            schedule=[{"id": second.pk, "amount": Decimal("10000"), "planned_date": second.planned_date}],
            removed=[first.pk],
        )
    assert (
        "Tranche #1 has a payment request, a payment or a cancellation: it cannot be removed." in refused.value.messages
    )
    assert list(Tranche.objects.order_by("pk").values_list("pk", "amount", "status")) == before
    assert TrancheEvent.objects.count() == events


def test_a_tranche_of_another_agreement_is_refused():
    officer = staff_member(Role.GRANT_OFFICER)
    agreement = draft_agreement(officer)
    other = signed_agreement(officer, number="TAT-G-OTHER", call=published_call(code="OTHER-01"))
    stranger = other.tranches.get(number=2)
    with pytest.raises(ValidationError, match="not a tranche of this agreement"):
        tranches_set(
            actor=officer,
            agreement=agreement,
            schedule=[{"id": stranger.pk, "amount": Decimal("10000"), "planned_date": TODAY}],
        )
    stranger.refresh_from_db()
    assert (stranger.agreement_id, stranger.amount) == (other.pk, Decimal("4000"))
    assert not agreement.tranches.exists()


def test_the_schedule_form_carries_each_tranches_id_and_saves_in_place(client):
    officer = staff_member(Role.GRANT_OFFICER)
    agreement = draft_agreement(officer)
    first, second = tranches_set(
        actor=officer,
        agreement=agreement,
        schedule=[
            {"amount": Decimal("6000"), "planned_date": TODAY},
            {"amount": Decimal("4000"), "planned_date": TODAY + dt.timedelta(days=90)},
        ],
    )
    client.force_login(officer)
    html = client.get(reverse("grants:agreement", args=[agreement.pk])).content.decode()
    assert f'name="tranches-0-id" value="{first.pk}"' in html
    assert f'name="tranches-1-id" value="{second.pk}"' in html
    response = client.post(
        reverse("grants:agreement_tranches", args=[agreement.pk]),
        {
            "tranches-TOTAL_FORMS": "2",
            "tranches-INITIAL_FORMS": "2",
            "tranches-0-id": str(first.pk),
            "tranches-0-amount": "10000",
            "tranches-0-planned_date": TODAY.isoformat(),
            "tranches-1-id": str(second.pk),
            "tranches-1-amount": "4000",
            "tranches-1-planned_date": (TODAY + dt.timedelta(days=90)).isoformat(),
            "tranches-1-DELETE": "on",
        },
    )
    assert response.status_code == 302
    assert list(agreement.tranches.values_list("pk", "amount")) == [(first.pk, Decimal("10000"))]


# --- Reports -------------------------------------------------------------------------------------


def test_saving_a_report_again_updates_its_spending_in_place():
    officer = staff_member(Role.GRANT_OFFICER)
    agreement = two_line_agreement(officer)
    grantee = grantee_of(agreement)
    report = interim(officer, agreement)
    activities, administration = agreement.budget_lines.order_by("order")
    data = {"narrative": "Two trainings.", **PEOPLE}
    report_save(
        actor=grantee,
        report=report,
        data=data,
        expenses={activities.pk: Decimal("100"), administration.pk: Decimal("50")},
    )
    ids = dict(ReportExpense.objects.values_list("line_id", "pk"))
    report_save(
        actor=grantee,
        report=report,
        data=data,
        expenses={activities.pk: Decimal("120"), administration.pk: Decimal("50")},
    )
    assert dict(ReportExpense.objects.values_list("line_id", "pk")) == ids
    assert ReportExpense.objects.get(line=activities).amount == Decimal("120")
    assert labels(ReportExpenseEvent, pgh_obj_id=ids[activities.pk]) == ["insert", "update"]
    assert labels(ReportExpenseEvent, pgh_obj_id=ids[administration.pk]) == ["insert"]
    # clearing a line's spending keeps the row, at zero, and says so in the history
    report_save(actor=grantee, report=report, data=data, expenses={activities.pk: Decimal("120")})
    assert ReportExpense.objects.get(line=administration).amount == Decimal("0")
    assert labels(ReportExpenseEvent, pgh_obj_id=ids[administration.pk]) == ["insert", "update"]


def test_unscheduling_a_report_and_removing_a_receipt_are_in_the_audit_trail():
    officer = staff_member(Role.GRANT_OFFICER)
    agreement = signed_agreement(officer)
    grantee = grantee_of(agreement)
    started = interim(officer, agreement)
    receipt = receipt_add(actor=grantee, report=started, file=in_memory_pdf("receipt.pdf"))
    receipt_id = receipt.pk
    receipt_remove(actor=grantee, receipt=receipt)
    assert not ReportReceipt.objects.exists()
    assert labels(ReportReceiptEvent, pgh_obj_id=receipt_id) == ["insert", "delete"]
    untouched = interim(officer, agreement, due_on=TODAY + dt.timedelta(days=120))
    report_unschedule(actor=officer, report=untouched)
    assert not GrantReport.objects.filter(pk=untouched.pk).exists()
    deletion = GrantReportEvent.objects.get(pgh_obj_id=untouched.pk, pgh_label="delete")
    assert deletion.pgh_context.metadata["user"] == officer.pk


# --- Applications --------------------------------------------------------------------------------


def test_replacing_an_attachment_keeps_its_record(client):
    call = published_call()
    required = RequiredAttachment.objects.create(call=call, name="Registration certificate")
    organization, admin = organization_with_admin(verification_status="verified")
    application = application_start(actor=admin, call=call, organization=organization)
    attachment_upload(actor=admin, application=application, required=required, upload=in_memory_pdf("old.pdf"))
    first = ApplicationAttachment.objects.get()
    attachment_upload(actor=admin, application=application, required=required, upload=in_memory_pdf("new.pdf"))
    replaced = ApplicationAttachment.objects.get()
    assert replaced.pk == first.pk
    assert replaced.original_filename == "new.pdf" and replaced.file.name != first.file.name


def test_removing_a_budget_line_is_in_the_audit_trail():
    call = published_call()
    organization, admin = organization_with_admin(verification_status="verified")
    application = application_start(actor=admin, call=call, organization=organization)
    line = budget_line_add(
        actor=admin,
        application=application,
        data={"category": "staff", "description": "Coordinator", "unit": "month", "quantity": 6, "unit_cost": 500},
    )
    line_id = line.pk
    budget_line_remove(actor=admin, line=line)
    assert not BudgetLine.objects.exists()
    deletion = BudgetLineEvent.objects.get(pgh_obj_id=line_id, pgh_label="delete")
    assert (deletion.description, deletion.pgh_context.metadata["user"]) == ("Coordinator", admin.pk)


# --- Bounded formsets (finding 6) ------------------------------------------------------------------


@pytest.mark.parametrize(
    "formset", [CriteriaFormSet, EligibilityFormSet, AttachmentFormSet, QuestionFormSet, TrancheFormSet, ActionFormSet]
)
def test_every_grants_formset_has_a_maximum_that_is_enforced(formset):
    assert formset.validate_max
    assert formset.max_num <= 50 and formset.absolute_max <= 2 * formset.max_num


def test_an_inflated_formset_count_on_the_call_form_is_a_form_error_quickly_and_nothing_is_saved(client):
    client.force_login(staff_member(Role.GRANT_OFFICER))
    inflated = {f"{prefix}-TOTAL_FORMS": "100000" for prefix in ("criteria", "eligibility", "attachments", "questions")}
    started = time.monotonic()
    response = client.post(reverse("grants:call_create"), form_post(**inflated))
    elapsed = time.monotonic() - started
    assert response.status_code == 200
    html = response.content.decode()
    assert "Please submit at most" in html
    assert all(len(formset.forms) <= formset.absolute_max <= 100 for formset in response.context["formsets"])
    assert elapsed < 15
    assert not GrantCall.objects.exists()
    assert not EvaluationCriterion.objects.exists()


# --- The signed agreement (finding 8) --------------------------------------------------------------


def _download(client, user, agreement):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.get(private_file_url(agreement, "signed_copy"))


def test_the_signed_agreement_is_downloaded_by_the_admin_the_officers_and_the_grantee_only(client, admin_user):
    officer = staff_member(Role.GRANT_OFFICER)
    agreement = signed_agreement(officer)
    grantee = grantee_of(agreement)
    _other_cso, other_admin = organization_with_admin(verification_status="verified")
    for user in (admin_user, officer, staff_member(Role.FINANCE_OFFICER), grantee):
        response = _download(client, user, agreement)
        assert response.status_code == 200, user
        assert b"".join(response.streaming_content).startswith(b"%PDF")
        assert response["Content-Disposition"] == f'attachment; filename="agreement-{agreement.number}.pdf"'
    assert _download(client, other_admin, agreement).status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_the_signed_agreement_answers_each_role_as_the_access_table_says(client, role_users, role):
    # The role users belong to no CSO: the grantee is another tenant for all of them.
    agreement = signed_agreement(staff_member(Role.GRANT_OFFICER))
    expected = PRIVATE_FILES["grants.GrantAgreement.signed_copy"].expected(role)
    response = _download(client, role_users[role], agreement)
    if expected == LOGIN:
        assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == expected


def test_the_agreement_page_links_the_signed_copy(client):
    officer = staff_member(Role.GRANT_OFFICER)
    agreement = signed_agreement(officer)
    client.force_login(grantee_of(agreement))
    html = client.get(reverse("grants:agreement", args=[agreement.pk])).content.decode()
    # The link is signed with the second it was made in: compare what it names, not its text.
    links = [read_token(token) for token in re.findall(r'href="/en/files/([^/"]+)/"', html)]
    assert ("grants.grantagreement", agreement.pk, "signed_copy") in [(k.model, k.pk, k.field) for k in links if k]


def test_the_agreement_rule_serves_only_the_signed_copy(client):
    officer = staff_member(Role.GRANT_OFFICER)
    agreement = signed_agreement(officer)
    client.force_login(grantee_of(agreement))
    # the agreement has no other private file: a token naming another field answers 404
    assert client.get(private_file_url(agreement, "number")).status_code == 404


def test_a_signed_copy_photo_is_downloaded_under_its_own_extension():
    assert GrantAgreement(number="G-7", signed_copy="grants/2026/01/abc.png").original_filename == "agreement-G-7.png"
    assert GrantAgreement(number="G-7").original_filename == "agreement-G-7.pdf"
