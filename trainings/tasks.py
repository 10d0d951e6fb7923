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


@shared_task
def send_event_reminders() -> int:
    """Every quarter of an hour: reminders to registrants two days and two hours before an event,
    and to trainers when a session ended without attendance. Each is sent once (notify_once)."""
    from datetime import timedelta

    from notifications.services import notify_once
    from trainings.models import Event, EventStatus, RegistrationStatus, Session

    now = timezone.now()
    sent = 0
    upcoming = Event.objects.filter(
        status=EventStatus.PUBLISHED, starts_at__gt=now, starts_at__lte=now + timedelta(days=2)
    ).prefetch_related("registrations__participant__user")
    for event in upcoming:
        # Within two hours only the two-hour reminder goes out (no stale two-day one).
        label = "2h" if event.starts_at - now <= timedelta(hours=2) else "2d"
        url = reverse("trainings:event_detail", args=[event.pk])
        for registration in event.registrations.all():
            user = registration.participant.user
            if registration.status != RegistrationStatus.REGISTERED or user is None:
                continue
            sent += bool(
                notify_once(
                    key=f"event-reminder:{event.pk}:{label}:{registration.participant_id}",
                    recipient=user,
                    kind="event_reminder",
                    context={"event": event, "soon": label == "2h"},
                    url=url,
                )
            )
    forgotten = (
        Session.objects.filter(
            event__status=EventStatus.PUBLISHED,
            is_cancelled=False,
            attendance_recorded_at__isnull=True,
            period__endswith__lt=now,
            period__endswith__gte=now - timedelta(days=7),
        )
        .select_related("event")
        .prefetch_related("event__trainers")
    )
    for session in forgotten:
        url = reverse("trainings:roll_call", args=[session.event_id, session.pk])
        for trainer in session.event.trainers.all():
            sent += bool(
                notify_once(
                    key=f"attendance-missing:{session.pk}:{trainer.pk}",
                    recipient=trainer,
                    kind="attendance_missing",
                    context={"session": session, "event": session.event},
                    url=url,
                )
            )
    return sent
