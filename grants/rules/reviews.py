"""The score of one review."""

from decimal import Decimal


def weighted_total(scores, criteria) -> Decimal | None:
    """Out of 100. A criterion marked not applicable is left out (never counted as zero): the other
    weights are scaled up to fill its place."""
    by_criterion = {s.criterion_id: s for s in scores}
    earned = weight = Decimal("0")
    for criterion in criteria:
        score = by_criterion.get(criterion.pk)
        if score is None or score.not_applicable or score.score is None:
            continue
        earned += score.score / criterion.max_score * criterion.weight
        weight += criterion.weight
    if not weight:
        return None
    return (earned / weight * 100).quantize(Decimal("0.01"))
