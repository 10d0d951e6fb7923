from django.utils.translation import get_language_bidi

from core import navigation


def site(request):
    user = getattr(request, "user", None)
    return {
        "nav_main": navigation.entries_for(user, "main", request) if user is not None else [],
        "nav_user": navigation.entries_for(user, "user", request) if user is not None else [],
        "LANGUAGE_BIDI": get_language_bidi(),
    }
