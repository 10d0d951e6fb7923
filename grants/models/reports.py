"""The grantee's reports: narrative, people reached, spending per budget line and receipts."""

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.uploads import PrivateFileField
from grants.models.agreements import GrantAgreement
from grants.models.amendments import AgreementBudgetLine
from grants.models.money import MONEY


class ReportKind(models.TextChoices):
    INTERIM = "interim", _("Interim report")
    FINAL = "final", _("Final report")


class ReportStatus(models.TextChoices):
    DUE = "due", pgettext_lazy("report", "Due")
    SUBMITTED = "submitted", pgettext_lazy("report", "Submitted")
    CHANGES = "changes", pgettext_lazy("report", "Changes requested")
    APPROVED = "approved", pgettext_lazy("report", "Approved")


BENEFICIARY_FIELDS = ("girls", "boys", "women_youth", "men_youth", "women_adult", "men_adult")


@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent("status_changed", condition=pghistory.AnyChange("status")),
    pghistory.DeleteEvent(),
    fields=["agreement", "kind", "due_on", "status", "review_comment"],
    model_name="GrantReportEvent",
)
class GrantReport(models.Model):
    """An interim or final report of the grantee: narrative, people reached by sex and age group,
    and spending per budget line with receipts. Its approval can release the next tranche."""

    agreement = models.ForeignKey(GrantAgreement, on_delete=models.PROTECT, related_name="reports")
    kind = models.CharField(_("kind"), max_length=8, choices=ReportKind.choices)
    due_on = models.DateField(_("due"))
    status = models.CharField(_("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DUE)
    narrative = models.TextField(
        _("progress"),
        blank=True,
        help_text=_("What was done, what changed for the people you work with, difficulties."),
    )
    girls = models.PositiveIntegerField(_("girls under 15"), default=0)
    boys = models.PositiveIntegerField(_("boys under 15"), default=0)
    women_youth = models.PositiveIntegerField(_("women aged 15-29"), default=0)
    men_youth = models.PositiveIntegerField(_("men aged 15-29"), default=0)
    women_adult = models.PositiveIntegerField(_("women aged 30 and over"), default=0)
    men_adult = models.PositiveIntegerField(_("men aged 30 and over"), default=0)
    saved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    saved_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_comment = models.TextField(_("comments for the organisation"), blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["agreement", "due_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement"],
                condition=Q(kind="final"),
                name="one_final_report_per_agreement",
                violation_error_message=_("This agreement already has a final report."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=["due"]) | Q(submitted_at__isnull=False), name="report_submitted_has_date"
            ),
        ]

    def __str__(self):
        return f"{self.agreement} {self.get_kind_display()} {self.due_on}"

    @property
    def beneficiaries(self) -> int:
        return sum(getattr(self, name) for name in BENEFICIARY_FIELDS)

    @property
    def editable(self) -> bool:
        return self.status in (ReportStatus.DUE, ReportStatus.CHANGES)


@pghistory.track(
    pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent(), model_name="ReportExpenseEvent"
)
class ReportExpense(models.Model):
    """Actual spending on one budget line during the report's period."""

    report = models.ForeignKey(GrantReport, on_delete=models.CASCADE, related_name="expenses")
    line = models.ForeignKey(AgreementBudgetLine, on_delete=models.PROTECT, related_name="expenses")
    amount = models.DecimalField(_("spent"), **MONEY)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "line"], name="report_expense_once_per_line"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="report_expense_not_negative"),
        ]

    def __str__(self):
        return f"{self.line}: {self.amount}"


@pghistory.track(pghistory.InsertEvent(), pghistory.DeleteEvent(), model_name="ReportReceiptEvent")
class ReportReceipt(models.Model):
    report = models.ForeignKey(GrantReport, on_delete=models.CASCADE, related_name="receipts")
    line = models.ForeignKey(
        AgreementBudgetLine,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="receipts",
        verbose_name=_("budget line"),
    )
    file = PrivateFileField(_("receipt"), kinds=("pdf", "jpeg", "png"))
    original_filename = models.CharField(max_length=255)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")
        ordering = ["pk"]

    def __str__(self):
        return self.original_filename
