"""Reads of legal cases, always scoped to what the person may see."""

import datetime as dt

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.models import UserObjectPermission

from accounts.models import User
from accounts.roles import Role
from centers.models import Center
from centers.selectors import centres_for_user
from legal_aid import permissions
from legal_aid.models import (
    OPEN_STATUSES,
    CaseAssignment,
    CaseTask,
    Category,
    LegalCase,
    Outcome,
    Referral,
    Status,
)
from organizations.models import Organization


def case_for_user_or_404(user, pk) -> LegalCase:
    """Fetches and authorises in one step: a case the person may not see answers 404 (nobody learns
    it exists)."""
    case = LegalCase.objects.select_related("organization", "preferred_centre", "primary_lawyer").filter(pk=pk).first()
    if case is None or not permissions.can_view_case(user, case):
        raise Http404
    return case


def task_for_user_or_404(user, pk) -> CaseTask:
    """A task of a case the person works on, else 404."""
    task = CaseTask.objects.select_related("case__organization").filter(pk=pk).first()
    if task is None or not permissions.works_on(user, task.case):
        raise Http404
    return task


def referral_for_user_or_404(user, pk) -> Referral:
    """A referral of a case the person works on, else 404."""
    referral = Referral.objects.select_related("case__organization").filter(pk=pk).first()
    if referral is None or not permissions.works_on(user, referral.case):
        raise Http404
    return referral


def case_team(case, user) -> QuerySet[User]:
    """Who a task of the case can be given to: the lawyers assigned now, and the person themselves."""
    lawyers = case.assignments.filter(ended_at__isnull=True).values_list("lawyer_id", flat=True)
    return User.objects.filter(Q(pk__in=lawyers) | Q(pk=user.pk))


def cases_for(user, filters: dict | None = None) -> QuerySet[LegalCase]:
    """Managers: every case; lawyers: the cases they are assigned to now; CSO members: their CSOs'."""
    filters = filters or {}
    cases = LegalCase.objects.select_related("organization", "preferred_centre", "primary_lawyer")
    if not permissions.is_manager(user):
        assigned = CaseAssignment.objects.filter(case=OuterRef("pk"), lawyer=user, ended_at__isnull=True)
        mine = Q(organization__memberships__user=user)
        if permissions.is_lawyer(user):
            mine |= Q(Exists(assigned))
        cases = cases.filter(mine).distinct()
    for name in ("status", "category", "urgency"):
        if filters.get(name):
            cases = cases.filter(**{name: filters[name]})
    if filters.get("centre"):
        cases = cases.filter(preferred_centre=filters["centre"])
    if filters.get("lawyer"):
        cases = cases.filter(assignments__lawyer=filters["lawyer"], assignments__ended_at__isnull=True)
    if filters.get("open"):
        cases = cases.filter(status__in=OPEN_STATUSES)
    return cases.order_by("-created_at", "-pk")


def tasks_for(user) -> QuerySet[CaseTask]:
    """Open tasks of the cases the person works on (managers: all)."""
    tasks = CaseTask.objects.filter(done_at__isnull=True, case__anonymised_at__isnull=True).select_related(
        "case__organization", "assigned_to"
    )
    if not permissions.is_manager(user):
        tasks = tasks.filter(case__assignments__lawyer=user, case__assignments__ended_at__isnull=True).distinct()
    return tasks.order_by("due_at", "pk")


def deadlines(user) -> dict:
    now = timezone.now()
    tasks = tasks_for(user)
    return {
        "overdue": list(tasks.filter(due_at__lt=now)),
        "next_week": list(tasks.filter(due_at__gte=now, due_at__lt=now + dt.timedelta(days=7))),
    }


def lawyers_with_load():
    """Active lawyers with the number of open cases each works on (`load`), least loaded first."""
    return (
        User.objects.filter(groups__name=Role.LAWYER, is_active=True)
        .annotate(
            load=Count(
                "legal_assignments",
                filter=Q(legal_assignments__ended_at__isnull=True, legal_assignments__case__status__in=OPEN_STATUSES),
            )
        )
        .order_by("load", "full_name")
    )


def overview() -> dict:
    """The coordinator's view: open cases by status, category and centre, each lawyer's load, and
    overdue deadlines (a fixed number of queries)."""
    open_cases = LegalCase.objects.filter(status__in=OPEN_STATUSES)

    def counted(field):
        return list(open_cases.values(field).annotate(n=Count("pk")).order_by("-n", field))

    lawyers = lawyers_with_load().order_by("-load", "full_name")
    by_status = dict(open_cases.values_list("status").annotate(n=Count("pk")))
    return {
        "by_status": [(Status(s).label, by_status.get(s, 0), s) for s in OPEN_STATUSES],
        "by_category": counted("category"),
        "by_centre": list(open_cases.values("preferred_centre__name").annotate(n=Count("pk")).order_by("-n")),
        "lawyers": list(lawyers),
        "overdue": list(
            CaseTask.objects.filter(done_at__isnull=True, due_at__lt=timezone.now(), case__status__in=OPEN_STATUSES)
            .select_related("case__organization", "assigned_to")
            .order_by("due_at")
        ),
        "waiting_triage": open_cases.filter(status=Status.SUBMITTED).count(),
    }


def figures(year: int | None = None) -> dict:
    """Aggregated numbers for the donor: no case or personal details."""
    cases = LegalCase.objects.exclude(status=Status.REJECTED)
    if year:
        cases = cases.filter(created_at__year=year)
    return {
        "total": cases.count(),
        "csos": cases.values("organization").distinct().count(),
        "women_led": cases.filter(organization__is_women_led=True).values("organization").distinct().count(),
        "by_category": list(cases.values("category").annotate(n=Count("pk")).order_by("-n", "category")),
        "by_outcome": list(
            cases.filter(status=Status.CLOSED).values("outcome").annotate(n=Count("pk")).order_by("-n", "outcome")
        ),
        "by_centre": list(cases.values("preferred_centre__name").annotate(n=Count("pk")).order_by("-n")),
    }


def indicator_rows():
    """For the programme indicators export: the donor figures of legal assistance."""
    data = figures()
    area = _("Legal assistance")
    yield area, _("Cases"), _("Total"), data["total"]
    yield area, _("CSOs served"), _("Total"), data["csos"]
    yield area, _("CSOs served"), _("Women-led"), data["women_led"]
    categories, outcomes = dict(Category.choices), dict(Outcome.choices)
    for row in data["by_category"]:
        yield area, _("Cases"), str(categories.get(row["category"], row["category"])), row["n"]
    for row in data["by_outcome"]:
        yield area, _("Closed cases by outcome"), str(outcomes.get(row["outcome"], row["outcome"])), row["n"]


def lawyer_centres() -> dict[int, str]:
    """Each lawyer's centre name ({user id: name}), in two queries."""
    rows = UserObjectPermission.objects.filter(
        permission__codename="work_at_center", content_type__app_label="centers", user__groups__name=Role.LAWYER
    ).values_list("user_id", "object_pk")
    names = {str(pk): c.name for pk, c in Center.objects.in_bulk().items()}
    return {user_id: names.get(object_pk, "") for user_id, object_pk in rows}


def organizations_to_record_for(user):
    """The CSOs whose phone or in-person requests the person may record (permissions.can_record_request_for)."""
    organizations = Organization.objects.all()
    if not permissions.is_manager(user):
        organizations = organizations.filter(nearest_centre__in=centres_for_user(user))
    return organizations.order_by("name")
