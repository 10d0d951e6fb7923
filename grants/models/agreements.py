"""Agreements and tranches: the agreement that follows an award, its payment schedule and the
conditions that release each tranche."""

import os

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.uploads import PrivateFileField
from grants.models.applications import Application
from grants.models.money import MONEY, Currency


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("Being prepared")
    ACTIVE = "active", _("Signed and running")
    CLOSED = "closed", _("Closed")


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), model_name="GrantAgreementEvent")
class GrantAgreement(models.Model):
    """The agreement that follows an award: the amount the programme commits and its schedule."""

    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="agreement")
    number = models.CharField(_("agreement number"), max_length=40, unique=True)
    amount = models.DecimalField(_("grant amount"), **MONEY)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))
    special_conditions = models.TextField(_("special conditions"), blank=True)
    signed_copy = PrivateFileField(_("signed copy"), kinds=("pdf", "jpeg", "png"), blank=True)
    signed_by_cso_on = models.DateField(_("signed by the organisation on"), null=True, blank=True)
    signed_by_programme_on = models.DateField(_("signed by the programme on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("grant agreement")
        verbose_name_plural = _("grant agreements")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="agreement_amount_positive"),
            models.CheckConstraint(
                condition=Q(end_date__gt=F("start_date")),
                name="agreement_ends_after_it_starts",
                violation_error_message=_("The agreement must end after it starts."),
            ),
        ]

    def __str__(self):
        return self.number

    @property
    def original_filename(self) -> str:
        """The download name of the signed copy, with the extension of the file kept (PDF or photo)."""
        extension = os.path.splitext(self.signed_copy.name)[1].lower() if self.signed_copy else ""
        return f"agreement-{self.number}{extension or '.pdf'}"


class TrancheStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    REQUESTED = "requested", _("Payment requested")
    PAID = "paid", _("Paid")
    CANCELLED = "cancelled", _("Cancelled")


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent(), model_name="TrancheEvent")
class Tranche(models.Model):
    agreement = models.ForeignKey(GrantAgreement, on_delete=models.CASCADE, related_name="tranches")
    number = models.PositiveSmallIntegerField(_("tranche"))
    amount = models.DecimalField(_("amount"), **MONEY)
    planned_date = models.DateField(_("planned date"))
    status = models.CharField(_("status"), max_length=10, choices=TrancheStatus.choices, default=TrancheStatus.PLANNED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(_("why the tranche is cancelled"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("tranche")
        verbose_name_plural = _("tranches")
        ordering = ["agreement", "number"]
        constraints = [
            # Checked at the end of the statement by default; a schedule change renumbers its
            # tranches in place and defers the check to the end of its transaction.
            models.UniqueConstraint(
                fields=["agreement", "number"], name="tranche_number_unique", deferrable=models.Deferrable.IMMEDIATE
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="tranche_amount_positive"),
        ]

    def __str__(self):
        return f"{self.agreement} #{self.number}"

    @property
    def conditions_met(self) -> bool:
        """Every release condition is met (reads the prefetched conditions)."""
        return all(condition.met_at for condition in self.conditions.all())


class ConditionKind(models.TextChoices):
    SIGNED = "signed", _("The agreement is signed")
    REPORT = "report", _("The previous report is approved")
    VISIT = "visit", _("A mentoring visit is done")
    OTHER = "other", _("Other (checked by the grant officer)")


@pghistory.track(
    pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent(), model_name="TrancheConditionEvent"
)
class TrancheCondition(models.Model):
    tranche = models.ForeignKey(Tranche, on_delete=models.CASCADE, related_name="conditions")
    kind = models.CharField(_("condition"), max_length=8, choices=ConditionKind.choices)
    text = models.CharField(_("details"), max_length=300, blank=True)
    met_at = models.DateTimeField(null=True, blank=True)
    met_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("release condition")
        verbose_name_plural = _("release conditions")
        ordering = ["pk"]

    def __str__(self):
        return self.text or self.get_kind_display()
