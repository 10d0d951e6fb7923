"""Celery entry points of partnerships: thin, each calls a function of partnerships.alerts (safe to
run twice). One block per sub-domain."""

from celery import shared_task

from partnerships import alerts
from partnerships.services import agreements as agreement_services

# --- agreements ---


@shared_task
def update_agreement_states() -> list[int]:
    """Nightly: signed agreements whose first day has come become active, active ones past their
    last day expire ([started, expired]; safe to run twice)."""
    return list(agreement_services.agreements_start_and_expire())


@shared_task
def send_agreement_reminders() -> int:
    """Daily: 60 and 14 days before an active agreement expires, and on each overdue obligation,
    once each."""
    return alerts.agreement_reminders_due()


# --- end agreements ---

# --- exchange visits ---


@shared_task
def send_visit_follow_up_reminders() -> int:
    """Daily: tells each assignee once that a visiting CSO's 90-day follow-up is due."""
    return alerts.visit_follow_ups_due()


# --- end visits ---
