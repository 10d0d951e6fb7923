from datetime import timedelta

import segno
from celery import shared_task
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from core.resilience import task_step
from notifications.services import notify_once
from trainings.models import Certificate, Event, EventStatus, RegistrationStatus, Session


def certificate_pdf(certificate: Certificate) -> bytes:
    """The certificate as a PDF in the participant's language, with a QR code to its public check."""
    from weasyprint import HTML  # noqa: PLC0415 importing weasyprint loads Pango: only where a PDF is made

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
    """Makes one certificate's PDF, exactly once, however often its message is delivered. The row
    is locked while the PDF is made and saved in the same transaction: a worker killed half-way
    leaves nothing behind (its lock and transaction end with its connection) and the next delivery
    starts again; a duplicate delivery finds the row locked or rendered and does nothing."""
    with transaction.atomic():
        certificate = (
            Certificate.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("event__centre", "participant", "event__package")
            .filter(pk=certificate_id, rendered_at__isnull=True)
            .first()
        )
        if certificate is None:
            return False
        content = certificate_pdf(certificate)
        task_step("certificate.render", certificate_id=certificate_id)
        certificate.file.save(certificate.original_filename, ContentFile(content), save=False)
        certificate.rendered_at = timezone.now()
        certificate.save(update_fields=["file", "rendered_at"])
    return True


@shared_task
def render_pending_certificates(older_than_seconds: int = 300) -> int:
    """Queues again every certificate whose PDF is still missing (its message was lost with a killed
    worker or an emptied broker). A worker runs it as it starts (with 0) and beat every few minutes;
    render_certificate makes each PDF once, so a duplicate costs nothing."""
    pending = Certificate.objects.filter(
        rendered_at__isnull=True, issued_at__lt=timezone.now() - timedelta(seconds=older_than_seconds)
    ).values_list("pk", flat=True)
    count = 0
    for pk in pending.iterator():
        render_certificate.delay(pk)
        count += 1
    return count


@shared_task
def send_event_reminders() -> int:
    """Every quarter of an hour: reminders to registrants two days and two hours before an event,
    and to trainers when a session ended without attendance. Each is sent once (notify_once)."""
    now = timezone.now()
    sent = 0
    upcoming = Event.objects.filter(
        status=EventStatus.PUBLISHED, starts_at__gt=now, starts_at__lte=now + timedelta(days=2)
    ).prefetch_related("registrations__participant__user")
    for event in upcoming:
        # Within two hours only the two-hour reminder goes out (no stale two-day one).
        soon = event.starts_at is not None and event.starts_at - now <= timedelta(hours=2)  # starts_at: filtered above
        label = "2h" if soon else "2d"
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
