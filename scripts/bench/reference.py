"""The reference page: the TechEmpower "fortunes" shape in one file of Django, outside the project.

A view reads the 25 rows of `bench_fortune` from the bench database (BENCH_REFERENCE_DATABASE_URL),
adds nothing, sorts them and renders them through a Django template with autoescaping. It runs under
gunicorn beside the application (`gunicorn reference:application`, from scripts/bench/) with the same
workers, so the application's requests/s divided by this one's is a ratio that holds on a noisy
machine. The bench fills the table (database.ensure_fortunes, rows from fortunes.py) before starting it.
"""

import os

import environ
from django.conf import settings

TEMPLATE = """<!DOCTYPE html>
<html><head><title>Fortunes</title></head><body><table>
<tr><th>id</th><th>message</th></tr>
{% for fortune in fortunes %}<tr><td>{{ fortune.0 }}</td><td>{{ fortune.1 }}</td></tr>
{% endfor %}</table></body></html>"""


def _database() -> dict:
    config = environ.Env.db_url_config(os.environ["BENCH_REFERENCE_DATABASE_URL"])
    config["CONN_MAX_AGE"] = None  # one connection per worker, kept: the stack's own best case
    return config


if not settings.configured:
    settings.configure(
        DEBUG=False,
        SECRET_KEY=os.environ.get("BENCH_REFERENCE_SECRET", "reference-only"),
        ALLOWED_HOSTS=["127.0.0.1"],
        ROOT_URLCONF=__name__,
        DATABASES={"default": _database()},
        INSTALLED_APPS=[],
        MIDDLEWARE=[],
        USE_TZ=True,
        TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": [], "OPTIONS": {}}],
    )

import django  # noqa: E402 after settings.configure(), as a one-file Django needs
from django.db import connection  # noqa: E402
from django.http import HttpRequest, HttpResponse  # noqa: E402
from django.template import engines  # noqa: E402
from django.urls import path  # noqa: E402

django.setup()
_template = engines["django"].from_string(TEMPLATE)


def fortunes(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, message FROM bench_fortune")
        rows = sorted(cursor.fetchall(), key=lambda row: row[1])
    return HttpResponse(_template.render({"fortunes": rows}, request))


urlpatterns = [path("fortunes", fortunes)]

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
