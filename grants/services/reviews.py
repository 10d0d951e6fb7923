"""Reviews: assigning reviewers, the reviewer's declaration, and the scores."""

from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import Role
from core.audit import actor_context
from grants import permissions
from grants.models import Application, AssignmentStatus, Eligibility, EvaluationCriterion, ReviewAssignment, ReviewScore
from grants.rules.reviews import weighted_total
from grants.services.common import assign_changed
from grants.workflows import REVIEW
from notifications.services import notify


@transaction.atomic
def reviewers_assign(*, actor: User, application: Application, reviewers: Sequence[User]) -> list[ReviewAssignment]:
    """Assigns reviewers to an eligible application (no more than the call asks for)."""
    if not permissions.can_manage_calls(actor):
        raise PermissionDenied
    application = Application.objects.select_for_update().select_related("call").get(pk=application.pk)
    if application.eligibility != Eligibility.ELIGIBLE:
        raise ValidationError(_("Only applications found eligible are reviewed."))
    active = application.assignments.exclude(status=AssignmentStatus.CONFLICT)
    if active.count() + len(reviewers) > application.call.reviewers_per_application:
        raise ValidationError(
            _("This call asks for %(count)d reviewers per application.")
            % {"count": application.call.reviewers_per_application}
        )
    created = []
    with actor_context(actor, action="reviewers_assign"):
        for reviewer in reviewers:
            if not reviewer.has_role(Role.REVIEWER):
                raise ValidationError(_("%(name)s is not a reviewer.") % {"name": reviewer})
            if application.assignments.filter(reviewer=reviewer).exists():
                continue
            created.append(
                ReviewAssignment.objects.create(application=application, reviewer=reviewer, assigned_by=actor)
            )
    for assignment in created:
        notify(
            recipient=assignment.reviewer,
            kind="review_assigned",
            context={"call": application.call},
            url=reverse("grants:review", args=[assignment.pk]),
        )
    return created


@transaction.atomic
def review_declare(*, actor: User, assignment: ReviewAssignment, conflict: bool, note: str = "") -> ReviewAssignment:
    """The reviewer's declaration. A conflict of interest ends the assignment and its access."""
    assignment = ReviewAssignment.objects.select_for_update().get(pk=assignment.pk)
    REVIEW.check("declare_conflict" if conflict else "declare", assignment, actor)
    with actor_context(actor, action="review_declare"):
        REVIEW.apply("declare_conflict" if conflict else "declare", assignment, actor)
        assignment.conflict_note = note.strip()
        assignment.declared_at = timezone.now()
        assignment.save(update_fields=["status", "conflict_note", "declared_at"])
    return assignment


@transaction.atomic
def review_save(
    *, actor: User, assignment: ReviewAssignment, scores: dict, recommendation: str, comment: str, submit: bool
) -> ReviewAssignment:
    """Saves the scores ({criterion id: (score or None, not applicable, comment)}) in place: each
    criterion keeps its one score row, changed only when its values change, so the history shows
    every change. A submitted review is locked. Scores above a criterion's maximum are refused."""
    assignment = ReviewAssignment.objects.select_for_update().select_related("application__call").get(pk=assignment.pk)
    REVIEW.check("submit" if submit else "save", assignment, actor)
    criteria = list(assignment.application.call.evaluation_criteria.all())
    rows, changed = _score_rows(assignment, criteria, scores, submit=submit)
    if submit and not recommendation:
        raise ValidationError(_("Give your recommendation before submitting."))
    with actor_context(actor, action="review_save"):
        for row in changed:
            row.save()
        assignment.recommendation, assignment.comment = recommendation, comment
        assignment.weighted_total = weighted_total(rows, criteria)
        fields = ["recommendation", "comment", "weighted_total"]
        if submit:
            REVIEW.apply("submit", assignment, actor)
            assignment.submitted_at = timezone.now()
            fields += ["status", "submitted_at"]
        assignment.save(update_fields=fields)
    return assignment


def _score_rows(
    assignment: ReviewAssignment, criteria: Iterable[EvaluationCriterion], scores: dict, *, submit: bool
) -> tuple[list[ReviewScore], list[ReviewScore]]:
    """(every score row, the rows that are new or changed), each score checked against its scale."""
    stored = {row.criterion_id: row for row in assignment.scores.all()}
    rows, changed = [], []
    for criterion in criteria:
        score, not_applicable, note = scores.get(criterion.pk, (None, False, ""))
        if score is not None and not Decimal("0") <= score <= criterion.max_score:
            raise ValidationError(
                _("“%(criterion)s” is scored from 0 to %(max)d.")
                % {"criterion": criterion.title, "max": criterion.max_score}
            )
        if submit and score is None and not not_applicable:
            raise ValidationError(_("Score every criterion, or mark it not applicable, before submitting."))
        values = {"score": None if not_applicable else score, "not_applicable": not_applicable, "comment": note}
        row = stored.get(criterion.pk) or ReviewScore(assignment=assignment, criterion=criterion)
        if assign_changed(row, values):
            changed.append(row)
        rows.append(row)
    return rows, changed
