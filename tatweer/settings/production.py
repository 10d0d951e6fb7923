"""Production: refuses to start without its secrets; HTTPS, secure cookies, staff MFA required.

DATABASE_URL is checked first, before any other setting is read: production never uses the embedded
database (which importing base.py only describes, never starts)."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env

if not env("DATABASE_URL", default=""):
    raise ImproperlyConfigured("Production needs DATABASE_URL.")
EMBEDDED_DATABASE_DIR = None
DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY")
if not env("REDIS_URL", default=""):
    raise ImproperlyConfigured("Production needs REDIS_URL (cache and Celery broker).")
# Only the site's own names: a request for any other host (localhost included) is refused, so no
# e-mailed link can carry it. The container health check calls /healthz on the loopback address over
# plain HTTP, with the first of these names as its Host header (docker-compose.yml).
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# How many reverse proxies append to X-Forwarded-For in front of gunicorn (see base.py): production
# must say, since either wrong answer weakens the sign-in rate limits.
TATWEER_TRUSTED_PROXY_COUNT = ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TATWEER_TRUSTED_PROXY_COUNT")
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405
# The pool keeps the connections: Django refuses persistent connections (CONN_MAX_AGE, 60 s in base.py)
# beside it, on the first query. The options of base.py (connect_timeout) are kept.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
DATABASES["default"]["OPTIONS"] = {  # noqa: F405
    **DATABASES["default"].get("OPTIONS", {}),  # noqa: F405
    "pool": {"min_size": 2, "max_size": env.int("DATABASE_POOL_SIZE", default=10)},
}

TATWEER_REQUIRE_STAFF_MFA = True
DEMO_DATA_ALLOWED = False

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 30)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
