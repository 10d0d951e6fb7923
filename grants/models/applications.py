"""Applications: the CSO's proposal, its budget lines, the versions frozen at submission, its
attachments and its answers to the call's questions; screening and the decision are recorded on it."""

from decimal import Decimal

import pghistory
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.geography import Governorate
from core.uploads import PrivateFileField
from grants.models.calls import CallQuestion, GrantCall, RequiredAttachment
from grants.models.money import MONEY


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Eligibility(models.TextChoices):
    PENDING = "pending", _("Not screened yet")
    ELIGIBLE = "eligible", _("Eligible")
    INELIGIBLE = "ineligible", _("Not eligible")


class Decision(models.TextChoices):
    AWARD = "award", _("Award")
    RESERVE = "reserve", _("Reserve list")
    REJECT = "reject", _("Reject")


@pghistory.track(
    pghistory.UpdateEvent("screened", condition=pghistory.AnyChange("eligibility", "eligibility_reason")),
    fields=["eligibility", "eligibility_reason", "screened_by", "screened_at"],
    model_name="ApplicationScreeningEvent",
)
@pghistory.track(
    pghistory.UpdateEvent(
        "decided",
        condition=pghistory.AnyChange("consensus_score", "consensus_comment", "decision", "decision_justification"),
    ),
    fields=["consensus_score", "consensus_comment", "decision", "decision_justification", "decided_by", "decided_at"],
    model_name="ApplicationDecisionEvent",
)
class Application(models.Model):
    """A CSO's application to a call. Drafts are saved section by section; submission freezes a
    version (ApplicationVersion) and gives a reference number."""

    call = models.ForeignKey(GrantCall, on_delete=models.PROTECT, related_name="applications")
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="grant_applications"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT
    )
    reference = models.CharField(_("reference"), max_length=40, unique=True, null=True, blank=True)
    title = models.CharField(_("project title"), max_length=250, blank=True)
    summary = models.TextField(_("project summary"), blank=True)
    objectives = models.TextField(_("objectives"), blank=True)
    activities = models.TextField(
        _("activities and timeline"), blank=True, help_text=_("One activity per line, with the months it runs.")
    )
    beneficiaries_women_youth = models.PositiveIntegerField(_("women aged 15-29"), default=0)
    beneficiaries_women_adult = models.PositiveIntegerField(_("women aged 30 and over"), default=0)
    beneficiaries_men_youth = models.PositiveIntegerField(_("men aged 15-29"), default=0)
    beneficiaries_men_adult = models.PositiveIntegerField(_("men aged 30 and over"), default=0)
    beneficiaries_children = models.PositiveIntegerField(_("children under 15"), default=0)
    locations = ArrayField(
        models.CharField(max_length=32, choices=Governorate.choices),
        verbose_name=_("locations"),
        default=list,
        blank=True,
    )
    duration_months = models.PositiveSmallIntegerField(_("duration (months)"), null=True, blank=True)
    cofinancing = models.DecimalField(_("co-financing from the organisation"), default=Decimal("0"), **MONEY)
    stage = models.PositiveSmallIntegerField(
        _("stage"), default=1, help_text=_("1: concept note (or the only stage); 2: full proposal by invitation.")
    )
    invited_at = models.DateTimeField(null=True, blank=True)
    prepared_by_staff = models.BooleanField(_("prepared by centre staff for the CSO"), default=False)
    staff_helper = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    staff_consent_note = models.CharField(_("how the CSO asked for help and consented"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    receipt = PrivateFileField(kinds=("pdf",), blank=True)
    eligibility = models.CharField(
        _("eligibility"), max_length=12, choices=Eligibility.choices, default=Eligibility.PENDING
    )
    eligibility_reason = models.TextField(_("reason given to the organisation"), blank=True)
    screened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    screened_at = models.DateTimeField(null=True, blank=True)
    consensus_score = models.DecimalField(
        _("consensus score (out of 100)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    consensus_comment = models.TextField(_("consensus comments"), blank=True)
    decision = models.CharField(_("decision"), max_length=8, choices=Decision.choices, blank=True)
    decision_justification = models.TextField(_("justification"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_letter = PrivateFileField(kinds=("pdf",), blank=True)

    class Meta:
        verbose_name = _("grant application")
        verbose_name_plural = _("grant applications")
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "organization"],
                condition=~Q(status="withdrawn"),
                name="application_one_per_call_and_cso",
                violation_error_message=_("Your organisation already has an application for this call."),
            ),
            models.CheckConstraint(condition=Q(cofinancing__gte=0), name="application_cofinancing_not_negative"),
            models.CheckConstraint(
                condition=Q(consensus_score__isnull=True) | Q(consensus_score__gte=0, consensus_score__lte=100),
                name="application_consensus_within_100",
            ),
            models.CheckConstraint(
                condition=Q(decision="") | Q(eligibility="eligible", status="submitted"),
                name="application_decision_only_when_eligible",
            ),
            models.CheckConstraint(
                condition=Q(status="draft")
                | Q(reference__isnull=False, submitted_at__isnull=False)
                | Q(status="withdrawn"),
                name="application_submitted_has_reference",
            ),
        ]

    def __str__(self):
        return self.reference or f"{self.organization} / {self.call.code}"


class BudgetCategory(models.TextChoices):
    STAFF = "staff", _("Staff")
    ACTIVITIES = "activities", _("Activities")
    EQUIPMENT = "equipment", _("Equipment and supplies")
    TRAVEL = "travel", _("Travel and transport")
    VISIBILITY = "visibility", _("Communication and visibility")
    ADMIN = "admin", _("Administration")


@pghistory.track(
    pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent(), model_name="BudgetLineEvent"
)
class BudgetLine(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="budget_lines")
    category = models.CharField(_("category"), max_length=12, choices=BudgetCategory.choices)
    description = models.CharField(_("description"), max_length=250)
    unit = models.CharField(_("unit"), max_length=40)
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=2)
    unit_cost = models.DecimalField(_("unit cost"), **MONEY)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["category", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="budget_quantity_positive"),
            models.CheckConstraint(condition=Q(unit_cost__gte=0), name="budget_unit_cost_not_negative"),
        ]

    def __str__(self):
        return self.description

    @property
    def total(self) -> Decimal:
        return (self.quantity * self.unit_cost).quantize(Decimal("0.001"))


class ApplicationVersion(models.Model):
    """The frozen content of an application at submission: what reviewers will read."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    content = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["application", "number"], name="application_version_unique")]

    def __str__(self):
        return f"{self.application} v{self.number}"


class ApplicationAttachment(models.Model):
    """A document the call asks for, uploaded with an application (private; checked by type)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="attachments")
    required = models.ForeignKey(RequiredAttachment, on_delete=models.PROTECT, related_name="+")
    file = PrivateFileField(_("file"), kinds=("pdf", "docx", "doc", "xlsx", "jpeg", "png"))
    original_filename = models.CharField(max_length=255)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        constraints = [
            models.UniqueConstraint(fields=["application", "required"], name="attachment_once_per_requirement")
        ]

    def __str__(self):
        return self.original_filename


class ApplicationAnswer(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(CallQuestion, on_delete=models.CASCADE, related_name="answers")
    value = models.JSONField(null=True, blank=True)
    file = PrivateFileField(kinds=("pdf", "docx", "doc", "xlsx", "jpeg", "png"), blank=True)
    original_filename = models.CharField(max_length=255, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["application", "question"], name="answer_once_per_question")]

    def __str__(self):
        return f"{self.question}: {self.value}"
