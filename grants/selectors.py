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
