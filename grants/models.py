"""Grant calls: what they fund, for whom, when, with which limits, criteria and evaluation grid.

Applications, reviews and awards come in the following steps of the grants capability.
"""

import os
from decimal import Decimal

import pghistory
import pgtrigger
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.geography import Governorate
from core.uploads import PrivateFileField
from organizations.models import ThematicArea

MONEY = {"max_digits": 18, "decimal_places": 3}


class Currency(models.TextChoices):
    IQD = "IQD", _("Iraqi dinar (IQD)")
    USD = "USD", _("US dollar (USD)")
    EUR = "EUR", _("Euro (EUR)")


class CallStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    EVALUATION = "evaluation", _("Under evaluation")
    DECIDED = "decided", _("Decided")


@pghistory.track(
    pghistory.UpdateEvent("status_changed", condition=pghistory.AnyChange("status")),
    fields=["status"],
    model_name="GrantCallStatusEvent",
)
class GrantCall(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True, help_text=_("For example TAT-2026-01."))
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"))
    themes = ArrayField(models.CharField(max_length=32, choices=ThematicArea.choices), verbose_name=_("themes"))
    eligible_centres = models.ManyToManyField(
        "centers.Center", blank=True, related_name="grant_calls", verbose_name=_("eligible centres")
    )
    eligible_governorates = ArrayField(
        models.CharField(max_length=32, choices=Governorate.choices),
        verbose_name=_("eligible governorates"),
        default=list,
        blank=True,
        help_text=_("Leave empty for all governorates."),
    )
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    envelope = models.DecimalField(_("total envelope"), **MONEY)
    min_grant = models.DecimalField(_("smallest grant"), **MONEY)
    max_grant = models.DecimalField(_("largest grant"), **MONEY)
    max_duration_months = models.PositiveSmallIntegerField(_("longest duration (months)"))
    cofinancing_percent = models.DecimalField(
        _("co-financing required from the CSO, as a percentage of the total budget"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    two_stages = models.BooleanField(
        _("two stages"), default=False, help_text=_("A concept note first; full proposals by invitation.")
    )
    full_proposal_deadline = models.DateTimeField(
        _("deadline for full proposals"), null=True, blank=True, help_text=_("For two-stage calls.")
    )
    reviewers_per_application = models.PositiveSmallIntegerField(_("reviewers per application"), default=2)
    anonymous_review = models.BooleanField(
        _("anonymous review"), default=False, help_text=_("Reviewers do not see who applied.")
    )
    overall_threshold = models.DecimalField(
        _("lowest total score to be funded (out of 100)"), max_digits=5, decimal_places=2, default=Decimal("50")
    )
    status = models.CharField(_("status"), max_length=12, choices=CallStatus.choices, default=CallStatus.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("grant call")
        verbose_name_plural = _("grant calls")
        ordering = ["-opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")),
                name="call_closes_after_opening",
                violation_error_message=_("The call must close after it opens."),
            ),
            models.CheckConstraint(
                condition=Q(min_grant__gt=0) & Q(min_grant__lte=F("max_grant")) & Q(max_grant__lte=F("envelope")),
                name="call_grant_limits_ordered",
                violation_error_message=_(
                    "Grants must be more than zero, the smallest no larger than the largest, and the largest within the envelope."
                ),
            ),
            models.CheckConstraint(
                condition=Q(cofinancing_percent__gte=0, cofinancing_percent__lte=100),
                name="call_cofinancing_is_a_percentage",
            ),
            models.CheckConstraint(condition=Q(reviewers_per_application__gte=1), name="call_needs_a_reviewer"),
            models.CheckConstraint(
                condition=Q(two_stages=False)
                | Q(full_proposal_deadline__isnull=False, full_proposal_deadline__gt=F("closes_at")),
                name="call_second_stage_after_the_first",
                violation_error_message=_(
                    "A two-stage call needs a deadline for full proposals after the concept notes close."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.code}: {self.title}"

    def get_themes_labels(self) -> list[str]:
        labels = dict(ThematicArea.choices)
        return [str(labels.get(v, v)) for v in self.themes]

    def get_governorate_labels(self) -> list[str]:
        labels = dict(Governorate.choices)
        return [str(labels.get(v, v)) for v in self.eligible_governorates]

    def is_open(self, now=None) -> bool:
        """Open for applications: published and within its dates (server time, Iraq time zone)."""
        now = now or timezone.now()
        return self.status == CallStatus.PUBLISHED and self.opens_at <= now < self.closes_at

    def deadline_for(self, stage: int):
        return self.full_proposal_deadline if stage == 2 and self.two_stages else self.closes_at

    def is_open_for(self, stage: int, now=None) -> bool:
        """Stage 1 follows the call's dates; invited full proposals, their own deadline."""
        now = now or timezone.now()
        if stage == 2 and self.two_stages:
            return self.status in (CallStatus.PUBLISHED, CallStatus.EVALUATION) and now < self.full_proposal_deadline
        return self.is_open(now)

    def phase(self, now=None) -> str:
        now = now or timezone.now()
        if self.status != CallStatus.PUBLISHED:
            return self.status
        if now < self.opens_at:
            return "upcoming"
        return "open" if now < self.closes_at else "closed"


class AutomaticCheck(models.TextChoices):
    NONE = "", _("Checked by the grant officer")
    VERIFIED = "verified", _("The organisation is verified")
    REGISTERED = "registered", _("The organisation is registered")
    FOUNDED_BEFORE = "founded_before", _("Founded in or before a year")
    GOVERNORATE = "governorate", _("Based in an eligible governorate")


class EligibilityCriterion(models.Model):
    call = models.ForeignKey(GrantCall, on_delete=models.CASCADE, related_name="eligibility_criteria")
    text = models.CharField(_("criterion"), max_length=300)
    auto_check = models.CharField(_("how it is checked"), max_length=20, choices=AutomaticCheck.choices, blank=True)
    year = models.PositiveSmallIntegerField(
        _("year"), null=True, blank=True, help_text=_("For 'founded in or before'.")
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("eligibility criterion")
        verbose_name_plural = _("eligibility criteria")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(auto_check="founded_before") | Q(year__isnull=False),
                name="eligibility_founded_before_needs_a_year",
                violation_error_message=_("Give the year for 'founded in or before'."),
            )
        ]

    def __str__(self):
        return self.text


class EvaluationCriterion(models.Model):
    """A line of the evaluation grid: scored 0..max_score, weighted, with an optional threshold."""

    call = models.ForeignKey(GrantCall, on_delete=models.CASCADE, related_name="evaluation_criteria")
    title = models.CharField(_("criterion"), max_length=200)
    guidance = models.TextField(_("guidance for reviewers"), blank=True)
    max_score = models.PositiveSmallIntegerField(_("highest score"), default=5)
    weight = models.DecimalField(_("weight (%)"), max_digits=5, decimal_places=2)
    threshold = models.DecimalField(_("lowest acceptable score"), max_digits=5, decimal_places=2, null=True, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("evaluation criterion")
        verbose_name_plural = _("evaluation criteria")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(max_score__gte=1), name="criterion_max_score_positive"),
            models.CheckConstraint(condition=Q(weight__gt=0, weight__lte=100), name="criterion_weight_is_a_percentage"),
            models.CheckConstraint(
                condition=Q(threshold__isnull=True) | Q(threshold__gte=0, threshold__lte=F("max_score")),
                name="criterion_threshold_within_scale",
                violation_error_message=_("The lowest acceptable score must be between 0 and the highest score."),
            ),
        ]

    def __str__(self):
        return self.title


class RequiredAttachment(models.Model):
    call = models.ForeignKey(GrantCall, on_delete=models.CASCADE, related_name="attachments")
    name = models.CharField(_("document"), max_length=200)
    help = models.CharField(_("explanation"), max_length=300, blank=True)
    is_required = models.BooleanField(_("required"), default=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("required attachment")
        verbose_name_plural = _("required attachments")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.name


class Clarification(models.Model):
    """A question about the call and the programme's answer, published for every applicant alike."""

    call = models.ForeignKey(GrantCall, on_delete=models.CASCADE, related_name="clarifications")
    question = models.TextField(_("question"))
    answer = models.TextField(_("answer"))
    published_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("clarification")
        verbose_name_plural = _("clarifications")
        ordering = ["published_at", "pk"]

    def __str__(self):
        return self.question[:60]


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


class AssignmentStatus(models.TextChoices):
    AWAITING_DECLARATION = "awaiting", _("Awaiting declaration")
    DECLARED = "declared", _("Reviewing")
    CONFLICT = "conflict", _("Conflict of interest declared")
    SUBMITTED = "submitted", _("Review submitted")


class ReviewAssignment(models.Model):
    """A reviewer assigned to an application. Nothing of the application is shown before the
    reviewer declares no conflict of interest and confidentiality."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="assignments")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="review_assignments")
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    assigned_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        max_length=10, choices=AssignmentStatus.choices, default=AssignmentStatus.AWAITING_DECLARATION
    )
    declared_at = models.DateTimeField(null=True, blank=True)
    conflict_note = models.TextField(blank=True)
    recommendation = models.CharField(
        _("recommendation"),
        max_length=12,
        blank=True,
        choices=[("fund", _("Fund")), ("conditions", _("Fund with changes")), ("reject", _("Do not fund"))],
    )
    comment = models.TextField(_("overall comment"), blank=True)
    weighted_total = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["assigned_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["application", "reviewer"], name="review_one_per_reviewer")]

    def __str__(self):
        return f"{self.reviewer} → {self.application}"


@pghistory.track(
    pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent(), model_name="ReviewScoreEvent"
)
class ReviewScore(models.Model):
    """One criterion's score: 0..max, or not applicable (left out of the weighted total)."""

    assignment = models.ForeignKey(ReviewAssignment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(EvaluationCriterion, on_delete=models.PROTECT, related_name="+")
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2, null=True, blank=True)
    not_applicable = models.BooleanField(_("not applicable"), default=False)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("review score")
        verbose_name_plural = _("review scores")
        constraints = [
            models.UniqueConstraint(fields=["assignment", "criterion"], name="score_once_per_criterion"),
            models.CheckConstraint(condition=Q(score__isnull=True) | Q(score__gte=0), name="score_not_negative"),
            models.CheckConstraint(
                condition=Q(not_applicable=True, score__isnull=True) | Q(not_applicable=False),
                name="score_absent_when_not_applicable",
            ),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.score}"


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


class QuestionKind(models.TextChoices):
    SHORT_TEXT = "short_text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")
    NUMBER = "number", _("Number")
    DATE = "date", _("Date")
    SINGLE = "single", _("One choice")
    MULTIPLE = "multiple", _("Several choices")
    FILE = "file", _("File")
    TABLE = "table", _("Table")


class CallQuestion(models.Model):
    """A question the call adds to its application form, designed without code: labels and help in
    three languages, a type, a required flag, and an optional condition on another question."""

    call = models.ForeignKey(GrantCall, on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(_("question"), max_length=300)
    help = models.CharField(_("help"), max_length=300, blank=True)
    kind = models.CharField(_("type"), max_length=12, choices=QuestionKind.choices, default=QuestionKind.SHORT_TEXT)
    required = models.BooleanField(_("required"), default=False)
    options = models.TextField(
        _("choices or table columns"), blank=True, help_text=_("One per line, for choices and tables.")
    )
    show_if_question = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("shown only when")
    )
    show_if_value = models.CharField(_("has the answer"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("application question")
        verbose_name_plural = _("application questions")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.label

    def option_list(self) -> list[str]:
        return [line.strip() for line in (self.options or "").splitlines() if line.strip()]


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


# --- Agreements, tranches and payments ------------------------------------------------------------


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


@pghistory.track(pghistory.InsertEvent(), model_name="PaymentEvent")
class Payment(models.Model):
    """A payment of a tranche, or the reversal of one. Append-only: the database refuses updates and
    deletions, so a mistake is corrected by a reversing entry. The database also refuses a payment
    that would take the total paid beyond the grant, and a second payment of the same tranche."""

    tranche = models.ForeignKey(Tranche, on_delete=models.PROTECT, related_name="payments")
    amount = models.DecimalField(_("amount in the grant's currency"), **MONEY)
    paid_currency = models.CharField(_("currency paid"), max_length=3, choices=Currency.choices)
    exchange_rate = models.DecimalField(
        _("exchange rate (grant currency to the currency paid)"), max_digits=18, decimal_places=6, null=True, blank=True
    )
    paid_on = models.DateField(_("paid on"))
    reference = models.CharField(_("bank reference"), max_length=100)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    attempt = models.PositiveSmallIntegerField(default=1)
    reverses = models.OneToOneField("self", on_delete=models.PROTECT, null=True, blank=True, related_name="reversal")
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(approved_by=F("requested_by")),
                name="payment_four_eyes",
                violation_error_message=_("The person who requested the payment cannot approve it."),
            ),
            models.CheckConstraint(
                condition=Q(reverses__isnull=True, amount__gt=0) | Q(reverses__isnull=False, amount__lt=0),
                name="payment_sign_matches_kind",
            ),
            models.UniqueConstraint(
                fields=["tranche", "attempt"], condition=Q(reverses__isnull=True), name="tranche_paid_once_per_attempt"
            ),
        ]
        triggers = [
            pgtrigger.Protect(name="payments_append_only", operation=pgtrigger.Update | pgtrigger.Delete),
            pgtrigger.Trigger(
                name="payments_within_grant",
                operation=pgtrigger.Insert,
                when=pgtrigger.Before,
                func="""
                    IF (
                        SELECT COALESCE(SUM(p.amount), 0) FROM grants_payment p
                        JOIN grants_tranche t ON t.id = p.tranche_id
                        WHERE t.agreement_id = (SELECT agreement_id FROM grants_tranche WHERE id = NEW.tranche_id)
                    ) + NEW.amount > (
                        SELECT a.amount FROM grants_grantagreement a
                        JOIN grants_tranche t ON t.agreement_id = a.id WHERE t.id = NEW.tranche_id
                    ) THEN
                        RAISE EXCEPTION 'payments would exceed the grant' USING ERRCODE = 'check_violation';
                    END IF;
                    RETURN NEW;
                """,
            ),
        ]

    def __str__(self):
        return f"{self.tranche} {self.amount}"


# --- Accompaniment -------------------------------------------------------------------------------


class VisitKind(models.TextChoices):
    VISIT = "visit", _("Mentoring visit")
    COACHING = "coaching", _("Coaching session")


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), model_name="MentoringVisitEvent")
class MentoringVisit(models.Model):
    """A mentoring visit or coaching session of an accompanied grant, visible to the grantee."""

    agreement = models.ForeignKey(GrantAgreement, on_delete=models.PROTECT, related_name="visits")
    kind = models.CharField(_("kind"), max_length=8, choices=VisitKind.choices, default=VisitKind.VISIT)
    held_on = models.DateField(_("date"))
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("mentor")
    )
    topics = models.CharField(_("topics"), max_length=300)
    findings = models.TextField(_("findings"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("mentoring visit")
        verbose_name_plural = _("mentoring visits")
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.held_on}"


class ActionStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("follow-up action", "Open")
    DONE = "done", pgettext_lazy("follow-up action", "Done")
    DROPPED = "dropped", pgettext_lazy("follow-up action", "Dropped")


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), model_name="FollowUpActionEvent")
class FollowUpAction(models.Model):
    """An action agreed at a visit, followed until done."""

    visit = models.ForeignKey(MentoringVisit, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(_("agreed action"), max_length=300)
    due_on = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=ActionStatus.choices, default=ActionStatus.OPEN)

    class Meta:
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        ordering = ["pk"]

    def __str__(self):
        return self.description


# --- Approved budget, amendments, reports, close-out -----------------------------------------------


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


@pghistory.track(
    pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent(), model_name="ExchangeRateEvent"
)
class ExchangeRate(models.Model):
    """How many units of a currency one euro buys from a date on, for the euro-equivalent ledger."""

    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    valid_from = models.DateField(_("valid from"))
    per_euro = models.DecimalField(_("units for one euro"), max_digits=18, decimal_places=6)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    entered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        ordering = ["currency", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["currency", "valid_from"],
                name="one_rate_per_currency_and_day",
                violation_error_message=_("There is already a rate for this currency from that date."),
            ),
            models.CheckConstraint(condition=Q(per_euro__gt=0), name="exchange_rate_positive"),
        ]

    def __str__(self):
        return f"1 EUR = {self.per_euro} {self.currency} ({self.valid_from})"
