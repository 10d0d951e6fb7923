from notifications.models import Notification


def notifications_for_user(*, user):
    return Notification.objects.filter(recipient=user).only(
        "id", "kind", "subject", "body", "url", "created_at", "read_at"
    )


def unread_count(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def latest_for_dashboard(request) -> dict:
    return {"latest": list(notifications_for_user(user=request.user).filter(read_at__isnull=True)[:5])}
