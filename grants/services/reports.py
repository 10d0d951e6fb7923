"""The grantee's reports: the officer's schedule, the draft and its receipts, the submission and the
review, whose approval meets the next "report approved" release condition."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.audit import actor_context
from grants import permissions
from grants.models import (
    BENEFICIARY_FIELDS,
    AgreementBudgetLine,
    AgreementStatus,
    ConditionKind,
    GrantAgreement,
    GrantReport,
    ReportExpense,
    ReportKind,
    ReportReceipt,
    ReportStatus,
)
from grants.rules.budgets import budget_rows, variance_problems
from grants.rules.reports import report_problems
from grants.services.agreements import meet_next_waiting
from grants.services.common import notify_grantee, notify_officers
from grants.workflows import REPORT


def _open_agreement(report: GrantReport) -> GrantAgreement:
    """Locks the report's agreement (reports of one agreement are checked against the same budget,
    so they are submitted and approved one at a time) and refuses a closed one."""
    agreement = GrantAgreement.objects.select_for_update().get(pk=report.agreement_id)
    if agreement.status == AgreementStatus.CLOSED:
        raise ValidationError(_("The agreement is closed."))
    return agreement


@transaction.atomic
def report_schedule(*, actor: User, agreement: GrantAgreement, kind: str, due_on: dt.date) -> GrantReport:
    """The officer puts an interim or the final report on the agreement's schedule."""
    if not permissions.can_manage_calls(actor):
        raise PermissionDenied
    agreement = GrantAgreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.status == AgreementStatus.CLOSED:
        raise ValidationError(_("The agreement is closed."))
    if due_on < timezone.localdate():
        raise ValidationError({"due_on": _("The due date cannot be in the past.")})
    if kind == ReportKind.FINAL and due_on < agreement.end_date:
        raise ValidationError({"due_on": _("The final report is due on or after the end of the agreement.")})
    if kind == ReportKind.INTERIM and due_on >= agreement.end_date:
        raise ValidationError({"due_on": _("An interim report is due before the end of the agreement.")})
    report = GrantReport(agreement=agreement, kind=kind, due_on=due_on)
    try:
        with transaction.atomic(), actor_context(actor, action="report_schedule"):
            report.save()
    except IntegrityError as error:
        raise ValidationError(_("This agreement already has a final report.")) from error
    return report


@transaction.atomic
def report_unschedule(*, actor: User, report: GrantReport) -> None:
    if not permissions.can_manage_calls(actor):
        raise PermissionDenied
    report = GrantReport.objects.select_for_update().get(pk=report.pk)
    if report.status != ReportStatus.DUE or report.saved_at or report.receipts.exists():
        raise ValidationError(_("The organisation has started this report: it stays on the schedule."))
    with actor_context(actor, action="report_unschedule"):
        report.delete()


@transaction.atomic
def report_save(*, actor: User, report: GrantReport, data: dict, expenses: dict) -> GrantReport:
    """Saves the draft as typed (nothing is checked against the budget until submission). The
    spending on each budget line keeps its one row, changed in place (to zero when cleared), so the
    history shows every change."""
    if not permissions.can_write_report(actor, report):
        raise PermissionDenied
    _open_agreement(report)
    report = GrantReport.objects.select_for_update().get(pk=report.pk)
    REPORT.check("save", report, actor)
    lines = set(report.agreement.budget_lines.values_list("pk", flat=True))
    for name in ("narrative", *BENEFICIARY_FIELDS):
        setattr(report, name, data[name])
    report.saved_by, report.saved_at = actor, timezone.now()
    stored = {expense.line_id: expense for expense in report.expenses.all()}
    with actor_context(actor, action="report_save"):
        report.save()
        for pk in lines:
            amount = expenses.get(pk) or Decimal("0")
            expense = stored.get(pk)
            if expense is None and amount:
                ReportExpense.objects.create(report=report, line_id=pk, amount=amount)
            elif expense is not None and expense.amount != amount:
                expense.amount = amount
                expense.save(update_fields=["amount"])
    return report


@transaction.atomic
def report_submit(*, actor: User, report: GrantReport) -> GrantReport:
    if not permissions.can_submit_report(actor, report):
        raise PermissionDenied
    _open_agreement(report)
    report = GrantReport.objects.select_for_update().select_related("agreement").get(pk=report.pk)
    REPORT.check("submit", report, actor)
    problems = report_problems(report)
    if problems:
        raise ValidationError(problems)
    with actor_context(actor, action="report_submit"):
        REPORT.apply("submit", report, actor)
        report.submitted_by, report.submitted_at = actor, timezone.now()
        report.save(update_fields=["status", "submitted_by", "submitted_at"])
    url = reverse("grants:report", args=[report.pk])
    notify_officers("report_submitted", {"agreement": report.agreement, "report": report}, url)
    return report


@transaction.atomic
def report_review(*, actor: User, report: GrantReport, approve: bool, comment: str) -> GrantReport:
    """The officer approves the report, which meets the "report approved" condition of the earliest
    tranche still waiting for one, or sends it back with comments."""
    if not permissions.can_manage_calls(actor):
        raise PermissionDenied
    _open_agreement(report)
    report = GrantReport.objects.select_for_update().select_related("agreement").get(pk=report.pk)
    REPORT.check("approve" if approve else "request_changes", report, actor)
    comment = comment.strip()
    if not approve and not comment:
        raise ValidationError({"comment": _("Say what has to change.")})
    if approve:
        problems = variance_problems(budget_rows(report.agreement, report))
        if problems:  # the budget changed since submission
            raise ValidationError(problems)
    with actor_context(actor, action="report_review"):
        REPORT.apply("approve" if approve else "request_changes", report, actor)
        report.reviewed_by, report.reviewed_at, report.review_comment = actor, timezone.now(), comment
        report.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_comment"])
        if approve:
            meet_next_waiting(report.agreement, ConditionKind.REPORT, actor)
    url = reverse("grants:report", args=[report.pk])
    notify_grantee(report.agreement, kind="report_reviewed", context={"report": report, "approved": approve}, url=url)
    return report


@transaction.atomic
def receipt_add(
    *, actor: User, report: GrantReport, file: File, line: AgreementBudgetLine | None = None
) -> ReportReceipt:
    if not permissions.can_write_report(actor, report):
        raise PermissionDenied
    _open_agreement(report)
    report = GrantReport.objects.select_for_update().get(pk=report.pk)
    REPORT.check("save", report, actor)
    if line is not None and line.agreement_id != report.agreement_id:
        raise ValidationError({"line": _("Choose a line of this agreement's budget.")})
    receipt = ReportReceipt(
        report=report, line=line, file=file, original_filename=(file.name or "")[:255], uploaded_by=actor
    )
    receipt.full_clean(exclude=["report", "line", "uploaded_by"])
    with actor_context(actor, action="receipt_add"):
        receipt.save()
    return receipt


@transaction.atomic
def receipt_remove(*, actor: User, receipt: ReportReceipt) -> None:
    report = GrantReport.objects.select_related("agreement__application__organization").get(pk=receipt.report_id)
    if not permissions.can_write_report(actor, report):
        raise PermissionDenied
    _open_agreement(report)
    report = GrantReport.objects.select_for_update().get(pk=report.pk)
    REPORT.check("save", report, actor)
    with actor_context(actor, action="receipt_remove"):
        receipt.delete()
