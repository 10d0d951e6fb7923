from django.utils.functional import SimpleLazyObject

from notifications.selectors import unread_count


def unread(request):
    """The unread count for the navigation bar, computed only when a template shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"notifications_unread": SimpleLazyObject(lambda: unread_count(user=user))}
