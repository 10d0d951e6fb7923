"""Refuses, at the edge, text that no field may hold: NUL (which PostgreSQL cannot store), the other
C0 control characters except tab, line feed and carriage return, DEL, lone surrogates and the
non-characters U+FFFE/U+FFFF (which XML exports and e-mail cannot carry). One check covers the path,
the query string and posted form fields, so no view, form or query has to guard against them; the
visitor gets the translated 400 page in the site's layout, never a 500."""

import re

from django.shortcuts import render

INVALID_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
FORM_CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def invalid_character(text: str) -> str | None:
    """The first character of `text` that no field may hold, or None."""
    match = INVALID_CHARACTERS.search(text)
    return match.group() if match else None


def _invalid_in(querydict) -> bool:
    return any(
        invalid_character(key) or any(invalid_character(value) for value in values) for key, values in querydict.lists()
    )


def has_invalid_input(request) -> bool:
    if invalid_character(request.path_info):
        return True
    if _invalid_in(request.GET):
        return True
    return request.method == "POST" and request.content_type in FORM_CONTENT_TYPES and _invalid_in(request.POST)


class InvalidInputMiddleware:
    """Placed after the middleware that sets the language, the user and the CSP nonce (none of which
    reads the path, query or body beyond matching the URL), so the 400 page is rendered like any
    other page; before everything that acts on the input."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_invalid_input(request):
            return render(request, "400.html", status=400)
        return self.get_response(request)
