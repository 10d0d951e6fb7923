from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest

from accounts.models import User
from notifications.models import Notification


def notifications_for_user(*, user: User) -> QuerySet[Notification]:
    """The person's notifications with every language's text (`Notification.localized` reads no more)."""
    return Notification.objects.filter(recipient=user).only(
        "id", "kind", "subject", "body", "texts", "url", "created_at", "read_at"
    )


def unread_count(*, user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def latest_for_dashboard(request: HttpRequest) -> dict[str, Any]:
    if not request.user.is_authenticated:
        return {"latest": []}
    return {"latest": list(notifications_for_user(user=request.user).filter(read_at__isnull=True)[:5])}
