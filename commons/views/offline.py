"""What the platform keeps for offline reading (docs/commons.md, "Offline copies").

The service worker script is served from the site's root, outside the language prefixes, so that one
worker covers the platform in every language (/en/platform/, /ar/platform/, /ckb/platform/) and the
signed file links (/<language>/files/). By itself it keeps only the offline page in each language and
that page's assets; static/js/offline.js, on the entry page, saves an entry into a cache of its own."""

import json

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

# What the offline page loads (a test checks that it loads no other asset), kept when the worker
# installs so that the page shows styled without a connection.
OFFLINE_ASSETS = (
    "vendor/bootstrap-5.3.8/bootstrap.min.css",
    "vendor/bootstrap-5.3.8/bootstrap.rtl.min.css",
    "css/app.css",
    "vendor/vazirmatn-33.0.3/Vazirmatn-wght.woff2",
    "favicon.svg",
    "js/offline.js",
)
# Browsers look for a new worker on every navigation in its scope anyway (bypassing the HTTP cache);
# this only bounds how long a proxy or the browser keeps the script for other requests.
SCRIPT_MAX_AGE = 5 * 60


def offline_pages() -> dict[str, str]:
    """The offline page's address in each language."""
    pages = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            pages[code] = reverse("commons:offline")
    return pages


def worker_config() -> dict:
    pages = offline_pages()
    return {
        "offline": pages,
        "default": settings.LANGUAGE_CODE,
        "shell": [*pages.values(), *(static(path) for path in OFFLINE_ASSETS)],
        "static": settings.STATIC_URL,
    }


@require_GET
def service_worker(request):
    """The same script for everyone: it names nobody and no entry."""
    config = mark_safe(json.dumps(worker_config()))  # noqa: S308 (JSON of our own URLs, in a script)
    script = render_to_string("commons/offline/service_worker.js", {"config": config})
    response = HttpResponse(script, content_type="application/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    patch_cache_control(response, max_age=SCRIPT_MAX_AGE)
    return response


@require_GET
def offline_page(request):
    """What the worker shows, without a connection, for a platform page that was not saved. It is kept
    once for whoever uses the browser, so it names nobody; offline.js lists what was saved."""
    return render(request, "commons/offline.html")
