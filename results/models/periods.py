"""Reporting periods and the values staff enter for indicators that no measure computes."""

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.uploads import PrivateFileField
from results.models.logframe import Indicator, Logframe


class PeriodKind(models.TextChoices):
    INTERIM = "interim", _("Interim report")
    FINAL = "final", _("Final report")


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Period(models.Model):
    """One reporting period of the programme. Periods are made from the programme's dates
    (results.rules.periods); the due date follows PRAG: an interim report 60 days after its period
    ends, the final one three months after the end of the programme."""

    logframe = models.ForeignKey(Logframe, on_delete=models.CASCADE, related_name="periods", verbose_name=_("logframe"))
    number = models.PositiveSmallIntegerField(_("number"))
    kind = models.CharField(_("report"), max_length=8, choices=PeriodKind.choices, default=PeriodKind.INTERIM)
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))
    due = models.DateField(_("report due"))

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["logframe", "number"]
        constraints = [
            models.UniqueConstraint(fields=["logframe", "number"], name="period_number_unique"),
            models.CheckConstraint(condition=Q(end__gte=F("start")), name="period_dates_ordered"),
            models.CheckConstraint(condition=Q(due__gt=F("end")), name="period_due_after_end"),
        ]

    def __str__(self):
        return str(
            _("Period %(number)s (%(start)s – %(end)s)") % {"number": self.number, "start": self.start, "end": self.end}
        )


class ValueStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("manual value", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("manual value", "Waiting for approval")
    RETURNED = "returned", pgettext_lazy("manual value", "Returned for correction")
    APPROVED = "approved", pgettext_lazy("manual value", "Approved")


@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),
    pghistory.UpdateEvent("status_changed", condition=pghistory.AnyChange("status")),
)
class ManualValue(models.Model):
    """The value of an indicator without a measure for one period, with its evidence. It counts only
    once a second person has approved it (four eyes; the database refuses the author as approver)."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="manual_values", verbose_name=_("indicator")
    )
    period = models.ForeignKey(
        Period, on_delete=models.PROTECT, related_name="manual_values", verbose_name=_("reporting period")
    )
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    by = models.JSONField(_("value split by"), default=dict, blank=True)  # {dimension: {value: n}}
    evidence_file = PrivateFileField(_("evidence (file)"), blank=True, kinds=("pdf", "docx", "xlsx", "png", "jpeg"))
    evidence_link = models.URLField(_("evidence (link)"), blank=True)
    comment = models.TextField(_("comment"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=ValueStatus.choices, default=ValueStatus.DRAFT)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("entered by")
    )
    entered_at = models.DateTimeField(_("entered"), auto_now=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    review_comment = models.TextField(_("reviewer's comment"), blank=True)

    class Meta:
        verbose_name = _("reported value")
        verbose_name_plural = _("reported values")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="manual_value_once_per_period"),
            models.CheckConstraint(
                condition=Q(reviewed_by__isnull=True) | ~Q(reviewed_by=F("entered_by")), name="manual_value_four_eyes"
            ),
            models.CheckConstraint(
                condition=~Q(status="approved") | Q(reviewed_by__isnull=False), name="manual_value_approved_by_someone"
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="manual_value_not_negative"),
        ]

    def __str__(self):
        return f"{self.indicator.code} {self.period.number}: {self.value}"

    @property
    def original_filename(self) -> str:
        return self.evidence_file.name.rsplit("/", 1)[-1] if self.evidence_file else ""
