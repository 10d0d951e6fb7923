"""The approved budget and its amendments: the agreement's budget lines, a version of their
amounts per approved reallocation, and the requests to reallocate or extend."""

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from grants.models.agreements import GrantAgreement
from grants.models.applications import BudgetCategory
from grants.models.money import MONEY


class AgreementBudgetLine(models.Model):
    """A line of the agreement's budget, copied from the awarded application. Its amount lives in
    budget versions, so reallocations keep the history and the current budget is always clear."""

    agreement = models.ForeignKey(GrantAgreement, on_delete=models.CASCADE, related_name="budget_lines")
    category = models.CharField(_("category"), max_length=12, choices=BudgetCategory.choices)
    description = models.CharField(_("description"), max_length=250)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.description


@pghistory.track(pghistory.InsertEvent(), model_name="BudgetVersionEvent")
class BudgetVersion(models.Model):
    """Version 1 is the budget approved with the award; each approved reallocation adds the next."""

    agreement = models.ForeignKey(GrantAgreement, on_delete=models.CASCADE, related_name="budget_versions")
    number = models.PositiveSmallIntegerField(_("version"))
    amendment = models.OneToOneField(
        "Amendment", on_delete=models.PROTECT, null=True, blank=True, related_name="budget_version"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("budget version")
        verbose_name_plural = _("budget versions")
        ordering = ["agreement", "-number"]
        constraints = [models.UniqueConstraint(fields=["agreement", "number"], name="budget_version_unique")]

    def __str__(self):
        return f"{self.agreement} v{self.number}"


class BudgetAmount(models.Model):
    version = models.ForeignKey(BudgetVersion, on_delete=models.CASCADE, related_name="amounts")
    line = models.ForeignKey(AgreementBudgetLine, on_delete=models.CASCADE, related_name="amounts")
    amount = models.DecimalField(_("amount"), **MONEY)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["version", "line"], name="budget_amount_once_per_version"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="budget_amount_not_negative"),
        ]

    def __str__(self):
        return f"{self.line}: {self.amount}"


class AmendmentKind(models.TextChoices):
    REALLOCATION = "budget", _("Budget reallocation between lines")
    EXTENSION = "extension", _("No-cost extension")


class AmendmentStatus(models.TextChoices):
    REQUESTED = "requested", pgettext_lazy("amendment", "Requested")
    APPROVED = "approved", pgettext_lazy("amendment", "Approved")
    REFUSED = "refused", pgettext_lazy("amendment", "Refused")


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), model_name="AmendmentEvent")
class Amendment(models.Model):
    """A request to change the agreement: new amounts per budget line (same total) or a later end."""

    agreement = models.ForeignKey(GrantAgreement, on_delete=models.PROTECT, related_name="amendments")
    number = models.PositiveSmallIntegerField(_("amendment"))
    kind = models.CharField(_("kind"), max_length=10, choices=AmendmentKind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=AmendmentStatus.choices, default=AmendmentStatus.REQUESTED
    )
    justification = models.TextField(_("justification"))
    new_end_date = models.DateField(_("new end date"), null=True, blank=True)
    proposed_amounts = models.JSONField(_("proposed amounts"), default=dict, blank=True)
    amounts_before = models.JSONField(default=dict, blank=True)  # the budget when it was requested
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_comment = models.TextField(_("comment on the decision"), blank=True)

    class Meta:
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        ordering = ["agreement", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="amendment_number_unique"),
            models.UniqueConstraint(
                fields=["agreement"],
                condition=Q(status="requested"),
                name="one_open_amendment_per_agreement",
                violation_error_message=_("This agreement already has an amendment waiting for a decision."),
            ),
            models.CheckConstraint(
                condition=~Q(kind="extension") | Q(new_end_date__isnull=False), name="extension_has_an_end_date"
            ),
        ]

    def __str__(self):
        return f"{self.agreement} A{self.number}"
