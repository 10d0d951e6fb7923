"""Surviving faults of the services the site depends on.

- PostgreSQL down or restarting: every request that reaches the database answers the translated 503
  page (rendered without the database), and the next request after the restart succeeds by itself
  (CONN_HEALTH_CHECKS in settings). Errors raised in a view are caught by ``process_exception``;
  errors raised by an inner middleware (the session, the signed-in user) are turned into a 500 by
  Django before they reach any outer middleware, so a ``got_request_exception`` receiver marks the
  request and the middleware answers 503 instead.
- Redis down: the cache behaves as an empty cache (``ResilientRedisCache``) so pages keep serving,
  and work that needs the broker is refused with a clear message (``enqueue``) before anything is
  left half-created.
- Long Celery tasks call ``task_step`` at named steps: a clean hook (setting TATWEER_TASK_STEP_HOOK)
  that the fault tests use to stop a worker at a known point.
"""

import functools
import logging
import sys
import time

import redis
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache.backends.redis import RedisCache
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils import translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from kombu.exceptions import OperationalError as KombuOperationalError

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
KEPT_HEADERS = (
    "Content-Security-Policy",
    "Content-Security-Policy-Report-Only",
    "X-Frame-Options",
    "Content-Language",
    "Vary",
)
RETRY_AFTER_SECONDS = 30


# --- The database ----------------------------------------------------------------------------------


class _PageRequest:
    """The request as the 503 page's layout sees it: everything the request has, except that a
    script nonce the CSP middleware can no longer give (its header is already written when the
    error came from an inner middleware) is simply empty."""

    def __init__(self, request):
        self._request = request

    def __getattr__(self, name):
        return getattr(self._request, name)

    @property
    def csp_nonce(self) -> str:
        try:
            return str(self._request.csp_nonce)
        except Exception:  # csp.exceptions.CSPNonceError, or no CSP middleware at all
            return ""


def service_unavailable(request) -> HttpResponse:
    """The translated 503 page, in the site's layout, rendered without touching the database: no
    context processors run (they read the session and the user), the visitor is shown as signed out."""
    context = {
        "request": _PageRequest(request),
        "user": AnonymousUser(),
        "LANGUAGE_BIDI": translation.get_language_bidi(),
    }
    with translation.override(getattr(request, "LANGUAGE_CODE", None) or translation.get_language()):
        html = loader.render_to_string("503.html", context)
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def _note_database_error(sender, request=None, **kwargs):
    error = sys.exc_info()[1]
    if request is not None and isinstance(error, DATABASE_ERRORS):
        request._tatweer_database_unavailable = True


class DatabaseUnavailableMiddleware:
    """Answers 503 (translated, Retry-After) when the database cannot be reached, wherever in the
    request the error was raised. Place it outside every middleware that reads the database."""

    def __init__(self, get_response):
        self.get_response = get_response
        got_request_exception.connect(_note_database_error, dispatch_uid="tatweer-database-unavailable")

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "_tatweer_database_unavailable", False):
            page = service_unavailable(request)
            for header in KEPT_HEADERS:  # what the inner middlewares set on the 500 they made
                if header in response:
                    page[header] = response[header]
            return page
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            logger.warning("Database unavailable for %s: %s", request.path, exception)
            return service_unavailable(request)
        return None


# --- The cache -------------------------------------------------------------------------------------


def _redis_errors() -> tuple[type[BaseException], ...]:
    return (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError)


def _tolerant(fallback):
    """While Redis cannot be reached, the decorated cache method returns what an empty cache would
    (``fallback(*args, **kwargs)``). After a failure Redis is left alone for a few seconds, so a page
    does not wait for one connection timeout per cache call."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if time.monotonic() < self._down_until:
                return fallback(*args, **kwargs)
            try:
                return method(self, *args, **kwargs)
            except _redis_errors() as error:
                self._down_until = time.monotonic() + self.retry_after
                logger.warning("Cache unavailable, serving without it: %s", error)
                return fallback(*args, **kwargs)

        return wrapper

    return decorate


def _missing_key(*args, **kwargs):
    raise ValueError("Key not found (the cache is unavailable)")


class ResilientRedisCache(RedisCache):
    """Django's Redis cache, except that a Redis outage makes it behave as an empty cache that
    stores nothing, instead of raising into the page. Rate limits then let requests through."""

    retry_after = 5.0

    def __init__(self, server, params):
        super().__init__(server, params)
        self._down_until = 0.0

    get = _tolerant(lambda key, default=None, version=None: default)(RedisCache.get)
    get_many = _tolerant(lambda keys, version=None: {})(RedisCache.get_many)
    has_key = _tolerant(lambda key, version=None: False)(RedisCache.has_key)
    add = _tolerant(lambda *args, **kwargs: True)(RedisCache.add)
    set = _tolerant(lambda *args, **kwargs: None)(RedisCache.set)
    set_many = _tolerant(lambda data, timeout=None, version=None: list(data))(RedisCache.set_many)
    touch = _tolerant(lambda *args, **kwargs: False)(RedisCache.touch)
    delete = _tolerant(lambda *args, **kwargs: False)(RedisCache.delete)
    delete_many = _tolerant(lambda *args, **kwargs: None)(RedisCache.delete_many)
    incr = _tolerant(_missing_key)(RedisCache.incr)
    clear = _tolerant(lambda: False)(RedisCache.clear)


# --- The broker ------------------------------------------------------------------------------------

BACKGROUND_UNAVAILABLE = _("Background work is unavailable right now; try again in a few minutes.")


class BackgroundUnavailable(Exception):
    """The broker could not take a task. The message is for the person who asked for the work."""

    def __init__(self, message=BACKGROUND_UNAVAILABLE):
        super().__init__(str(message))
        self.message = message


def broker_errors() -> tuple[type[BaseException], ...]:
    return (KombuOperationalError, *_redis_errors())


def enqueue(task, *args, **kwargs):
    """Sends a task to the broker, or raises BackgroundUnavailable when the broker cannot be reached
    (after the short publish retry policy of the settings). Without a broker (eager mode) the task
    runs here."""
    try:
        return task.apply_async(args=args, kwargs=kwargs)
    except broker_errors() as error:
        logger.warning("Broker unavailable, %s not queued: %s", task.name, error)
        raise BackgroundUnavailable from error


# --- Observable steps of long tasks ----------------------------------------------------------------


def task_step(name: str, **info) -> None:
    """Marks a named step of a long task. Does nothing unless TATWEER_TASK_STEP_HOOK names a
    function, which is then called with the step's name and details (the fault tests use it to stop
    a worker at a known point)."""
    path = getattr(settings, "TATWEER_TASK_STEP_HOOK", "")
    if path:
        import_string(path)(name, **info)
