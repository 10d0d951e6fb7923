from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connection
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from kombu import Connection

from core import freshness, panels
from core.audit import action_label, diffs, event_label, events, people_named, readable_changes, tracked_models
from core.files import download_rule_for, private_file_url, read_token
from core.forms import AuditFilterForm, query_without_page
from core.models import ExportJob
from core.pagecache import public_page
from core.permissions import VIEW_AUDIT_TRAIL, allows, require
from core.resilience import BackgroundUnavailable
from core.services import export_request
from core.services import export_restart as export_restart_service
from core.tasks import fail_if_stale
from core.uploads import content_type_for


@public_page
def home(request):
    """The public home page; signed-in people go to their dashboard."""
    if request.user.is_authenticated:
        return redirect("core:dashboard")
    return render(request, "core/home.html", {"panels": panels.panels_for(panels.HOME, request)})


def dashboard(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    context = {
        "panels": panels.dashboard_html(request),
        "user_roles": request.user.role_labels,
    }
    return render(request, "core/dashboard.html", context)


@never_cache
@require_GET
def private_file(request, token):
    link = read_token(token)
    if link is None:
        raise Http404
    rule = download_rule_for(link.model)
    if rule is None:
        raise Http404
    model = apps.get_model(link.model)
    obj = model._default_manager.filter(pk=link.pk).first()
    if obj is None:
        raise Http404
    if not rule(request.user, obj, link.field):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise Http404
    field_file = getattr(obj, link.field, None)
    if not field_file:
        raise Http404
    if link.expired:  # only someone allowed to download the file learns of it and gets a fresh link
        fresh_url = private_file_url(obj, link.field)
        return render(request, "core/private_file_expired.html", {"fresh_url": fresh_url}, status=410)
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    # The person's file name: `<field>_filename` (`evidence_file` -> `evidence_filename`) where a model
    # keeps several files, else `original_filename`.
    filename = (
        getattr(obj, f"{link.field.removesuffix('_file')}_filename", "")
        or getattr(obj, "original_filename", "")
        or field_file.name.rsplit("/", 1)[-1]
    )
    # Images (logos) are shown in pages; every other file is downloaded, never rendered by the browser.
    inline = content_type_for(field_file.name).startswith("image/")
    response = FileResponse(
        handle, as_attachment=not inline, filename=filename, content_type=content_type_for(field_file.name)
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@never_cache
@require_GET
def healthz(request):
    checks = {"database": _check_database(), "cache": _check_cache(), "broker": _check_broker()}
    healthy = all(c["ok"] for c in checks.values())
    return JsonResponse({"status": "ok" if healthy else "fail", "checks": checks}, status=200 if healthy else 503)


def _check_database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # a health check reports every failure, whatever it is
        return {"ok": False, "error": error.__class__.__name__}
    return {"ok": True}


def _check_cache() -> dict:
    try:
        cache.set("healthz", "1", 10)
        ok = cache.get("healthz") == "1"
    except Exception as error:
        return {"ok": False, "error": error.__class__.__name__}
    return {"ok": ok, "backend": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]}


def _check_broker() -> dict:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return {"ok": True, "mode": "in-process"}
    # The broker the Celery app is configured with (its CELERY_ settings), reached directly.
    try:
        with Connection(settings.CELERY_BROKER_URL, connect_timeout=settings.CELERY_BROKER_CONNECTION_TIMEOUT) as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as error:
        return {"ok": False, "error": error.__class__.__name__}
    return {"ok": True, "mode": "broker"}


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def _background_unavailable(request, error):
    """The broker is down: say so and send the person back where they asked for the work."""
    messages.error(request, error.message)
    back = request.headers.get("referer", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        back = reverse("core:dashboard")
    return redirect(back)


@require_POST
def export_start(request, kind):
    """Queues an export of what the person is looking at (the filters come in the query string)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    params = {key: value for key, value in request.GET.items() if key != "page"}
    try:
        job = export_request(actor=request.user, kind=kind, fmt=request.POST.get("format", "csv"), params=params)
    except BackgroundUnavailable as error:
        return _background_unavailable(request, error)
    return redirect("core:export_detail", pk=job.pk)


@require_POST
def export_restart(request, pk):
    """Starts an interrupted or failed export again, with the same contents."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    job = get_object_or_404(ExportJob, pk=pk, user=request.user, status=ExportJob.Status.FAILED)
    try:
        new_job = export_restart_service(actor=request.user, job=job)
    except BackgroundUnavailable as error:
        return _background_unavailable(request, error)
    return redirect("core:export_detail", pk=new_job.pk)


@never_cache
def export_detail(request, pk):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    job = get_object_or_404(ExportJob, pk=pk, user=request.user)
    fail_if_stale(job)  # a job whose worker died is not shown as "in progress" for ever
    template = "core/partials/export_status.html" if request.htmx else "core/export_detail.html"
    return render(request, template, {"job": job})


def error_429(request, exception=None):
    return render(request, "429.html", status=429)


def _audit_page(selection, number):
    """One page of the trail and its changes, as plain rows (what the cache keeps)."""
    page = Paginator(selection, 50).get_page(number)
    rows = list(page)
    page.object_list = rows
    page.paginator.object_list = []  # the count is kept (cached_property); the queryset is not pickled
    return page, diffs(rows)


@require(lambda user: allows(VIEW_AUDIT_TRAIL, user))
def audit(request):
    """The audit trail for programme admins: every recorded change, who made it, when and what."""
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    person = filters.get("person")
    selection = events(
        model=filters.get("model") or "",
        user_id=person.pk if person else None,
        since=filters.get("since"),
        until=filters.get("until"),
        obj_id=(filters.get("obj_id") or "").strip(),
    )
    # Reading the history tables as one is the page's whole cost (about 0.4 s at ten times the demo's
    # data): the page is kept until the next write anywhere (core.freshness), the same for every admin.
    number = request.GET.get("page")
    asked = (filters.get("model"), person.pk if person else None, filters.get("since"), filters.get("until"))
    page, changes = freshness.cached(
        "core.audit", (*asked, filters.get("obj_id"), number), lambda: _audit_page(selection, number)
    )
    rows = list(page.object_list)
    # One query for everyone the page names (who acted, and people in changed fields); the rest of
    # the wording comes from the models' metadata, in the reader's language (core.audit).
    people = get_user_model().objects.in_bulk(people_named(rows, changes))
    names = dict(tracked_models())
    for event in rows:
        context = event["pgh_context"] or {}
        event["actor"] = people.get(context.get("user"))
        event["action"] = action_label(context.get("action") or "")
        event["label"] = event_label(event["pgh_label"])
        event["object_name"] = names.get(event["pgh_obj_model"], event["pgh_obj_model"])
        event["changes"] = readable_changes(event["pgh_obj_model"], changes.get(event["pgh_slug"]), people)
    page.object_list = rows
    return render(request, "core/audit.html", {"form": form, "page": page, "query": query_without_page(request)})
