"""The grants panels of the dashboard, each opening on the person's own work: the grant officer's
pipeline, finance's payments to approve and record, the reviewer's assigned applications and a CSO's
open calls, applications, grants and reports due."""

from datetime import timedelta

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _

from core.charts import share, sparkline
from core.panels import Figure
from grants import selectors
from grants.models import (
    Application,
    ApplicationStatus,
    CallStatus,
    Eligibility,
    GrantCall,
    GrantReport,
    Payment,
    ReportStatus,
    ReviewAssignment,
    Tranche,
    TrancheStatus,
)
from organizations.selectors import organizations_of

MONTHS_OF_TREND = 6


def officer_panel(request) -> dict:
    """The grant officer's pipeline: calls by phase and what waits for a decision or a check."""
    by_phase = dict(GrantCall.objects.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    phases_total = sum(by_phase.values())
    rtl = get_language_bidi()
    phases = []
    for value, label in CallStatus.choices:
        width = share(by_phase.get(value, 0), phases_total)
        phases.append({"label": label, "count": by_phase.get(value, 0), "width": width, "x": 100 - width if rtl else 0})
    applications = Application.objects.filter(status=ApplicationStatus.SUBMITTED).aggregate(
        to_screen=Count("pk", filter=Q(eligibility=Eligibility.PENDING)),
        to_decide=Count(
            "pk",
            filter=Q(eligibility=Eligibility.ELIGIBLE, decision="", call__status=CallStatus.EVALUATION),
        ),
    )
    reviews_open = ReviewAssignment.objects.filter(status__in=selectors.OPEN_REVIEWS).count()
    reports = GrantReport.objects.filter(status=ReportStatus.SUBMITTED).count()
    tranches = Tranche.objects.filter(status=TrancheStatus.REQUESTED).count()
    calls = reverse("grants:call_list")
    agreements = reverse("grants:agreement_list")
    in_progress = list(
        GrantCall.objects.filter(status__in=(CallStatus.PUBLISHED, CallStatus.EVALUATION))
        .annotate(submitted=Count("applications", filter=Q(applications__status=ApplicationStatus.SUBMITTED)))
        .order_by("closes_at", "pk")[:5]
    )
    return {
        "phases": phases,
        "calls": in_progress,
        "figures": [
            Figure(_("Applications to screen"), applications["to_screen"], url=calls, icon="inbox", attention=True),
            Figure(_("Reviews not finished"), reviews_open, url=calls, icon="star"),
            Figure(_("Decisions pending"), applications["to_decide"], url=calls, icon="check2-circle", attention=True),
            Figure(_("Reports to check"), reports, url=agreements, icon="file-earmark-text", attention=True),
            Figure(_("Tranches waiting for payment"), tranches, url=agreements + "?waiting=1", icon="cash-coin"),
        ],
    }


def _payments_per_month(today) -> list[int]:
    """Payments made per month over the last months, oldest first (one query)."""
    months = [today.replace(day=1)]
    for _month in range(MONTHS_OF_TREND - 1):
        months.insert(0, (months[0] - timedelta(days=1)).replace(day=1))
    made = dict(
        Payment.objects.filter(reverses__isnull=True, paid_on__gte=months[0])
        .annotate(month=TruncMonth("paid_on"))
        .values_list("month")
        .annotate(n=Count("pk"))
        .values_list("month", "n")
    )
    return [made.get(month, 0) for month in months]


def finance_panel(request) -> dict:
    """Finance: tranches requested (to approve and record, oldest first) and the month's payments."""
    today = timezone.localdate()
    requested = Tranche.objects.filter(status=TrancheStatus.REQUESTED)
    waiting = list(requested.select_related("agreement__application__organization").order_by("requested_at", "pk")[:6])
    totals = list(requested.values("agreement__currency").annotate(total=Sum("amount")).order_by("agreement__currency"))
    this_month = Payment.objects.filter(reverses__isnull=True, paid_on__gte=today.replace(day=1)).count()
    trend = _payments_per_month(today)
    agreements = reverse("grants:agreement_list")
    return {
        "waiting": waiting,
        "totals": totals,
        "figures": [
            Figure(
                _("Tranches waiting for payment"),
                requested.count(),
                url=agreements + "?waiting=1",
                icon="cash-coin",
                attention=True,
            ),
            Figure(
                _("Payments this month"),
                this_month,
                url=reverse("grants:payment_list"),
                icon="bank",
                trend=sparkline(trend, rtl=get_language_bidi()),
            ),
        ],
    }


def reviewer_panel(request) -> dict:
    """The reviewer's assigned applications not yet reviewed, with how far the scoring has got."""
    assignments = (
        ReviewAssignment.objects.filter(reviewer=request.user)
        .select_related("application__call", "application__organization")
        .annotate(
            scored=Count("scores", filter=Q(scores__score__isnull=False), distinct=True),
            criteria=Count("application__call__evaluation_criteria", distinct=True),
        )
        .order_by("assigned_at", "pk")
    )
    counts = ReviewAssignment.objects.filter(reviewer=request.user).aggregate(
        open=Count("pk", filter=Q(status__in=selectors.OPEN_REVIEWS)),
        done=Count("pk", filter=~Q(status__in=selectors.OPEN_REVIEWS)),
    )
    rows = list(assignments.filter(status__in=selectors.OPEN_REVIEWS)[:6])
    for row in rows:
        row.progress = share(row.scored, row.criteria)  # type: ignore[attr-defined]
    reviews = reverse("grants:my_reviews")
    return {
        "assignments": rows,
        "figures": [
            Figure(_("Reviews to do"), counts["open"], url=reviews, icon="star", attention=True),
            Figure(_("Reviews done"), counts["done"], url=reviews, icon="check2-circle"),
        ],
    }


def cso_panel(request) -> dict:
    """A CSO's grants: open calls, its applications, its agreements and the reports it owes."""
    organizations = list(organizations_of(request.user))
    mine = [o.pk for o in organizations]
    open_calls = list(selectors.open_calls().order_by("closes_at", "pk")[:3])
    applications = list(
        Application.objects.filter(organization__in=mine)
        .exclude(status=ApplicationStatus.WITHDRAWN)
        .select_related("call", "organization")
        .order_by("-updated_at", "-pk")[:5]
    )
    reports_due = list(
        GrantReport.objects.filter(
            agreement__application__organization__in=mine, status__in=(ReportStatus.DUE, ReportStatus.CHANGES)
        )
        .select_related("agreement")
        .order_by("due_on", "pk")[:5]
    )
    agreements = selectors.agreements_for(request.user).count() if mine else 0
    return {
        "has_organization": bool(mine),
        "open_calls": open_calls,
        "applications": applications,
        "reports_due": reports_due,
        "today": timezone.localdate(),
        "figures": [
            Figure(
                _("Open calls"), selectors.open_calls().count(), url=reverse("grants:public_calls"), icon="megaphone"
            ),
            Figure(_("Grant agreements"), agreements, url=reverse("grants:agreement_list"), icon="briefcase"),
            Figure(_("Reports due"), len(reports_due), icon="file-earmark-text", attention=True),
        ]
        if mine
        else [],
    }


def home_panel(request) -> dict:
    """The public home's open calls, closing soonest first."""
    return {"calls": list(selectors.open_calls().order_by("closes_at", "pk")[:4])}
