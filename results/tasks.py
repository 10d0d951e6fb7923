from celery import shared_task

from results.services import reminders


@shared_task
def send_due_reminders() -> int:
    """Daily: reminders of progress reports falling due or overdue (results.services.reminders)."""
    return reminders.due_reminders_send()
