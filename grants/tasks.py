from celery import shared_task
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from grants.models import Application


@shared_task(bind=True, max_retries=3, default_retry_delay=60)
def send_application_receipt(self, application_id: int) -> bool:
    """Makes the PDF receipt of a submitted application in the submitter's language and e-mails it.
    Safe to repeat: an application that already has its receipt is not sent again."""
    from weasyprint import HTML

    from grants.services import budget_totals

    application = (
        Application.objects.select_related("call", "organization", "submitted_by")
        .filter(pk=application_id, status="submitted", receipt="")
        .first()
    )
    if application is None:
        return False
    language = application.submitted_by.preferred_language if application.submitted_by else "ar"
    with translation.override(language):
        html = render_to_string(
            "grants/pdf/receipt.html",
            {
                "application": application,
                "totals": budget_totals(application),
                "rtl": translation.get_language_bidi(),
                "language": language,
            },
        )
        subject = render_to_string(
            "grants/email/receipt_subject.txt", {"application": application}, using="text"
        ).strip()
        body = render_to_string("grants/email/receipt.txt", {"application": application}, using="text")
    pdf = HTML(string=html, base_url=str(settings.BASE_DIR / "static")).write_pdf()
    application.receipt.save(f"receipt-{application.reference}.pdf", ContentFile(pdf), save=False)
    Application.objects.filter(pk=application.pk).update(receipt=application.receipt.name)
    if application.submitted_by and application.submitted_by.email:
        message = EmailMessage(subject=subject, body=body, to=[application.submitted_by.email])
        message.attach(f"receipt-{application.reference}.pdf", pdf, "application/pdf")
        try:
            message.send()
        except OSError as error:
            raise self.retry(exc=error) from error
    return True


@shared_task
def make_decision_letter(application_id: int) -> bool:
    """The award or rejection letter as a PDF in the CSO's language (its first administrator's), with
    the score summary. Safe to repeat: an existing letter is kept."""
    from weasyprint import HTML

    from grants.ranking import ranking
    from grants.services import budget_totals

    application = (
        Application.objects.select_related("call", "organization")
        .filter(pk=application_id, decision__in=["award", "reject"], decision_letter="")
        .first()
    )
    if application is None:
        return False
    admin = application.organization.memberships.filter(role="admin").select_related("user").first()
    language = admin.user.preferred_language if admin else "ar"
    row = next((r for r in ranking(application.call) if r.application.pk == application.pk), None)
    with translation.override(language):
        html = render_to_string(
            "grants/pdf/decision_letter.html",
            {
                "application": application,
                "row": row,
                "totals": budget_totals(application),
                "rtl": translation.get_language_bidi(),
                "language": language,
            },
        )
    pdf = HTML(string=html, base_url=str(settings.BASE_DIR / "static")).write_pdf()
    application.decision_letter.save(f"decision-{application.reference}.pdf", ContentFile(pdf), save=False)
    Application.objects.filter(pk=application.pk).update(decision_letter=application.decision_letter.name)
    return True


REMIND_DAYS_BEFORE = 7


@shared_task
def send_report_reminders() -> int:
    """Daily: tells a grantee's administrators a week before a report is due, and once when it is
    overdue (also when it was sent back for changes and is late). Each reminder is sent once (notify_once), however often the task runs."""
    import datetime as dt

    from django.urls import reverse
    from django.utils import timezone

    from grants.models import AgreementStatus, GrantReport, ReportStatus
    from notifications.services import notify_once

    today = timezone.localdate()
    from django.db.models import Q

    reports = GrantReport.objects.filter(
        Q(status=ReportStatus.DUE, due_on__lte=today + dt.timedelta(days=REMIND_DAYS_BEFORE))
        | Q(status=ReportStatus.CHANGES, due_on__lt=today),  # sent back for changes and late
        agreement__status=AgreementStatus.ACTIVE,
    ).select_related("agreement__application__organization")
    sent = 0
    for report in reports:
        kind = "report_overdue" if report.due_on < today else "report_due"
        admins = report.agreement.application.organization.memberships.filter(role="admin").select_related("user")
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
