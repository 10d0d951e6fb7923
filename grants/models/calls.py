"""Calls for proposals: the call, its eligibility and evaluation criteria, the documents it asks
for, its own questions and the clarifications published for every applicant."""

from decimal import Decimal

import pghistory
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.geography import Governorate
from grants.models.money import MONEY, Currency
from organizations.models import ThematicArea


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
