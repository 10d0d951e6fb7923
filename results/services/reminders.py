"""Reminders of the progress reports the programme owes the EU: 30 and 7 days before the due date
and once when it has passed, to every programme admin, each sent once (notify_once) however often
the daily task runs."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from notifications.services import notify_once
from results.models import Period, ReportStatus

WINDOWS = (("before_30", 30), ("before_7", 7))


def reminder_kind(period: Period, today: dt.date) -> str | None:
    days = (period.due - today).days
    if days < 0:
        return "overdue"
    return next((kind for kind, limit in sorted(WINDOWS, key=lambda w: w[1]) if days <= limit), None)


def due_reminders_send(today: dt.date | None = None) -> int:
    today = today or timezone.localdate()
    periods = (
        Period.objects.filter(end__lt=today, due__gte=today - dt.timedelta(days=365))
        .exclude(report__status=ReportStatus.SENT)
        .select_related("logframe")
    )
    admins = list(User.objects.filter(groups__name=Role.PROGRAMME_ADMIN, is_active=True))
    sent = 0
    for period in periods:
        kind = reminder_kind(period, today)
        if kind is None:
            continue
        for admin in admins:
            notification = notify_once(
                key=f"results_due:{period.pk}:{period.due}:{kind}:{admin.pk}",
                recipient=admin,
                kind="results_report_due",
                context={"period": period, "overdue": kind == "overdue", "days": (period.due - today).days},
                url=reverse("results:report", kwargs={"number": period.number}),
            )
            sent += notification is not None
    return sent
