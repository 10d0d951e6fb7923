from typing import NamedTuple
from urllib.parse import urlsplit

from django.conf import settings
from django.db import models
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import gettext_lazy as _


def localize_url(url: str, language: str | None) -> str:
    """`url` with the prefix of `language`, whatever language it was reversed in. (translate_url
    alone resolves the path in the active language and leaves it unchanged if that is another.)"""
    if not url or not language:
        return url
    current = translation.get_language_from_path(urlsplit(url).path)
    if not current or current == language:
        return url
    with translation.override(current):
        return translate_url(url, language)


class NotificationText(NamedTuple):
    subject: str
    body: str


class Notification(models.Model):
    """A message to one person, shown in the app and (if they want it) sent by e-mail.

    When the notification is made, `notify()` renders the kind's subject and body once in every
    language of `settings.LANGUAGES` into `texts` (`{"en": {"subject": ..., "body": ...}, "ar": ...}`)
    and keeps the recipient's language's copy in `subject` and `body` (the e-mail, and the fallback).
    Pages show it in the reader's language (`localized`, `text_for(language)`): the text is what was
    true when it was sent (an object renamed or deleted later does not change or break it), the list
    needs no query beyond the rows, and the reader sees the language of the page. Rows made before
    `texts` existed hold only the recipient's language and fall back to `subject` and `body`.
    `url` is stored in the recipient's language (the e-mail's link); pages open it in the reader's
    (`url_for(language)`).
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("recipient")
    )
    kind = models.CharField(_("kind"), max_length=64)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("body"), blank=True)
    texts = models.JSONField(_("text"), default=dict, blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notif_recipient_recent"),
            models.Index(fields=["recipient"], condition=models.Q(read_at__isnull=True), name="notif_recipient_unread"),
        ]

    def __str__(self):
        return self.localized.subject

    def text_for(self, language: str | None) -> NotificationText:
        """Subject and body in `language`, or the recipient's-language copy where it was not rendered."""
        text = (self.texts or {}).get(language or "") if isinstance(self.texts, dict) else None
        if isinstance(text, dict) and text.get("subject"):
            return NotificationText(str(text["subject"]), str(text.get("body") or ""))
        return NotificationText(self.subject, self.body)

    @property
    def localized(self) -> NotificationText:
        """Subject and body in the language being shown (`get_language()`), for templates."""
        return self.text_for(translation.get_language())

    def url_for(self, language: str | None) -> str:
        """The link with the language prefix of `language` (it is stored with the recipient's)."""
        return localize_url(self.url, language)


class NotificationPreference(models.Model):
    """Whether a person wants e-mail for one kind of notification (in-app ones are always kept)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(_("kind"), max_length=64)
    email = models.BooleanField(_("send by e-mail"), default=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="notif_pref_user_kind_unique")]

    def __str__(self):
        return f"{self.user} / {self.kind}"


class SentReminder(models.Model):
    """Bookkeeping for reminders: one row per reminder key, so each is sent once even if the beat
    task runs twice or the worker restarts halfway."""

    key = models.CharField(max_length=200, unique=True)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sent reminder")
        verbose_name_plural = _("sent reminders")

    def __str__(self):
        return self.key
