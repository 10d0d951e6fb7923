"""Celery tasks of grants: each loads its record by primary key and calls a service."""

from celery import shared_task

from grants.models import Application, ApplicationStatus, Decision
from grants.services import documents, reminders


@shared_task(bind=True, max_retries=3, default_retry_delay=60)
def send_application_receipt(self, application_id: int) -> bool:
    """Makes the PDF receipt of a submitted application in the submitter's language and e-mails it.
    Safe to repeat: an application that already has its receipt is not sent again."""
    application = (
        Application.objects.select_related("call", "organization", "submitted_by")
        .filter(pk=application_id, status=ApplicationStatus.SUBMITTED, receipt="")
        .first()
    )
    if application is None:
        return False
    message = documents.application_receipt(application=application)
    if message is not None:
        try:
            message.send()
        except OSError as error:
            raise self.retry(exc=error) from error
    return True


@shared_task
def make_decision_letter(application_id: int) -> bool:
    """The award or rejection letter of an application. Safe to repeat: an existing letter is kept."""
    application = (
        Application.objects.select_related("call", "organization")
        .filter(pk=application_id, decision__in=[Decision.AWARD, Decision.REJECT], decision_letter="")
        .first()
    )
    if application is None:
        return False
    documents.decision_letter_make(application=application)
    return True


@shared_task
def send_report_reminders() -> int:
    """Daily: the reminders of reports due soon or overdue (grants.services.reminders)."""
    return reminders.report_reminders_send()
