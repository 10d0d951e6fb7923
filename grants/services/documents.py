"""The PDFs of an application: the receipt of a submission (e-mailed to the submitter) and the
decision letter. Run by grants.tasks; imports no other service."""

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from grants.models import Application, Decision
from grants.rules.applications import budget_totals
from grants.rules.ranking import ranking
from organizations.models import MembershipRole


def _pdf(html: str) -> bytes:
    from weasyprint import HTML  # noqa: PLC0415 loads Pango on import (about a second); only PDF work needs it

    return HTML(string=html, base_url=str(settings.BASE_DIR / "static")).write_pdf()


def application_receipt(*, application: Application) -> EmailMessage | None:
    """Makes and stores the PDF receipt of a submitted application in the submitter's language; the
    e-mail that carries it, or None when the submitter has no address."""
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
    pdf = _pdf(html)
    application.receipt.save(f"receipt-{application.reference}.pdf", ContentFile(pdf), save=False)
    Application.objects.filter(pk=application.pk).update(receipt=application.receipt.name)
    if not (application.submitted_by and application.submitted_by.email):
        return None
    message = EmailMessage(subject=subject, body=body, to=[application.submitted_by.email])
    message.attach(f"receipt-{application.reference}.pdf", pdf, "application/pdf")
    return message


def decision_letter_make(*, application: Application) -> None:
    """The award or rejection letter as a PDF in the CSO's language (its first administrator's), with
    the score summary, stored on the application."""
    admin = application.organization.memberships.filter(role=MembershipRole.ADMIN).select_related("user").first()
    language = admin.user.preferred_language if admin else "ar"
    row = next((r for r in ranking(application.call) if r.application.pk == application.pk), None)
    with translation.override(language):
        html = render_to_string(
            "grants/pdf/decision_letter.html",
            {
                "application": application,
                "row": row,
                "Decision": Decision,
                "totals": budget_totals(application),
                "rtl": translation.get_language_bidi(),
                "language": language,
            },
        )
    pdf = _pdf(html)
    application.decision_letter.save(f"decision-{application.reference}.pdf", ContentFile(pdf), save=False)
    Application.objects.filter(pk=application.pk).update(decision_letter=application.decision_letter.name)
