"""The agreement's approved budget: its current version, line by line with what reports spent,
the variance allowed, and what a reallocation must respect."""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from grants.models import (
    AgreementBudgetLine,
    Amendment,
    BudgetVersion,
    GrantAgreement,
    GrantReport,
    ReportExpense,
    ReportStatus,
)


def money(value: Decimal) -> str:
    return f"{value:,.2f}"


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
                    "total": money(row.total),
                    "budget": money(row.budget),
                    "allowed": f"{allowed:g}",
                }
            )
    return problems


def reallocation(rows: list[BudgetRow], amounts: dict) -> tuple[dict, dict]:
    """The proposed and the current amounts ({line id: amount}, as text) of a reallocation, or a
    ValidationError: a new amount for every line, the same total, a real change, and no line below
    what approved reports have spent."""
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
            % {"new": money(new), "current": money(current)}
        )
    if all(amounts[row.line.pk] == row.budget for row in rows):
        raise ValidationError(_("The new amounts are the same as the current budget."))
    for row in rows:
        if amounts[row.line.pk] < row.spent:
            raise ValidationError(
                _("“%(line)s” cannot go below the %(spent)s already spent in approved reports.")
                % {"line": row.line.description, "spent": money(row.spent)}
            )
    return {str(pk): str(value) for pk, value in amounts.items()}, {str(row.line.pk): str(row.budget) for row in rows}


def check_reallocation_still_valid(agreement: GrantAgreement, amendment: Amendment) -> None:
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
                % {"line": row.line.description, "spent": money(row.spent)}
            )
