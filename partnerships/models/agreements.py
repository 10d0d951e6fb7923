"""MoUs and partnership agreements: a record with its parties, lifecycle, signed copy and
obligations. Reminders before expiry and on overdue obligations are sent once each
(notifications.notify_once)."""

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.uploads import PrivateFileField
from partnerships.models.party import PartyMixin, one_party


class AgreementKind(models.TextChoices):
    MOU = "mou", _("Memorandum of understanding")
    PARTNERSHIP = "partnership", _("Partnership agreement")
    DATA_SHARING = "data_sharing", _("Data-sharing agreement")
    EXCHANGE = "exchange", _("Exchange agreement")


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    NEGOTIATION = "negotiation", _("Under negotiation")
    SIGNED = "signed", _("Signed")
    ACTIVE = "active", _("Active")
    EXPIRED = "expired", _("Expired")
    RENEWED = "renewed", _("Renewed")
    TERMINATED = "terminated", _("Terminated")


# The states in which an agreement has been signed by every party.
SIGNED_STATES = frozenset(
    {
        AgreementStatus.SIGNED,
        AgreementStatus.ACTIVE,
        AgreementStatus.EXPIRED,
        AgreementStatus.RENEWED,
        AgreementStatus.TERMINATED,
    }
)


@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),
    pghistory.UpdateEvent("status_changed", condition=pghistory.AnyChange("status")),
)
class Agreement(models.Model):
    kind = models.CharField(_("type"), max_length=16, choices=AgreementKind.choices, default=AgreementKind.MOU)
    title = models.CharField(_("title"), max_length=250)
    reference = models.CharField(_("reference"), max_length=40, unique=True)
    purpose = models.TextField(_("purpose"))
    centre = models.ForeignKey(
        "centers.Center",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partnership_agreements",
        verbose_name=_("centre in charge"),
        help_text=_("Empty for an agreement of the whole programme."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT
    )
    starts_on = models.DateField(_("in force from"), null=True, blank=True)
    ends_on = models.DateField(_("expires on"), null=True, blank=True)
    signed_copy = PrivateFileField(_("signed copy"), blank=True, kinds=("pdf", "png", "jpeg"))
    signed_copy_filename = models.CharField(max_length=255, blank=True)
    termination_reason = models.TextField(_("reason for termination"), blank=True)
    terminated_on = models.DateField(_("terminated on"), null=True, blank=True)
    renewal_of = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="renewed_by",
        verbose_name=_("renews"),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("partnership agreement")
        verbose_name_plural = _("partnership agreements")
        ordering = ["-created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(starts_on__isnull=True) | Q(ends_on__gt=F("starts_on")),
                name="agreement_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(status=AgreementStatus.TERMINATED)
                | (~Q(termination_reason="") & Q(terminated_on__isnull=False)),
                name="agreement_terminated_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=sorted(SIGNED_STATES))
                | (~Q(signed_copy="") & Q(starts_on__isnull=False) & Q(ends_on__isnull=False)),
                name="agreement_signed_has_copy_and_dates",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse  # noqa: PLC0415 - models know no URLs at import time

        return reverse("partnerships:agreement_detail", kwargs={"pk": self.pk})

    def days_to_expiry(self, today=None) -> int | None:
        if self.ends_on is None:
            return None
        return (self.ends_on - (today or timezone.localdate())).days


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent())
class AgreementParty(PartyMixin, models.Model):
    """A party to an agreement, with the person who signed for it and when."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="parties")
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partnership_agreements",
        verbose_name=_("CSO"),
    )
    partner = models.ForeignKey(
        "partnerships.Partner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreements",
        verbose_name=_("partner"),
    )
    signatory_name = models.CharField(_("signed by"), max_length=200, blank=True)
    signatory_title = models.CharField(_("signatory's position"), max_length=150, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["pk"]
        constraints = [
            one_party("", "agreement_party_one_party"),
            models.UniqueConstraint(
                fields=["agreement", "organization", "partner"], nulls_distinct=False, name="agreement_party_once"
            ),
            models.CheckConstraint(
                condition=Q(signed_on__isnull=True) | ~Q(signatory_name=""), name="agreement_party_signed_by_someone"
            ),
        ]

    def __str__(self) -> str:
        return str(self.party)


class ObligationStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("obligation", "Open")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent())
class Obligation(models.Model):
    """Something a party undertook to do by a date; its owner is the person who follows it up."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="obligations")
    party = models.ForeignKey(
        AgreementParty, on_delete=models.PROTECT, related_name="obligations", verbose_name=_("party")
    )
    description = models.CharField(_("obligation"), max_length=500)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="partnership_obligations",
        verbose_name=_("followed up by"),
    )
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=10, choices=ObligationStatus.choices, default=ObligationStatus.OPEN
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("obligation")
        verbose_name_plural = _("obligations")
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=ObligationStatus.DONE) | Q(done_on__isnull=False), name="obligation_done_has_date"
            ),
        ]

    def __str__(self) -> str:
        return self.description

    def is_overdue(self, today=None) -> bool:
        return self.status == ObligationStatus.OPEN and self.due_on < (today or timezone.localdate())
