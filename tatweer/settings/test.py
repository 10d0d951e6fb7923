"""pytest: the real (embedded or DATABASE_URL) PostgreSQL, fast hashing, mail kept in memory."""

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CELERY_TASK_ALWAYS_EAGER = True
CELERY_BROKER_URL = "memory://"
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TATWEER_REQUIRE_STAFF_MFA = True
DEMO_DATA_ALLOWED = True
INSTALLED_APPS = [*INSTALLED_APPS, "tests.testapp"]  # noqa: F405
ACCOUNT_RATE_LIMITS = {**ACCOUNT_RATE_LIMITS, "confirm_email": None}  # noqa: F405
