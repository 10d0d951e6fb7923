"""Shared permission helpers. The rules themselves live in each app's permissions.py.

Core knows no roles (they belong to accounts, a floor above). The few rules core's own pages need are
named here and registered by the app that can decide them, from its AppConfig.ready(); a rule nobody
registered allows nobody."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase

VIEW_AUDIT_TRAIL = "view_audit_trail"

_rules: dict[str, Callable[[Any], bool]] = {}


def register_rule(name: str, predicate: Callable[[Any], bool]) -> None:
    """`predicate(user) -> bool` decides the rule `name` that a page of core checks."""
    _rules[name] = predicate


def allows(name: str, user: Any) -> bool:
    rule = _rules.get(name)
    return rule is not None and rule(user)


def require(
    predicate: Callable[[Any], bool],
) -> Callable[[Callable[..., HttpResponseBase]], Callable[..., HttpResponseBase]]:
    """View decorator: anonymous visitors are sent to sign in; signed-in people for whom
    `predicate(user)` is false get 403. Object-level checks answer 404 in the view itself."""

    def decorator(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not predicate(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
