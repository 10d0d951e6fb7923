"""Development and the demo (`make run`): debug on, e-mail printed to the console."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
# The demo logins must work at once; set it to true to try the staff MFA requirement locally.
TATWEER_REQUIRE_STAFF_MFA = env.bool("TATWEER_REQUIRE_STAFF_MFA", default=False)
DEMO_DATA_ALLOWED = True
