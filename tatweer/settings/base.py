"""Settings shared by every environment. Values that differ per deployment come from the environment
(see .env.example); local.py, test.py and production.py only change what differs."""

from decimal import Decimal, InvalidOperation
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from tatweer import embedded_db

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
if (BASE_DIR / ".env").exists():
    env.read_env(str(BASE_DIR / ".env"))

SECRET_KEY = env("DJANGO_SECRET_KEY", default="insecure-local-only-key-change-me-for-any-real-deployment")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "modeltranslation",  # must precede django.contrib.admin
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "guardian",
    "pgtrigger",
    "pghistory",
    "django_htmx",
    "django_filters",
    "csp",
    "core",
    "accounts",
    "notifications",
    "centers",
    "organizations",
    "trainings",
    "grants",
    "legal_aid",
    "results",
    "commons",
    "partnerships",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside everything that reads the database: a database outage answers the translated 503 page.
    "core.resilience.DatabaseUnavailableMiddleware",
    # Compresses HTML and JSON answers to GET requests outside the account pages (core.compression),
    # above the page cache so kept pages are compressed too.
    "core.compression.PageCompressionMiddleware",
    # A public page kept for visitors without a session answers here, before the rest (core.pagecache).
    "core.pagecache.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # NUL and control characters are refused here, before anything acts on the input, yet after the
    # language, user and CSP nonce are set, so the 400 page renders like any other page.
    "core.middleware.InvalidInputMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.StaffMFAMiddleware",
    "pghistory.middleware.HistoryMiddleware",
]

ROOT_URLCONF = "tatweer.urls"
WSGI_APPLICATION = "tatweer.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
                "notifications.context_processors.unread",
            ],
        },
    },
    {
        # Plain text (notification subjects and bodies, which are stored and escaped once where HTML
        # shows them): the same templates, without HTML autoescaping. Never for HTML.
        "NAME": "text",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"autoescape": False},
    },
]

# --- Database -------------------------------------------------------------------------------------
# PostgreSQL only. DATABASE_URL in production; otherwise an embedded server inside the checkout, which
# these settings only describe: the commands that need it start it (tatweer.embedded_db.ensure_started).
if env("DATABASE_URL", default=""):
    EMBEDDED_DATABASE_DIR = None
    DATABASES = {"default": env.db_url("DATABASE_URL")}
else:
    EMBEDDED_DATABASE_DIR = BASE_DIR / ".pgdata" / "pg"
    DATABASES = {"default": embedded_db.connection_settings(EMBEDDED_DATABASE_DIR)}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Connections are kept for a minute and checked before reuse, so after a database restart the next
# request reconnects by itself instead of failing on a dead connection; connecting gives up after 5 s.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
FORMS_URLFIELD_ASSUME_HTTPS = True  # Django 6 behaviour: a bare domain typed in a URL field means https

# --- Cache, broker, background work ---------------------------------------------------------------
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    # A Redis outage must not take pages down: the cache then behaves as empty (core.resilience).
    CACHES = {
        "default": {
            "BACKEND": "core.resilience.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    # A shared, persistent cache even without Redis, so allauth's rate limits hold across processes.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "tatweer_cache",
        }
    }

# Sessions are read on every signed-in request: from Redis when there is one, written through to the
# database so that a Redis restart signs nobody out.
if REDIS_URL:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
# Without a broker the demo runs every task in the web process, at once.
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 600
# Redis redelivers a message nobody acknowledged (worker killed) after the visibility timeout: twice
# the hard time limit, so a task still running is never handed to a second worker. A restarted worker
# does not wait for it: it recovers its own interrupted work at start (tatweer.celery).
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 2 * CELERY_TASK_TIME_LIMIT}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None  # a worker waits for Redis to come back, however long
CELERY_BROKER_CONNECTION_TIMEOUT = 2
# The web process gives up publishing after about a second, so a request never hangs on a dead broker.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.5, "interval_max": 0.5}
# A running export whose progress has been silent this long is taken as interrupted (core.tasks).
TATWEER_EXPORT_STALE_AFTER = 300
TATWEER_EXPORT_MAX_ATTEMPTS = 3
# A dotted path called at named steps of long tasks (core.resilience.task_step); the fault tests use it.
TATWEER_TASK_STEP_HOOK = ""
CELERY_TIMEZONE = "Asia/Baghdad"

# --- Authentication -------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "core:dashboard"

ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupExtraForm"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
# Nobody can learn whether an address is registered: sign-up and password reset give the same answer
# for every address. With mandatory verification, signing up with a registered address creates no
# second account; its owner is told by e-mail instead ("strict" would allow duplicate accounts).
ACCOUNT_PREVENT_ENUMERATION = True
# A reset asked for an address nobody registered sends nothing: an e-mail from a civil-society
# programme can itself put its recipient at risk, and anyone could make the site send one.
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Tatweer] "
ACCOUNT_RATE_LIMITS: dict[str, str | None] = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
}
# The rate limits above count "ip" by the client's address. Behind reverse proxies every request comes
# from the nearest proxy, so the address is read from X-Forwarded-For, as many entries from the right
# as there are proxies that append to it; 0 (no proxy) trusts no forwarded header, as a forged one
# would otherwise give each attempt a fresh address.
TATWEER_TRUSTED_PROXY_COUNT = env.int("TATWEER_TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_PROXY_COUNT = TATWEER_TRUSTED_PROXY_COUNT
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Tatweer"
# Staff roles must set up two-factor authentication before anything else (accounts.middleware).
TATWEER_REQUIRE_STAFF_MFA = env.bool("TATWEER_REQUIRE_STAFF_MFA", default=True)

# --- Grant rules ---------------------------------------------------------------------------------


def env_decimal(name: str, default: str) -> Decimal:
    """A positive decimal from the environment, read exactly (a float would turn 60000.10 into
    60000.099999...); anything else refuses to start with the variable's name."""
    raw = env.str(name, default=default).strip()
    try:
        value = Decimal(raw)
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite() or value <= 0:
        raise ImproperlyConfigured(f"{name} must be a positive number such as {default}, not {raw!r}.")
    return value


# The programme's cap on the total support to one CSO across all calls, in euro equivalent.
TATWEER_CSO_SUPPORT_CAP_EUR = env_decimal("TATWEER_CSO_SUPPORT_CAP_EUR", default="60000")
# How far reported spending on a budget line may exceed the line (in per cent) without an amendment.
TATWEER_BUDGET_VARIANCE_PERCENT = env_decimal("TATWEER_BUDGET_VARIANCE_PERCENT", default="10")

# The audit trail is append-only: the database refuses updates and deletions of history rows. The
# legal case histories opt out, because the retention job must remove their confidential text.
PGHISTORY_APPEND_ONLY = True

GUARDIAN_RAISE_403 = False
ANONYMOUS_USER_NAME = None  # no guardian anonymous user: anonymous visitors have no object rights

# --- Languages ------------------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ar", _("Arabic")), ("ckb", _("Central Kurdish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Number and date formats that differ from Django's for Arabic and Kurdish (tatweer/formats).
FORMAT_MODULE_PATH = ["tatweer.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Baghdad"
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "ar", "ckb")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en",), "ckb": ("ar", "en"), "ar": ("en",)}
LANGUAGE_COOKIE_NAME = "tatweer_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True  # only the server reads it (the language switch is a form post)

# --- Static and private files ---------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": env.path("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "private_media"))},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(BASE_DIR / "media"))
MEDIA_URL = "/media/"
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
# Links to private files stop serving them this many seconds after the page that showed them.
TATWEER_PRIVATE_FILE_LINK_MAX_AGE = env.int("TATWEER_PRIVATE_FILE_LINK_MAX_AGE", default=60 * 60)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o640

# --- E-mail ---------------------------------------------------------------------------------------
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Tatweer <no-reply@tatweer.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security -------------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        # The platform's service worker (/platform-sw.js, commons.views.offline), not left to script-src.
        "worker-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "pgserver": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# --- Legal assistance ------------------------------------------------------------------------------
# Closed legal cases are anonymised this many days after closing (5 years by default).
TATWEER_LEGAL_RETENTION_DAYS = env.int("TATWEER_LEGAL_RETENTION_DAYS", default=5 * 365)
