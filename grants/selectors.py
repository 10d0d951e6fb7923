"""Reads for the grants pages, with the joins each page needs, scoped to the user where it matters;
the `<entity>_for_user_or_404` functions fetch and authorise in one step."""

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import AnyUser, User
from accounts.roles import Role
from grants import permissions
from grants.models import (
    BENEFICIARY_FIELDS,
    AgreementStatus,
    Amendment,
    AmendmentStatus,
    Application,
    ApplicationStatus,
    AssignmentStatus,
    BudgetLine,
    CallStatus,
    Clarification,
    Decision,
    Eligibility,
    GrantAgreement,
    GrantCall,
    GrantReport,
    Payment,
    ReportStatus,
    ReviewAssignment,
    Tranche,
    TrancheStatus,
)
from grants.rules.ledger import committed_agreements
from organizations.selectors import organizations_of

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

OPEN_REVIEWS = [AssignmentStatus.AWAITING_DECLARATION, AssignmentStatus.DECLARED]


def calls_for_officers() -> QuerySet[GrantCall]:
    return GrantCall.objects.annotate(criteria_count=Count("evaluation_criteria")).order_by("-opens_at", "pk")


def public_calls() -> QuerySet[GrantCall]:
    return GrantCall.objects.exclude(status=CallStatus.DRAFT).order_by("-opens_at", "pk")


def open_calls() -> QuerySet[GrantCall]:
    """Calls taking applications now: the query form of GrantCall.is_open."""
    now = timezone.now()
    return GrantCall.objects.filter(status=CallStatus.PUBLISHED, opens_at__lte=now, closes_at__gt=now)


def call_with_parts(queryset: QuerySet[GrantCall], **lookup: object) -> GrantCall:
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


def applications_of_call(call: GrantCall) -> QuerySet[Application]:
    return (
        Application.objects.filter(call=call)
        .exclude(status=ApplicationStatus.DRAFT)
        .select_related("organization")
        .order_by("reference", "pk")
    )


def reviewers_with_load() -> QuerySet[User]:
    """People with the reviewer role, with how many reviews they have open (to spread the load)."""
    return (
        User.objects.filter(groups__name=Role.REVIEWER, is_active=True)
        .annotate(
            open_reviews=Count(
                "review_assignments", filter=Q(review_assignments__status__in=OPEN_REVIEWS), distinct=True
            )
        )
        .order_by("open_reviews", "full_name")
    )


def assignments_of(user: User) -> QuerySet[ReviewAssignment]:
    return (
        ReviewAssignment.objects.filter(reviewer=user)
        .select_related("application__call", "application__organization")
        .prefetch_related("scores")
        .order_by("-assigned_at")
    )


def other_reviews(assignment: ReviewAssignment) -> list[ReviewAssignment]:
    return list(
        assignment.application.assignments.filter(status=AssignmentStatus.SUBMITTED)
        .exclude(pk=assignment.pk)
        .select_related("reviewer")
        .prefetch_related("scores__criterion")
    )


def grant_figures() -> list[dict]:
    """Aggregates per published call for the donor and staff: no names, no personal data."""
    calls = list(GrantCall.objects.exclude(status=CallStatus.DRAFT).order_by("-opens_at"))
    applications = list(
        Application.objects.filter(call__in=calls)
        .exclude(status=ApplicationStatus.DRAFT)
        .values(
            "id",
            "call_id",
            "status",
            "eligibility",
            "decision",
            "cofinancing",
            "organization__is_women_led",
            "organization__is_youth_led",
        )
    )
    totals: dict[int, Decimal] = {}
    for line in BudgetLine.objects.filter(application_id__in=[a["id"] for a in applications]).values(
        "application_id", "quantity", "unit_cost"
    ):
        totals[line["application_id"]] = (
            totals.get(line["application_id"], Decimal("0")) + line["quantity"] * line["unit_cost"]
        )
    figures = []
    for call in calls:
        mine = [a for a in applications if a["call_id"] == call.pk and a["status"] == ApplicationStatus.SUBMITTED]
        awarded = [a for a in mine if a["decision"] == Decision.AWARD]
        requested = sum((totals.get(a["id"], Decimal("0")) - a["cofinancing"] for a in mine), Decimal("0"))
        granted = sum((totals.get(a["id"], Decimal("0")) - a["cofinancing"] for a in awarded), Decimal("0"))
        figures.append(
            {
                "call": call,
                "submitted": len(mine),
                "eligible": sum(1 for a in mine if a["eligibility"] == Eligibility.ELIGIBLE),
                "awarded": len(awarded),
                "requested": requested,
                "granted": granted,
                "women_led_awarded": sum(1 for a in awarded if a["organization__is_women_led"]),
                "youth_led_awarded": sum(1 for a in awarded if a["organization__is_youth_led"]),
            }
        )
    return figures


def agreements_for(user: AnyUser, *, waiting_only: bool = False) -> QuerySet:  # annotated: paid, waiting
    """Agreements the user may see (officers and finance: all; a CSO member: its organisations'),
    with the paid total (from the ledger's annotation) and the tranches waiting for finance, in the
    same query."""
    waiting = (
        Tranche.objects.filter(agreement=OuterRef("pk"), status=TrancheStatus.REQUESTED)
        .values("agreement")
        .annotate(n=Count("pk"))
        .values("n")
    )
    agreements = (
        committed_agreements()
        .select_related("application__organization", "application__call")
        .annotate(waiting=Coalesce(Subquery(waiting), Value(0)))
    )
    if not (permissions.can_manage_calls(user) or permissions.can_approve_payments(user)):
        agreements = agreements.filter(application__organization__in=organizations_of(user))
    if waiting_only:
        agreements = agreements.filter(waiting__gt=0)
    return agreements.order_by("-waiting", "number")


def mentors() -> QuerySet[User]:
    """Who can be named as mentor: grant officers, centre staff and managers, programme admins."""
    roles = [Role.GRANT_OFFICER, Role.CENTRE_STAFF, Role.CENTRE_MANAGER, Role.PROGRAMME_ADMIN]
    return User.objects.filter(groups__name__in=roles, is_active=True).distinct().order_by("full_name")


def portfolio(*, details: bool) -> dict:
    """The portfolio at a glance: agreements by status and, per call and currency, what is committed
    (the grants less cancelled tranches) and paid. With details (officers, finance): overdue reports
    and what waits for someone's approval. A fixed number of queries whatever the portfolio's size."""
    counts = dict(GrantAgreement.objects.values("status").annotate(n=Count("pk")).values_list("status", "n"))
    by_status = [(label, counts.get(value, 0), value) for value, label in AgreementStatus.choices]
    money = (
        committed_agreements()
        .values("application__call", "currency")
        .annotate(n=Count("pk"), committed=Sum(F("amount") - F("cancelled")), paid=Sum("paid"))
        .order_by("application__call", "currency")
    )
    rows = list(money)
    calls = GrantCall.objects.in_bulk([row["application__call"] for row in rows])
    for row in rows:
        row["call"] = calls[row["application__call"]]
        row["to_pay"] = row["committed"] - row["paid"]
        row["share"] = (row["paid"] / row["committed"] * 100).quantize(Decimal("1")) if row["committed"] else 0
    result: dict[str, Any] = {"by_status": by_status, "money": rows}
    if not details:
        return result
    today = timezone.localdate()
    related = ("agreement__application__organization",)
    result.update(
        overdue=list(
            GrantReport.objects.filter(status__in=[ReportStatus.DUE, ReportStatus.CHANGES], due_on__lt=today)
            .exclude(agreement__status=AgreementStatus.CLOSED)
            .select_related(*related)
            .order_by("due_on")
        ),
        reports_to_review=list(
            GrantReport.objects.filter(status=ReportStatus.SUBMITTED).select_related(*related).order_by("submitted_at")
        ),
        amendments_to_decide=list(
            Amendment.objects.filter(status=AmendmentStatus.REQUESTED)
            .select_related(*related, "requested_by")
            .order_by("requested_at")
        ),
        payments_to_approve=list(
            Tranche.objects.filter(status=TrancheStatus.REQUESTED)
            .select_related(*related, "requested_by")
            .order_by("requested_at")
        ),
        today=today,
    )
    for report in result["overdue"]:
        report.days_late = (today - report.due_on).days
    return result


def payments(filters: dict) -> tuple[QuerySet[Payment], list[dict[str, Any]]]:
    """Every payment and reversal, newest first, and the totals per currency of the selection."""
    selection = Payment.objects.all()
    if filters.get("call"):
        selection = selection.filter(tranche__agreement__application__call=filters["call"])
    if filters.get("currency"):
        selection = selection.filter(tranche__agreement__currency=filters["currency"])
    totals = list(
        selection.values("tranche__agreement__currency")
        .annotate(total=Sum("amount"), n=Count("pk"))
        .order_by("tranche__agreement__currency")
    )
    rows = selection.select_related(
        "tranche__agreement__application__organization", "approved_by", "requested_by", "reverses"
    ).order_by("-created_at", "-pk")
    return rows, totals


def indicator_rows() -> Iterator[tuple[str, str, "StrOrPromise", object]]:
    """For the programme indicators export: grants by status, committed and paid per currency, and
    the people the grantees reached (approved reports), by sex and age group."""
    area = _("Grants")
    counts = dict(GrantAgreement.objects.values("status").annotate(n=Count("pk")).values_list("status", "n"))
    for value, label in AgreementStatus.choices:
        yield area, _("Grant agreements"), label, counts.get(value, 0)
    money = (
        committed_agreements()
        .values("currency")
        .annotate(committed=Sum(F("amount") - F("cancelled")), paid=Sum("paid"))
        .order_by("currency")
    )
    for row in money:
        yield area, _("Committed"), row["currency"], row["committed"]
        yield area, _("Paid"), row["currency"], row["paid"]
    reached = GrantReport.objects.filter(status=ReportStatus.APPROVED).aggregate(
        **{f: Sum(f) for f in BENEFICIARY_FIELDS}
    )
    labels = {field.name: field.verbose_name for field in GrantReport._meta.fields if field.name in BENEFICIARY_FIELDS}
    for name in BENEFICIARY_FIELDS:
        yield area, _("People reached (approved reports)"), str(labels[name]), reached[name] or 0


def recipients() -> QuerySet:  # annotated by the ledger: cancelled, paid
    """Signed agreements, for the published list of recipients."""
    return (
        committed_agreements()
        .filter(status__in=[AgreementStatus.ACTIVE, AgreementStatus.CLOSED])
        .select_related("application__organization", "application__call")
        .order_by("application__call__code", "number")
    )


def application_for_user_or_404(user: AnyUser, pk: int | str) -> Application:
    application = (
        Application.objects.select_related("call", "organization")
        .prefetch_related("budget_lines")
        .filter(pk=pk)
        .first()
    )
    if application is None or not permissions.can_view_application(user, application):
        raise Http404
    return application


def agreement_for_user_or_404(user: AnyUser, pk: int | str) -> GrantAgreement:
    agreement = (
        GrantAgreement.objects.select_related("application__organization", "application__call")
        .prefetch_related("tranches__conditions", "tranches__payments__approved_by", "tranches__requested_by")
        .filter(pk=pk)
        .first()
    )
    if agreement is None or not permissions.can_view_agreement(user, agreement):
        raise Http404
    return agreement


def report_for_user_or_404(user: AnyUser, pk: int | str) -> GrantReport:
    report = (
        GrantReport.objects.select_related("agreement__application__organization", "agreement__application__call")
        .filter(pk=pk)
        .first()
    )
    if report is None or not permissions.can_view_agreement(user, report.agreement):
        raise Http404
    return report
