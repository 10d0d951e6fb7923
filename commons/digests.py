"""The digest e-mail: for each person who follows something, the new entries she may read since her
last digest, in her language, daily or weekly. A digest is claimed (one row per person, frequency
and period, a database constraint) before it is sent, so a job that runs twice sends once; an empty
digest is claimed but not sent."""

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import User
from commons import selectors
from commons.models import Digest, DigestFrequency, DigestPreference, FollowLevel

logger = logging.getLogger(__name__)
LOOK_BACK = {DigestFrequency.DAILY: dt.timedelta(days=1), DigestFrequency.WEEKLY: dt.timedelta(days=7)}


def period_of(frequency: str, day: dt.date) -> str:
    if frequency == DigestFrequency.DAILY:
        return day.isoformat()
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def frequency_of(user: User) -> str:
    try:
        return user.commons_digest.frequency
    except DigestPreference.DoesNotExist:
        return DigestFrequency.WEEKLY


def digest_send(*, user: User, frequency: str, now: dt.datetime | None = None) -> Digest | None:
    """Claims this period's digest of the person and sends it if it has anything; None when the
    period's digest was already claimed (by this run or another)."""
    now = now or timezone.now()
    period = period_of(frequency, timezone.localdate(now))
    last = Digest.objects.filter(user=user, frequency=frequency).order_by("-until").first()
    since = last.until if last and last.until else now - LOOK_BACK[DigestFrequency(frequency)]
    try:
        with transaction.atomic():
            digest = Digest.objects.create(user=user, frequency=frequency, period=period, since=since, until=now)
    except IntegrityError:
        return None
    entries = selectors.digest_entries(user, since, now)
    Digest.objects.filter(pk=digest.pk).update(items=len(entries))
    if not entries or not user.email:
        return digest
    language = user.preferred_language or "en"
    with translation.override(language):
        items = [
            {
                "entry": entry,
                "reading": selectors.reading(entry, language),
                "url": settings.SITE_URL + reverse("commons:entry_detail", args=[entry.pk]),
            }
            for entry in entries
        ]
        context = {"recipient": user, "items": items, "language": language, "frequency": frequency}
        subject = " ".join(render_to_string("commons/email/digest_subject.txt", context, using="text").split())
        text = render_to_string("commons/email/digest.txt", context, using="text")
        html = render_to_string("commons/email/digest.html", context)
    message = EmailMultiAlternatives(subject=f"[Tatweer] {subject}", body=text, to=[user.email])
    message.attach_alternative(html, "text/html")
    message.send()
    Digest.objects.filter(pk=digest.pk).update(sent_at=timezone.now())
    digest.refresh_from_db()
    return digest


def digests_due(*, now: dt.datetime | None = None) -> int:
    """Daily: the daily digests, and on Mondays the weekly ones, of everyone who follows something."""
    now = now or timezone.now()
    monday = timezone.localdate(now).weekday() == 0
    followers = User.objects.filter(commons_follows__level__in=[FollowLevel.WATCH, FollowLevel.NEW])
    sent = 0
    for user in followers.distinct().select_related("commons_digest").order_by("pk"):
        frequency = frequency_of(user)
        if frequency == DigestFrequency.DAILY or (frequency == DigestFrequency.WEEKLY and monday):
            digest = digest_send(user=user, frequency=frequency, now=now)
            sent += bool(digest and digest.sent_at)
    logger.info("commons digests sent: %s", sent)
    return sent
