from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from accounts.models import User
from core.resilience import task_step
from notifications import kinds
from notifications.models import Notification, NotificationPreference, SentReminder, localize_url
from notifications.tasks import send_notification_email


def wants_email(*, user: User, kind: str) -> bool:
    preference = NotificationPreference.objects.filter(user=user, kind=kind).values_list("email", flat=True).first()
    return kinds.get(kind).email_default if preference is None else preference


def _render(spec: kinds.Kind, context: dict, language: str) -> dict[str, str]:
    with translation.override(language):  # plain text, escaped where HTML shows it
        subject = " ".join(render_to_string(spec.subject_template, context, using="text").split())
        body = render_to_string(spec.body_template, context, using="text").strip()
    return {"subject": subject[:255], "body": body}


@transaction.atomic
def notify(*, recipient: User, kind: str, context: dict | None = None, url: str = "") -> Notification:
    """Records an in-app notification and, if the recipient wants e-mail for this kind, queues the
    e-mail for after the transaction commits.

    The kind's subject and body are rendered now, from the same templates and context, in every
    language of settings.LANGUAGES (`Notification.texts`), so that pages show it in the reader's
    language; `subject` and `body` keep the recipient's language's copy, which the e-mail sends.
    Rendering at creation keeps the text as it was true when sent (an object renamed or deleted
    later does not break it) and lets the list show rows without further queries."""
    spec = kinds.get(kind)
    context = {"recipient": recipient, **(context or {})}
    language = recipient.preferred_language or settings.LANGUAGE_CODE
    texts = {code: _render(spec, context, code) for code, _name in settings.LANGUAGES}
    own = texts.get(language) or _render(spec, context, language)
    if url:  # stored in the recipient's language (the e-mail's link); pages translate it for the reader
        url = localize_url(url, language)
    notification = Notification.objects.create(
        recipient=recipient, kind=kind, subject=own["subject"], body=own["body"], texts=texts, url=url
    )
    if recipient.is_active and recipient.email and wants_email(user=recipient, kind=kind):
        # robust: with the broker down the page still succeeds and the in-app notification stays;
        # only its e-mail is not sent (logged).
        transaction.on_commit(lambda: send_notification_email.delay(notification.pk), robust=True)
    return notification


def notification_mark_read(*, user: User, notification_id: int) -> int:
    return Notification.objects.filter(recipient=user, pk=notification_id, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def notifications_mark_all_read(*, user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())


@transaction.atomic
def preferences_save(*, user: User, email_by_kind: dict[str, bool]) -> None:
    for kind, email in email_by_kind.items():
        NotificationPreference.objects.update_or_create(user=user, kind=kind, defaults={"email": email})


def notify_once(
    *, key: str, recipient: User, kind: str, context: dict | None = None, url: str = ""
) -> Notification | None:
    """Like notify(), but at most once per key: the key is claimed in the same transaction as the
    notification, so a retried or duplicated reminder task never sends it twice."""
    try:
        with transaction.atomic():
            SentReminder.objects.create(key=key[:200])
            notification = notify(recipient=recipient, kind=kind, context=context, url=url)
    except IntegrityError:
        return None
    task_step("notify_once.sent", key=key)
    return notification
