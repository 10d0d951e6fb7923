"""Shared permission helpers. The rules themselves live in each app's permissions.py."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


def require(predicate):
    """View decorator: anonymous visitors are sent to sign in; signed-in people for whom
    `predicate(user)` is false get 403. Object-level checks answer 404 in the view itself."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not predicate(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
