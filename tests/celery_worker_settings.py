"""Settings of the Celery worker that the fault tests start as a subprocess (tests/faults.py): the
test settings, pointed at the test database, the test's Redis broker and queue, its private file
folder and an e-mail folder, with the step hook that lets a test stop the worker at a known point."""

import os

from tatweer.settings.test import *  # noqa: F403

DATABASES = {"default": {**DATABASES["default"], "NAME": os.environ["TATWEER_TEST_DATABASE_NAME"]}}  # noqa: F405
CELERY_TASK_ALWAYS_EAGER = False
CELERY_BROKER_URL = os.environ["TATWEER_TEST_BROKER_URL"]
CELERY_TASK_DEFAULT_QUEUE = os.environ["TATWEER_TEST_QUEUE"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": os.environ["TATWEER_TEST_PRIVATE_ROOT"]},
    },
}
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["TATWEER_TEST_MAIL_DIR"]
TATWEER_TASK_STEP_HOOK = "tests.fault_hooks.step"
