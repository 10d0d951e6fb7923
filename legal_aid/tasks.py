"""Thin Celery entry points: each calls one service."""

from celery import shared_task

from legal_aid import services


@shared_task
def send_task_reminders() -> int:
    """Hourly: reminders of hearings and deadlines (legal_aid.services.task_reminders_send)."""
    return services.task_reminders_send()


@shared_task
def anonymise_closed_cases() -> int:
    """Nightly: retention (legal_aid.services.anonymise_closed_cases)."""
    return services.anonymise_closed_cases()
