from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404

from grants.models import CallStatus, Clarification, GrantCall


def calls_for_officers() -> QuerySet[GrantCall]:
    return GrantCall.objects.annotate(criteria_count=Count("evaluation_criteria")).order_by("-opens_at", "pk")


def public_calls() -> QuerySet[GrantCall]:
    return GrantCall.objects.exclude(status=CallStatus.DRAFT).order_by("-opens_at", "pk")


def call_with_parts(queryset, **lookup) -> GrantCall:
    call = (
        queryset.prefetch_related(
            "evaluation_criteria",
            "eligibility_criteria",
            "attachments",
            "eligible_centres",
            Prefetch("clarifications", queryset=Clarification.objects.order_by("published_at", "pk")),
        )
        .filter(**lookup)
        .first()
    )
    if call is None:
        raise Http404
    return call


def applications_of_call(call) -> QuerySet:
    from grants.models import Application, ApplicationStatus

    return (
        Application.objects.filter(call=call)
        .exclude(status=ApplicationStatus.DRAFT)
        .select_related("organization")
        .order_by("reference", "pk")
    )


def reviewers_with_load():
    """People with the reviewer role, with how many reviews they have open (to spread the load)."""
    from django.db.models import Q

    from accounts.models import User

    return (
        User.objects.filter(groups__name="reviewer", is_active=True)
        .annotate(
            open_reviews=Count(
                "review_assignments", filter=Q(review_assignments__status__in=["awaiting", "declared"]), distinct=True
            )
        )
        .order_by("open_reviews", "full_name")
    )


def assignments_of(user):
    from grants.models import ReviewAssignment

    return (
        ReviewAssignment.objects.filter(reviewer=user)
        .select_related("application__call", "application__organization")
        .prefetch_related("scores")
        .order_by("-assigned_at")
    )


def other_reviews(assignment):
    from grants.models import AssignmentStatus

    return list(
        assignment.application.assignments.filter(status=AssignmentStatus.SUBMITTED)
        .exclude(pk=assignment.pk)
        .select_related("reviewer")
        .prefetch_related("scores__criterion")
    )
