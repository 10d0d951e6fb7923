"""The logframe as a spreadsheet: download it, upload it back, see every change and problem row by
row, then confirm (results.spreadsheet). Nothing is saved before the confirmation, and a confirmed
upload is saved whole or not at all."""

import hashlib
from typing import cast

from django import forms
from django.contrib import messages
from django.core.files.uploadedfile import UploadedFile
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from accounts.models import User
from core.forms import posted, query_without_page
from core.permissions import require
from core.uploads import UploadValidator
from core.viewhelpers import run_service, submitted
from results import permissions, spreadsheet
from results.models import Logframe
from results.selectors import programme_logframe

UPLOAD_SESSION_KEY = "results-logframe-upload"
MAX_KEPT_CHARS = 2_000_000  # what a checked upload may take in the session
ROWS_PER_PAGE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class LogframeUploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Logframe workbook (XLSX)"))

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        UploadValidator(("xlsx",), max_bytes=spreadsheet.MAX_BYTES)(upload)
        return upload


def _logframe_or_404() -> Logframe:
    logframe = programme_logframe()
    if logframe is None:
        raise Http404
    return logframe


@require(permissions.reads_results)
@require_GET
def logframe_download(request: HttpRequest) -> HttpResponse:
    logframe = _logframe_or_404()
    response = HttpResponse(spreadsheet.logframe_workbook(logframe), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="logframe-{logframe.programme.slug}.xlsx"'
    return response


def _kept(request: HttpRequest, logframe: Logframe) -> tuple[spreadsheet.Preview, str] | None:
    """The checked upload kept in the session, with a token naming it (so a confirmation saves the
    preview that was shown, not one checked since in another tab)."""
    text = request.session.get(UPLOAD_SESSION_KEY)
    if not text:
        return None
    preview = spreadsheet.Preview.from_json(text)
    token = hashlib.sha256(text.encode()).hexdigest()[:32]
    return (preview, token) if preview.logframe == logframe.pk else None


def _preview_page(request: HttpRequest, preview: spreadsheet.Preview, token: str) -> HttpResponse:
    shown = [r for r in preview.rows if r.status != "unchanged"]
    context = {
        "preview": preview,
        "token": token,
        "summary": preview.summary(),
        "rows": Paginator(shown, ROWS_PER_PAGE).get_page(request.GET.get("page")),
        "pager_query": query_without_page(request),
        "problems": preview.problems[: spreadsheet.MAX_PROBLEMS],
    }
    return render(request, "results/logframe_upload_preview.html", context)


@require(permissions.manages_results)
def logframe_upload(request: HttpRequest) -> HttpResponse:
    """GET: the form (or, after a check, its outcome page by page); POST: checks the file and keeps
    the outcome for the confirmation. Nothing is saved here."""
    logframe = _logframe_or_404()
    if request.method == "GET" and request.GET.get("checked"):
        kept = _kept(request, logframe)
        if kept is not None:
            return _preview_page(request, *kept)
    form = LogframeUploadForm(posted(request), request.FILES or None)
    if submitted(request, form):
        preview = spreadsheet.read_upload(logframe, form.cleaned_data["file"])
        text = preview.to_json()
        if len(text) > MAX_KEPT_CHARS:
            form.add_error("file", _("This file holds too much text to be checked at once: upload it in parts."))
        else:
            request.session[UPLOAD_SESSION_KEY] = text
            return redirect(f"{reverse('results:logframe_upload')}?checked=1")
    return render(request, "results/logframe_upload.html", {"form": form, "logframe": logframe})


@require(permissions.manages_results)
@require_POST
def logframe_upload_confirm(request: HttpRequest) -> HttpResponse:
    logframe = _logframe_or_404()
    kept = _kept(request, logframe)
    if kept is None or kept[1] != request.POST.get("preview") or not kept[0].ok:
        messages.error(request, _("Please upload the file again."))
        return redirect("results:logframe_upload")
    preview = kept[0]
    run_service(
        request,
        lambda: spreadsheet.apply_upload(cast(User, request.user), logframe, preview),
        success=lambda saved: (
            _("The logframe is saved: %(results)d results and %(indicators)d indicators added or changed.") % saved
        ),
    )
    request.session.pop(UPLOAD_SESSION_KEY, None)
    return redirect("results:logframe_upload")
