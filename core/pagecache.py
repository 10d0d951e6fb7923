"""Whole public pages kept for visitors who are not signed in, until the data changes.

A view opts in with `@public_page`. Its response is kept (core.freshness: under the database's data
version, so the first request after any write renders afresh) only when it is the same for every
visitor: a GET or HEAD with status 200, from a request without a session cookie, whose response sets
no cookie (a page that rendered a CSRF token or a message sets one, and is never kept). The key is
the path with its query string (the language is the path's prefix) and the current minute: public
pages also depend on the clock (a call closes at its deadline, an event stops being upcoming), so
what they show is at most a minute behind the clock and never behind the data.

`PublicPageCacheMiddleware` answers a kept page before the session, language, CSRF and user
middleware run, which is most of what such a page costs. It sits below the middleware that
answers a database outage (it reads the data version) and above everything else of the project's.
The kept response carries the headers it was made with (Content-Language, Vary, its
Content-Security-Policy with the nonce its scripts carry); the security middleware above adds
its own to each answer.
"""

from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError

from core import freshness

SAFE_METHODS = ("GET", "HEAD")
MARK = "_tatweer_public_page"


def public_page(view):
    """Marks a view's anonymous answers as the same for everyone (the middleware may keep them)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        setattr(response, MARK, True)
        return response

    return wrapped


def _anonymous(request) -> bool:
    return request.method in SAFE_METHODS and settings.SESSION_COOKIE_NAME not in request.COOKIES


def _key(request, version: str) -> str:
    return freshness.key_for("page", (request.get_full_path(), freshness.this_minute()), version)


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _anonymous(request) or not freshness.keeps():
            return self.get_response(request)
        try:
            version = freshness.data_version()
        except (DatabaseError, OSError):  # the database is not answering: the page (or 503) says so
            return self.get_response(request)
        key = _key(request, version)
        kept = cache.get(key)
        if kept is not None:
            return kept
        response = self.get_response(request)
        if getattr(response, MARK, False):
            delattr(response, MARK)
            if response.status_code == 200 and not response.cookies and not response.streaming:
                cache.set(key, response, freshness.TIMEOUT)
        return response
