"""Attendance: the roll-call, the QR check-in at the door, the paper sign-in sheets and the
spreadsheet upload."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from core.forms import posted, query_without_page
from core.shortcuts import get_by_posted_id_or_404
from core.viewhelpers import run_service, submitted
from trainings import attendance_import, permissions, selectors, services
from trainings.forms import AttendanceUploadForm, SignInSheetForm
from trainings.models import AttendanceStatus, Participant, Session
from trainings.signed_links import check_in_registration_pk

UPLOAD_SESSION_KEY = "attendance-upload"


@login_required
def roll_call(request, pk, session_pk):
    """A phone-sized list: one tap per person records their attendance at once (htmx), and the page
    still works as a plain form without JavaScript."""
    session = selectors.session_for_attendance_or_404(request.user, pk, session_pk)
    event = session.event
    if request.method == "POST":
        participant = get_by_posted_id_or_404(Participant, request.POST.get("participant"))
        done = run_service(
            request,
            lambda: services.attendance_record(
                actor=request.user, session=session, participant=participant, status=request.POST.get("status", "")
            ),
            quiet=request.htmx,
        )
        if not request.htmx:
            return redirect("trainings:roll_call", pk=event.pk, session_pk=session.pk)
        if done.error is not None:  # a refusal (a failed outcome always carries it)
            return HttpResponse(done.error.messages[0], status=422)
        row = {"participant": participant, "attendance": done.value}
        return render(
            request,
            "trainings/partials/roll_call_row.html",
            {"row": row, "event": event, "session": session, "statuses": AttendanceStatus.choices},
        )
    context = {
        "event": event,
        "session": session,
        "rows": selectors.roll_call(session),
        "attendance_open": session.attendance_is_open(),
        "statuses": AttendanceStatus.choices,
        "sheets": session.sign_in_sheets.all(),
        "sheet_form": SignInSheetForm(),
    }
    return render(request, "trainings/roll_call.html", context)


def check_in(request, token):
    """Opened by staff scanning a participant's QR code: one tap records them present today."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    try:
        registration_pk = check_in_registration_pk(token)
    except signing.BadSignature as error:
        raise Http404 from error
    registration = selectors.registration_for_check_in_or_404(request.user, registration_pk)
    event = registration.event
    today = timezone.localdate()
    sessions = list(event.sessions.filter(date=today, is_cancelled=False).order_by("start_time"))
    recorded = None
    if request.method == "POST" and sessions:
        session = get_by_posted_id_or_404(Session, request.POST.get("session"), event=event, date=today)
        recorded = run_service(
            request,
            lambda: services.attendance_record(
                actor=request.user,
                session=session,
                participant=registration.participant,
                status=AttendanceStatus.PRESENT,
            ),
        ).value
    return render(
        request,
        "trainings/check_in.html",
        {"registration": registration, "event": event, "sessions": sessions, "recorded": recorded},
    )


@login_required
@require_POST
def sign_in_sheet_upload(request, pk, session_pk):
    session = selectors.session_for_attendance_or_404(request.user, pk, session_pk)
    form = SignInSheetForm(request.POST, request.FILES)
    if form.is_valid():
        run_service(
            request,
            lambda: services.sign_in_sheet_add(actor=request.user, session=session, upload=form.cleaned_data["file"]),
            success=_("The sign-in sheet has been kept with the session."),
        )
    else:
        messages.error(request, " ".join(str(error) for error in form.errors["file"]))
    return redirect("trainings:roll_call", pk=session.event.pk, session_pk=session.pk)


@login_required
def attendance_template(request, pk):
    event = selectors.event_for_user_or_404(request.user, pk, may=permissions.can_take_attendance)
    response = HttpResponse(
        attendance_import.template(event),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="attendance-{event.pk}.xlsx"'
    return response


def _confirm_upload(request, event):
    """Saves the checked upload kept in the session, whole or not at all."""
    stored = request.session.get(UPLOAD_SESSION_KEY, {})
    if stored.get("event") != event.pk or not stored.get("records"):
        messages.error(request, _("Please upload the file again."))
        return redirect("trainings:attendance_upload", pk=event.pk)
    done = run_service(
        request,
        lambda: services.attendance_import(
            actor=request.user, event=event, records=[tuple(r) for r in stored["records"]]
        ),
        success=lambda count: (
            ngettext("%(count)d attendance recorded.", "%(count)d attendances recorded.", count) % {"count": count}
        ),
    )
    if not done:
        return redirect("trainings:attendance_upload", pk=event.pk)
    request.session.pop(UPLOAD_SESSION_KEY, None)
    return redirect("trainings:event_detail", pk=event.pk)


def _checked_upload(request, event) -> dict | None:
    """The check's outcome, shown after a redirect so its pages of problems can be turned."""
    stored = request.session.get(UPLOAD_SESSION_KEY, {})
    if request.method != "GET" or not request.GET.get("checked") or stored.get("event") != event.pk:
        return None
    return {
        "records": len(stored["records"]),
        "problem_count": stored["problem_count"],
        "problems": Paginator(stored["problems"], 50).get_page(request.GET.get("page")),
        "pager_query": query_without_page(request),
    }


@login_required
def attendance_upload(request, pk):
    """Upload, see every problem row by row, then confirm: nothing is saved before the confirmation,
    and a confirmed upload is saved whole or not at all."""
    event = selectors.event_for_user_or_404(request.user, pk, may=permissions.can_take_attendance)
    if request.method == "POST" and request.POST.get("confirm"):
        return _confirm_upload(request, event)
    form = AttendanceUploadForm(posted(request), request.FILES or None)
    if submitted(request, form):
        result = attendance_import.preview(event, form.cleaned_data["file"])
        request.session[UPLOAD_SESSION_KEY] = {
            "event": event.pk,
            "records": result.records if result.ok else [],
            "problems": result.problems,
            "problem_count": result.problem_count,
        }
        return redirect(f"{reverse('trainings:attendance_upload', args=[event.pk])}?checked=1")
    context = {"event": event, "form": form, "result": _checked_upload(request, event)}
    return render(request, "trainings/attendance_upload.html", context)
