"""The ranked list of a call: scores, thresholds, the envelope's cut line and the reserve list."""

from dataclasses import dataclass, field
from decimal import Decimal

from grants.models import Application, ApplicationStatus, AssignmentStatus, Eligibility
from grants.rules.applications import budget_totals


@dataclass
class Row:
    application: Application
    average: Decimal | None
    score: Decimal | None  # the consensus score when recorded, else the reviewers' average
    requested: Decimal
    reviews: int
    failed_thresholds: list = field(default_factory=list)
    passes: bool = False
    within_envelope: bool = False
    rank: int | None = None
    cumulative: Decimal = Decimal("0")


def ranking(call) -> list[Row]:
    criteria = list(call.evaluation_criteria.all())
    applications = (
        Application.objects.filter(
            call=call,
            status=ApplicationStatus.SUBMITTED,
            eligibility=Eligibility.ELIGIBLE,
            stage=2 if call.two_stages else 1,
        )
        .select_related("organization")
        .prefetch_related("budget_lines", "assignments__scores")
    )
    rows = []
    for application in applications:
        submitted = [a for a in application.assignments.all() if a.status == AssignmentStatus.SUBMITTED]
        totals = [a.weighted_total for a in submitted if a.weighted_total is not None]
        average = (sum(totals, Decimal("0")) / len(totals)).quantize(Decimal("0.01")) if totals else None
        failed = []
        for criterion in criteria:
            if criterion.threshold is None:
                continue
            marks = [
                s.score
                for a in submitted
                for s in a.scores.all()
                if s.criterion_id == criterion.pk and s.score is not None
            ]
            if marks and sum(marks) / len(marks) < criterion.threshold:
                failed.append(criterion)
        score = application.consensus_score if application.consensus_score is not None else average
        row = Row(
            application=application,
            average=average,
            score=score,
            requested=budget_totals(application)["requested"],
            reviews=len(submitted),
            failed_thresholds=failed,
        )
        row.passes = score is not None and score >= call.overall_threshold and not failed
        rows.append(row)
    rows.sort(key=lambda r: (not r.passes, -(r.score or Decimal("-1")), r.application.reference or ""))
    cumulative = Decimal("0")
    for rank, row in enumerate((r for r in rows if r.passes), 1):
        row.rank = rank
        cumulative += row.requested
        row.cumulative = cumulative
        row.within_envelope = cumulative <= call.envelope
    return rows
