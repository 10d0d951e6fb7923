from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation

from notifications.models import Notification


@shared_task(bind=True, max_retries=5, default_retry_delay=60)
def send_notification_email(self, notification_id: int) -> bool:
    """Sends one notification by e-mail, at most once: the row is claimed before sending and
    released again if sending fails, so a retried or duplicated task cannot send twice."""
    claimed = Notification.objects.filter(pk=notification_id, emailed_at__isnull=True).update(emailed_at=timezone.now())
    if not claimed:
        return False
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    recipient = notification.recipient
    language = recipient.preferred_language or "en"
    path = notification.url_for(language)
    link = f"{settings.SITE_URL}{path}" if path.startswith("/") else notification.url
    shown = notification.text_for(language)  # the recipient's language, as the rest of the e-mail
    context = {"notification": notification, "text": shown, "recipient": recipient, "link": link, "language": language}
    with translation.override(language):
        text = render_to_string("notifications/email/notification.txt", context)
        html = render_to_string("notifications/email/notification.html", context)
    message = EmailMultiAlternatives(subject=f"[Tatweer] {shown.subject}", body=text, to=[recipient.email])
    message.attach_alternative(html, "text/html")
    try:
        message.send()
    except OSError as error:
        Notification.objects.filter(pk=notification_id).update(emailed_at=None)
        raise self.retry(exc=error) from error
    return True


@shared_task
def purge_read_notifications(days: int = 180) -> int:
    """Deletes notifications read more than `days` ago; unread ones are kept."""
    deleted, _ = Notification.objects.filter(read_at__lt=timezone.now() - timedelta(days=days)).delete()
    return deleted
