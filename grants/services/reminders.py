"""Reminders of the reports grantees owe. Run daily by grants.tasks; imports no other service."""

import datetime as dt

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from grants.models import AgreementStatus, GrantReport, ReportStatus
from notifications.services import notify_once
from organizations.models import MembershipRole

REMIND_DAYS_BEFORE = 7


def report_reminders_send() -> int:
    """Tells a grantee's administrators a week before a report is due, and once when it is overdue
    (also when it was sent back for changes and is late). Each reminder is sent once (notify_once),
    however often this runs. Returns how many were sent."""
    today = timezone.localdate()
    reports = GrantReport.objects.filter(
        Q(status=ReportStatus.DUE, due_on__lte=today + dt.timedelta(days=REMIND_DAYS_BEFORE))
        | Q(status=ReportStatus.CHANGES, due_on__lt=today),  # sent back for changes and late
        agreement__status=AgreementStatus.ACTIVE,
    ).select_related("agreement__application__organization")
    sent = 0
    for report in reports:
        kind = "report_overdue" if report.due_on < today else "report_due"
        admins = report.agreement.application.organization.memberships.filter(role=MembershipRole.ADMIN).select_related(
            "user"
        )
        for membership in admins:
            notification = notify_once(
                key=f"{kind}:{report.pk}:{report.due_on}:{membership.user_id}",
                recipient=membership.user,
                kind=kind,
                context={"report": report, "agreement": report.agreement},
                url=reverse("grants:report", args=[report.pk]),
            )
            sent += notification is not None
    return sent
