"""Reviews: a reviewer's assignment to an application and the scores per criterion."""

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from grants.models.applications import Application
from grants.models.calls import EvaluationCriterion


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
