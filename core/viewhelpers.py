"""The one way a view calls a service.

A view fetches and authorises its object in one call (``selectors.<entity>_for_user_or_404``),
binds its form, and, when the form was posted and is valid, runs the service through
``run_service``: the service's ``ValidationError`` is shown under the form's fields (or as a message
on the page when there is no form), its success message is flashed, and the view decides where to
go next from the returned outcome::

    form = CancelForm(posted(request))
    if submitted(request, form):
        done = run_service(
            request,
            lambda: services.event_cancel(actor=request.user, event=event, **form.cleaned_data),
            form=form,
            success=_("The event is cancelled."),
        )
        if done:
            return redirect(event)
    return render(request, "trainings/event_cancel.html", {"form": form, "event": event})

``PermissionDenied`` and ``Http404`` from the service pass through (403 and 404 pages). A panel of a
larger page posts with htmx and gets only its own fragment back (``panel_or_page``); without
JavaScript the same post answers with the whole page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from core.forms import apply_validation_error


@dataclass(frozen=True)
class Outcome:
    """What ``run_service`` returns: true when the service succeeded, with its return value."""

    ok: bool
    value: Any = None
    error: ValidationError | None = None

    def __bool__(self) -> bool:
        return self.ok


def submitted(request: HttpRequest, *forms) -> bool:
    """True on a POST whose forms are all valid (every form is validated, so all show their errors)."""
    if request.method != "POST":
        return False
    valid = [form.is_valid() for form in forms]  # every form, not up to the first invalid one
    return all(valid)


def run_service(
    request: HttpRequest,
    call: Callable[[], Any],
    *,
    form=None,
    success: str | Callable[[Any], str] | None = None,
    quiet: bool = False,
) -> Outcome:
    """Runs ``call()``. A ``ValidationError`` goes under ``form``'s fields (by the field it names,
    else on top), or into the page's messages when there is no form; the outcome is false. On
    success, ``success`` (a text, or a function of the service's result) is flashed. With ``quiet``
    a refusal is only returned in the outcome (an htmx fragment answers with it; flashed, it would
    show up again on the next page)."""
    try:
        value = call()
    except ValidationError as error:
        if form is not None and not quiet:
            apply_validation_error(form, error)
        elif not quiet:
            for message in error.messages:
                messages.error(request, message)
        return Outcome(ok=False, error=error)
    if success is not None:
        messages.success(request, success(value) if callable(success) else success)
    return Outcome(ok=True, value=value)


def panel_or_page(request: HttpRequest, *, panel: str, context: dict, page: Callable[[], HttpResponse]) -> HttpResponse:
    """A panel of a larger page: htmx asks for the panel's fragment alone (its form with errors, or
    its new state); without JavaScript the whole page is built by ``page()`` (a redirect after a
    success, the page with the bound form after a refusal, so nothing typed is lost)."""
    if getattr(request, "htmx", False):
        return render(request, panel, context)
    return page()
