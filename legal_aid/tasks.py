import datetime as dt

from celery import shared_task
from django.urls import reverse
from django.utils import timezone


@shared_task
def send_task_reminders() -> int:
    """Hourly: tells whoever holds a hearing or deadline two days before it, and once when it has
    passed without being marked done. Each reminder is sent once (notify_once)."""
    from legal_aid.models import OPEN_STATUSES, CaseTask
    from notifications.services import notify_once

    now = timezone.now()
    sent = 0
    tasks = CaseTask.objects.filter(
        done_at__isnull=True,
        assigned_to__isnull=False,
        case__status__in=OPEN_STATUSES,
        due_at__lt=now + dt.timedelta(days=2),
    ).select_related("case", "assigned_to")
    for task in tasks:
        if task.assigned_to is None:  # excluded by the query; the type does not know it
            continue
        kind = "legal_task_overdue" if task.due_at < now else "legal_task_due"
        notification = notify_once(
            key=f"{kind}:{task.pk}:{task.due_at.isoformat()}",
            recipient=task.assigned_to,
            kind=kind,
            context={"case": task.case, "task": task},
            url=reverse("legal_aid:case", args=[task.case_id]),
        )
        sent += notification is not None
    return sent


@shared_task
def anonymise_closed_cases() -> int:
    from legal_aid.services import anonymise_closed_cases as run

    return run()
