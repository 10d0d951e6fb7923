"""Compressed pages for phones on slow connections, without opening the door to BREACH.

BREACH recovers a secret from a compressed HTTPS body by reflecting guesses into the same body and
watching its size. Here:

- only answers to GET and HEAD are compressed: the answers to forms sent (and their error pages,
  which reflect what was typed) go out as they are;
- never the account pages (`/<language>/accounts/...`: allauth's sign-in, password, e-mail and
  two-factor pages, where recovery codes and authenticator secrets are shown);
- only HTML and JSON (files and exports are sent as stored; static files are compressed ahead of
  time by WhiteNoise);
- the CSRF token on the other pages is masked afresh for every response (Django's own defence), and
  Django's GZipMiddleware adds up to 100 random bytes to every compressed body (Heal The BREACH).
"""

import re

from django.middleware.gzip import GZipMiddleware

COMPRESSED_TYPES = ("text/html", "application/json")
ACCOUNT_PAGES = re.compile(r"^/(?:[a-z]{2,3}/)?accounts/")


def compressible(request, response) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not ACCOUNT_PAGES.match(request.path_info)
        and response.get("Content-Type", "").split(";")[0].strip() in COMPRESSED_TYPES
    )


class PageCompressionMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if not compressible(request, response):
            return response
        return super().process_response(request, response)
