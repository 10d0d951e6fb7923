"""Every write after signature that is not a payment: the approved budget and its amendments, the
grantee's reports and their review, and the close-out of the grant."""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.audit import actor_context
from grants import permissions
from grants.models import (
    BENEFICIARY_FIELDS,
    AgreementBudgetLine,
    AgreementStatus,
    Amendment,
    AmendmentKind,
    AmendmentStatus,
    BudgetAmount,
    BudgetVersion,
    ConditionKind,
    GrantAgreement,
    GrantReport,
    ReportExpense,
    ReportKind,
    ReportReceipt,
    ReportStatus,
    Tranche,
    TrancheStatus,
)
from notifications.services import notify

CENT = Decimal("0.001")


def _money(value: Decimal) -> str:
    return f"{value:,.2f}"


def _notify_cso(agreement: GrantAgreement, kind: str, context: dict, url: str) -> None:
    for membership in agreement.application.organization.memberships.filter(role="admin").select_related("user"):
        notify(recipient=membership.user, kind=kind, context={"agreement": agreement, **context}, url=url)


def _notify_officers(kind: str, context: dict, url: str) -> None:
    from accounts.models import User
    from accounts.roles import Role

    for officer in User.objects.filter(groups__name=Role.GRANT_OFFICER, is_active=True).distinct():
        notify(recipient=officer, kind=kind, context=context, url=url)


# --- The approved budget and its versions --------------------------------------------------------


def budget_from_application(agreement: GrantAgreement) -> BudgetVersion:
    """Version 1 of the agreement's budget: the lines of the awarded application."""
    version = BudgetVersion.objects.create(agreement=agreement, number=1)
    for order, source in enumerate(agreement.application.budget_lines.all()):
        line = AgreementBudgetLine.objects.create(
            agreement=agreement, category=source.category, description=source.description, order=order
        )
        BudgetAmount.objects.create(version=version, line=line, amount=source.total)
    return version


def current_budget(agreement: GrantAgreement) -> BudgetVersion | None:
    return agreement.budget_versions.order_by("-number").first()


@dataclass
class BudgetRow:
    line: AgreementBudgetLine
    budget: Decimal
    spent: Decimal  # in approved reports
    this_report: Decimal = Decimal("0")

    @property
    def total(self) -> Decimal:
        return self.spent + self.this_report

    @property
    def remaining(self) -> Decimal:
        return self.budget - self.total

    @property
    def used_percent(self) -> Decimal | None:
        """How much of the line is used, this report included (above 100: overspent)."""
        if not self.budget:
            return None
        return (self.total / self.budget * 100).quantize(Decimal("0.1"))

    @property
    def over(self) -> bool:
        return self.total > self.budget


def budget_rows(agreement: GrantAgreement, report: GrantReport | None = None) -> list[BudgetRow]:
    """The current budget line by line, with what approved reports spent and, for a report being
    written or reviewed, what it adds (three queries whatever the number of lines)."""
    version = current_budget(agreement)
    if version is None:
        return []
    approved = ReportExpense.objects.filter(report__agreement=agreement, report__status=ReportStatus.APPROVED)
    if report is not None:
        approved = approved.exclude(report=report)
    spent = dict(approved.values("line").annotate(total=Sum("amount")).values_list("line", "total"))
    this = dict(report.expenses.values_list("line", "amount")) if report is not None else {}
    return [
        BudgetRow(
            line=amount.line,
            budget=amount.amount,
            spent=spent.get(amount.line_id, Decimal("0")),
            this_report=this.get(amount.line_id, Decimal("0")),
        )
        for amount in version.amounts.select_related("line").order_by("line__order", "line__pk")
    ]


def variance_problems(rows: list[BudgetRow]) -> list[str]:
    """Lines whose spending goes beyond the budget by more than the allowed variance."""
    allowed = Decimal(str(settings.TATWEER_BUDGET_VARIANCE_PERCENT))
    problems = []
    for row in rows:
        limit = row.budget * (1 + allowed / 100)
        if row.total > limit:
            problems.append(
                _(
                    "Spending on “%(line)s” would reach %(total)s against a budget of %(budget)s; at most "
                    "%(allowed)s%% more than the line is allowed. Request a budget reallocation first."
                )
                % {
                    "line": row.line.description,
                    "total": _money(row.total),
                    "budget": _money(row.budget),
                    "allowed": f"{allowed:g}",
                }
            )
    return problems


# --- Amendments ----------------------------------------------------------------------------------


@transaction.atomic
def amendment_request(
    *, actor, agreement: GrantAgreement, kind: str, justification: str, new_end_date=None, amounts=None
) -> Amendment:
    """The grantee (or the officer for it) asks to move money between budget lines, keeping the
    total, or to end later at no extra cost. One request at a time per agreement."""
    if not permissions.can_request_amendment(actor, agreement):
        raise PermissionDenied
    agreement = GrantAgreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.status != AgreementStatus.ACTIVE:
        raise ValidationError(_("Only a signed, running agreement can be amended."))
    if not justification.strip():
        raise ValidationError({"justification": _("Explain why the change is needed.")})
    proposed, before = {}, {}
    if kind == AmendmentKind.EXTENSION:
        if new_end_date is None or new_end_date <= agreement.end_date:
            raise ValidationError(
                {
                    "new_end_date": _("The new end date must be after the current one (%(end)s).")
                    % {"end": agreement.end_date}
                }
            )
    elif kind == AmendmentKind.REALLOCATION:
        rows = budget_rows(agreement)
        amounts = amounts or {}
        if set(amounts) != {row.line.pk for row in rows}:
            raise ValidationError(_("Give a new amount for every budget line."))
        current = sum((row.budget for row in rows), Decimal("0"))
        new = sum(amounts.values(), Decimal("0"))
        if new != current:
            raise ValidationError(
                _(
                    "The new amounts add up to %(new)s but the budget is %(current)s: a reallocation moves money "
                    "between lines without changing the total."
                )
                % {"new": _money(new), "current": _money(current)}
            )
        if all(amounts[row.line.pk] == row.budget for row in rows):
            raise ValidationError(_("The new amounts are the same as the current budget."))
        for row in rows:
            if amounts[row.line.pk] < row.spent:
                raise ValidationError(
                    _("“%(line)s” cannot go below the %(spent)s already spent in approved reports.")
                    % {"line": row.line.description, "spent": _money(row.spent)}
                )
        proposed = {str(pk): str(value) for pk, value in amounts.items()}
        before = {str(row.line.pk): str(row.budget) for row in rows}
        new_end_date = None
    else:
        raise ValidationError(_("Choose the kind of amendment."))
    number = (agreement.amendments.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    amendment = Amendment(
        agreement=agreement,
        number=number,
        kind=kind,
        justification=justification.strip(),
        new_end_date=new_end_date,
        proposed_amounts=proposed,
        amounts_before=before,
        requested_by=actor,
    )
    try:
        with transaction.atomic(), actor_context(actor, action="amendment_request"):
            amendment.save()
    except IntegrityError as error:
        raise ValidationError(_("This agreement already has an amendment waiting for a decision.")) from error
    url = reverse("grants:agreement", args=[agreement.pk])
    _notify_officers("amendment_requested", {"agreement": agreement, "amendment": amendment}, url)
    return amendment


@transaction.atomic
def amendment_decide(*, actor, amendment: Amendment, approve: bool, comment: str) -> Amendment:
    """Approving a reallocation adds the next budget version; approving an extension moves the end."""
    if not permissions.can_manage_calls(actor):
        raise PermissionDenied
    agreement = GrantAgreement.objects.select_for_update().get(pk=amendment.agreement_id)
    amendment = Amendment.objects.select_for_update().get(pk=amendment.pk)
    if amendment.status != AmendmentStatus.REQUESTED:
        raise ValidationError(_("This amendment has already been decided."))
    comment = comment.strip()
    if not approve and not comment:
        raise ValidationError({"comment": _("Say why the amendment is refused.")})
    if approve and agreement.status != AgreementStatus.ACTIVE:
        raise ValidationError(_("Only a signed, running agreement can be amended."))
    if approve and amendment.kind == AmendmentKind.REALLOCATION:
        _still_valid(agreement, amendment)
    with actor_context(actor, action="amendment_decide"):
        if approve and amendment.kind == AmendmentKind.REALLOCATION:
            previous = current_budget(agreement)
            version = BudgetVersion.objects.create(agreement=agreement, number=previous.number + 1, amendment=amendment)
            BudgetAmount.objects.bulk_create(
                BudgetAmount(version=version, line_id=int(pk), amount=Decimal(value))
                for pk, value in amendment.proposed_amounts.items()
            )
        elif approve:
            agreement.end_date = amendment.new_end_date
            agreement.save(update_fields=["end_date"])
        amendment.status = AmendmentStatus.APPROVED if approve else AmendmentStatus.REFUSED
        amendment.decided_by, amendment.decided_at, amendment.decision_comment = actor, timezone.now(), comment
        amendment.save(update_fields=["status", "decided_by", "decided_at", "decision_comment"])
    url = reverse("grants:agreement", args=[agreement.pk])
    _notify_cso(agreement, "amendment_decided", {"amendment": amendment}, url)
    return amendment


def _still_valid(agreement: GrantAgreement, amendment: Amendment) -> None:
    """A reallocation approved later than asked: the budget must be the one it was asked against, and
    no line may fall below what reports approved since then have spent."""
    rows = budget_rows(agreement)
    if {str(row.line.pk): str(row.budget) for row in rows} != amendment.amounts_before:
        raise ValidationError(
            _("The budget has changed since this reallocation was asked for: refuse it and ask for a new one.")
        )
    for row in rows:
        if Decimal(amendment.proposed_amounts[str(row.line.pk)]) < row.spent:
            raise ValidationError(
                _("“%(line)s” cannot go below the %(spent)s already spent in approved reports.")
                % {"line": row.line.description, "spent": _money(row.spent)}
            )


# --- Reports -------------------------------------------------------------------------------------


def _open_agreement(report: GrantReport) -> GrantAgreement:
    """Locks the report's agreement (reports of one agreement are checked against the same budget,
    so they are submitted and approved one at a time) and refuses a closed one."""
    agreement = GrantAgreement.objects.select_for_update().get(pk=report.agreement_id)
    if agreement.status == AgreementStatus.CLOSED:
        raise ValidationError(_("The agreement is closed."))
    return agreement


@transaction.atomic
def report_schedule(*, actor, agreement: GrantAgreement, kind: str, due_on) -> GrantReport:
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
def report_unschedule(*, actor, report: GrantReport) -> None:
    if not permissions.can_manage_calls(actor):
        raise PermissionDenied
    report = GrantReport.objects.select_for_update().get(pk=report.pk)
    if report.status != ReportStatus.DUE or report.saved_at or report.receipts.exists():
        raise ValidationError(_("The organisation has started this report: it stays on the schedule."))
    with actor_context(actor, action="report_unschedule"):
        report.delete()


@transaction.atomic
def report_save(*, actor, report: GrantReport, data: dict, expenses: dict) -> GrantReport:
    """Saves the draft as typed (nothing is checked against the budget until submission). The
    spending on each budget line keeps its one row, changed in place (to zero when cleared), so the
    history shows every change."""
    if not permissions.can_write_report(actor, report):
        raise PermissionDenied
    _open_agreement(report)
    report = GrantReport.objects.select_for_update().get(pk=report.pk)
    if not report.editable:
        raise ValidationError(_("This report has been submitted and can no longer change."))
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


def report_problems(report: GrantReport) -> list[str]:
    """What stops the submission: an empty narrative, spending without receipts, overspent lines."""
    problems = []
    if not report.narrative.strip():
        problems.append(_("Describe the progress made."))
    if not report.beneficiaries:
        problems.append(_("Give the number of people reached, by sex and age group."))
    rows = budget_rows(report.agreement, report)
    if any(row.this_report for row in rows) and not report.receipts.exists():
        problems.append(_("Attach the receipts of the spending reported."))
    problems.extend(variance_problems(rows))
    return problems


@transaction.atomic
def report_submit(*, actor, report: GrantReport) -> GrantReport:
    if not permissions.can_submit_report(actor, report):
        raise PermissionDenied
    _open_agreement(report)
    report = GrantReport.objects.select_for_update().select_related("agreement").get(pk=report.pk)
    if not report.editable:
        raise ValidationError(_("This report has already been submitted."))
    problems = report_problems(report)
    if problems:
        raise ValidationError(problems)
    with actor_context(actor, action="report_submit"):
        report.status, report.submitted_by, report.submitted_at = ReportStatus.SUBMITTED, actor, timezone.now()
        report.save(update_fields=["status", "submitted_by", "submitted_at"])
    url = reverse("grants:report", args=[report.pk])
    _notify_officers("report_submitted", {"agreement": report.agreement, "report": report}, url)
    return report


@transaction.atomic
def report_review(*, actor, report: GrantReport, approve: bool, comment: str) -> GrantReport:
    """The officer approves the report, which meets the "report approved" condition of the earliest
    tranche still waiting for one, or sends it back with comments."""
    if not permissions.can_manage_calls(actor):
        raise PermissionDenied
    _open_agreement(report)
    report = GrantReport.objects.select_for_update().select_related("agreement").get(pk=report.pk)
    if report.status != ReportStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted report can be reviewed."))
    comment = comment.strip()
    if not approve and not comment:
        raise ValidationError({"comment": _("Say what has to change.")})
    if approve:
        problems = variance_problems(budget_rows(report.agreement, report))
        if problems:  # the budget changed since submission
            raise ValidationError(problems)
    with actor_context(actor, action="report_review"):
        report.status = ReportStatus.APPROVED if approve else ReportStatus.CHANGES
        report.reviewed_by, report.reviewed_at, report.review_comment = actor, timezone.now(), comment
        report.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_comment"])
        if approve:
            from grants.services import meet_next_waiting  # services imports this module

            meet_next_waiting(report.agreement, ConditionKind.REPORT, actor)
    url = reverse("grants:report", args=[report.pk])
    _notify_cso(report.agreement, "report_reviewed", {"report": report, "approved": approve}, url)
    return report


@transaction.atomic
def receipt_add(*, actor, report: GrantReport, file, line=None) -> ReportReceipt:
    if not permissions.can_write_report(actor, report):
        raise PermissionDenied
    _open_agreement(report)
    report = GrantReport.objects.select_for_update().get(pk=report.pk)
    if not report.editable:
        raise ValidationError(_("This report has been submitted and can no longer change."))
    if line is not None and line.agreement_id != report.agreement_id:
        raise ValidationError({"line": _("Choose a line of this agreement's budget.")})
    receipt = ReportReceipt(report=report, line=line, file=file, original_filename=file.name[:255], uploaded_by=actor)
    receipt.full_clean(exclude=["report", "line", "uploaded_by"])
    with actor_context(actor, action="receipt_add"):
        receipt.save()
    return receipt


@transaction.atomic
def receipt_remove(*, actor, receipt: ReportReceipt) -> None:
    report = GrantReport.objects.select_for_update().get(pk=receipt.report_id)
    if not permissions.can_write_report(actor, report):
        raise PermissionDenied
    if not report.editable:
        raise ValidationError(_("This report has been submitted and can no longer change."))
    with actor_context(actor, action="receipt_remove"):
        receipt.delete()


# --- Close-out -----------------------------------------------------------------------------------


@transaction.atomic
def tranche_cancel(*, actor, tranche: Tranche, reason: str) -> Tranche:
    """A tranche that will not be paid (underspending, early end) is cancelled, never deleted."""
    if not permissions.can_manage_calls(actor):
        raise PermissionDenied
    agreement = GrantAgreement.objects.select_for_update().get(pk=tranche.agreement_id)
    if agreement.status != AgreementStatus.ACTIVE:
        raise ValidationError(_("Tranches of an agreement not yet signed change through the schedule."))
    tranche = Tranche.objects.select_for_update().get(pk=tranche.pk)
    if tranche.status != TrancheStatus.PLANNED:
        raise ValidationError(_("Only a tranche not yet requested can be cancelled."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the tranche is cancelled.")})
    with actor_context(actor, action="tranche_cancel"):
        tranche.status, tranche.cancel_reason = TrancheStatus.CANCELLED, reason.strip()
        tranche.save(update_fields=["status", "cancel_reason"])
    return tranche


def closing_problems(agreement: GrantAgreement) -> list[str]:
    problems = []
    if agreement.status != AgreementStatus.ACTIVE:
        problems.append(_("Only a signed, running agreement can be closed."))
    if not agreement.reports.filter(kind=ReportKind.FINAL, status=ReportStatus.APPROVED).exists():
        problems.append(_("The final report is not approved yet."))
    if agreement.amendments.filter(status=AmendmentStatus.REQUESTED).exists():
        problems.append(_("An amendment waits for a decision."))
    open_tranches = agreement.tranches.exclude(status__in=[TrancheStatus.PAID, TrancheStatus.CANCELLED])
    if open_tranches.exists():
        numbers = ", ".join(f"#{n}" for n in open_tranches.values_list("number", flat=True))
        problems.append(_("Tranches neither paid nor cancelled: %(numbers)s.") % {"numbers": numbers})
    return problems


@transaction.atomic
def agreement_close(*, actor, agreement: GrantAgreement) -> GrantAgreement:
    if not permissions.can_manage_calls(actor):
        raise PermissionDenied
    agreement = GrantAgreement.objects.select_for_update().get(pk=agreement.pk)
    problems = closing_problems(agreement)
    if problems:
        raise ValidationError(problems)
    with actor_context(actor, action="agreement_close"):
        agreement.status, agreement.closed_by, agreement.closed_at = AgreementStatus.CLOSED, actor, timezone.now()
        agreement.save(update_fields=["status", "closed_by", "closed_at"])
    _notify_cso(agreement, "agreement_closed", {}, reverse("grants:agreement", args=[agreement.pk]))
    return agreement
