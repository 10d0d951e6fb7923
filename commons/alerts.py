"""What the platform tells people in the background: the followers of a newly published entry, and
the CSOs that used an entry three months ago (asked what changed). Both are safe to run twice:
each message is claimed by a notify_once key."""

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from commons import permissions
from commons.models import Entry, EntryStatus, Uptake
from commons.selectors import followers_of, reading, with_reading
from notifications.services import notify_once


def entry_announce(*, entry_id: int) -> int:
    """Tells each follower once (notify_once) of a newly published entry she may read; the count told."""
    entry = with_reading(Entry.objects.filter(pk=entry_id, status=EntryStatus.PUBLISHED)).first()
    if entry is None:
        return 0
    told = 0
    for user in followers_of(entry):
        if notify_once(
            key=f"commons-entry-{entry.pk}-{user.pk}",
            recipient=user,
            kind="commons_followed_entry",
            context={"entry": entry, "reading": reading(entry, user.preferred_language or "en")},
            url=reverse("commons:entry_detail", kwargs={"pk": entry.pk}),
        ):
            told += 1
    return told


FOLLOW_UP_AFTER = dt.timedelta(days=91)  # "after three months"


def uptake_follow_ups_due(*, today: dt.date | None = None) -> int:
    """Asks the person who marked a use, three months on, what changed: once per use (the reminder is
    claimed by notify_once and marked on the row), never when it was already told."""
    today = today or timezone.localdate()
    due = Uptake.objects.filter(
        used_on__lte=today - FOLLOW_UP_AFTER, followed_up_at__isnull=True, reminded_at__isnull=True
    ).select_related("entry", "organization", "marked_by")
    asked = 0
    for uptake in due:
        with transaction.atomic():
            if permissions.can_follow_up(uptake.marked_by, uptake) and notify_once(
                key=f"commons-uptake-{uptake.pk}",
                recipient=uptake.marked_by,
                kind="commons_uptake_follow_up",
                context={"uptake": uptake, "entry": uptake.entry},
                url=reverse("commons:uptake_follow_up", kwargs={"pk": uptake.pk}),
            ):
                asked += 1
            Uptake.objects.filter(pk=uptake.pk).update(reminded_at=timezone.now())
    return asked
