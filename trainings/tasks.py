from celery import shared_task
from django.conf import settings
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from trainings.models import Certificate


def certificate_pdf(certificate: Certificate) -> bytes:
    """The certificate as a PDF in the participant's language, with a QR code to its public check."""
    import segno
    from weasyprint import HTML

    with translation.override(certificate.language):
        verify_url = settings.SITE_URL + reverse("trainings:certificate_verify", args=[certificate.code])
        qr = segno.make(verify_url, error="m").svg_data_uri(scale=4, border=1)
        html = render_to_string(
            "trainings/pdf/certificate.html",
            {
                "certificate": certificate,
                "event": certificate.event,
                "participant": certificate.participant,
                "verify_url": verify_url,
                "qr": qr,
                "rtl": translation.get_language_bidi(),
                "language": certificate.language,
            },
        )
    return HTML(string=html, base_url=str(settings.BASE_DIR / "static")).write_pdf()


@shared_task(bind=True, max_retries=3, default_retry_delay=30)
def render_certificate(self, certificate_id: int) -> bool:
    """Makes one certificate's PDF. Safe to run twice: a rendered certificate is left alone."""
    certificate = (
        Certificate.objects.select_related("event__centre", "participant", "event__package")
        .filter(pk=certificate_id, rendered_at__isnull=True)
        .first()
    )
    if certificate is None:
        return False
    content = certificate_pdf(certificate)
    certificate.file.save(certificate.original_filename, ContentFile(content), save=False)
    certificate.rendered_at = timezone.now()
    certificate.save(update_fields=["file", "rendered_at"])
    return True
