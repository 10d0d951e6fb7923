"""What stops a report's submission and what stops the close-out of an agreement."""

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from grants.models import (
    AmendmentStatus,
    GrantAgreement,
    GrantReport,
    ReportKind,
    ReportStatus,
    TrancheStatus,
)
from grants.rules.budgets import budget_rows, variance_problems
from grants.workflows import AGREEMENT

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def report_problems(report: GrantReport) -> list["StrOrPromise"]:
    """What stops the submission: an empty narrative, spending without receipts, overspent lines."""
    problems: list[StrOrPromise] = []
    if not report.narrative.strip():
        problems.append(_("Describe the progress made."))
    if not report.beneficiaries:
        problems.append(_("Give the number of people reached, by sex and age group."))
    rows = budget_rows(report.agreement, report)
    if any(row.this_report for row in rows) and not report.receipts.exists():
        problems.append(_("Attach the receipts of the spending reported."))
    problems.extend(variance_problems(rows))
    return problems


def closing_problems(agreement: GrantAgreement) -> list["StrOrPromise"]:
    problems: list[StrOrPromise] = []
    if AGREEMENT.transition("close", agreement.status) is None:
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
