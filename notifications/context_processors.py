from django.utils.functional import SimpleLazyObject

from core import freshness
from notifications.selectors import unread_count


def unread(request):
    """The unread count for the navigation bar, computed only when a template shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    # Kept until the data changes (core.freshness): a new or read notification is a write.
    return {
        "notifications_unread": SimpleLazyObject(
            lambda: freshness.cached(
                "notifications.unread",
                (user.pk,),
                lambda: unread_count(user=user),
                version=freshness.version_of(request),
            )
        )
    }
