import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from centers.models import Center
from centers.selectors import centres_for_user
from core.files import private_file_url
from core.forms import apply_validation_error, posted, query_without_page
from core.permissions import require
from core.shortcuts import get_by_posted_id_or_404
from organizations.permissions import can_view_indicators
from organizations.selectors import organizations_of
from trainings import attendance_import, calendar, permissions, reporting, selectors, services
from trainings.forms import (
    AttendanceUploadForm,
    CancelForm,
    EventFilterForm,
    EventForm,
    FeedbackForm,
    FindParticipantForm,
    KnowledgeTestForm,
    MaterialForm,
    NumbersFilterForm,
    ParticipantForm,
    SessionFormSet,
    SignInSheetForm,
)
from trainings.models import (
    AttendanceStatus,
    Certificate,
    EventStatus,
    KnowledgeTestKind,
    Material,
    Participant,
    Registration,
    Session,
    TrainingPackage,
)

PAGE_SIZE = 25


# --- Packages -------------------------------------------------------------------------------------


def package_list(request):
    return render(request, "trainings/package_list.html", {"packages": TrainingPackage.objects.filter(is_active=True)})


def package_detail(request, code):
    package = get_object_or_404(TrainingPackage, code=code, is_active=True)
    uploader = permissions.can_upload_materials(request.user)
    context = {
        "package": package,
        "materials": selectors.latest_materials(package, include_unpublished=uploader),
        "can_upload": uploader,
    }
    return render(request, "trainings/package_detail.html", context)


@require(permissions.can_upload_materials)
def material_upload(request, code):
    package = get_object_or_404(TrainingPackage, code=code, is_active=True)
    form = MaterialForm(posted(request), request.FILES or None, initial={"language": request.LANGUAGE_CODE})
    if request.method == "POST" and form.is_valid():
        try:
            material = services.material_upload(actor=request.user, package=package, data=form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Version %(version)d uploaded.") % {"version": material.version})
            return redirect("trainings:package_detail", code=package.code)
    return render(request, "trainings/material_form.html", {"form": form, "package": package})


def material_download(request, pk):
    """Counts the download, then hands over the file through the private-file view."""
    material = get_object_or_404(Material, pk=pk)
    if not permissions.can_download_material(request.user, material):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise Http404
    services.material_count_download(material=material)
    return redirect(private_file_url(material, "file"))


# --- Events ---------------------------------------------------------------------------------------


def event_list(request):
    form = EventFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    events = selectors.events_for_list(user=request.user, filters=filters)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "query": query_without_page(request),
        "can_create": permissions.can_create_events(request.user),
    }
    return render(request, "trainings/event_list.html", context)


def event_detail(request, pk):
    event = selectors.event_for_user_or_404(request.user, pk)
    user = request.user
    participant = selectors.participant_of(user)
    mine = event.registrations.filter(participant=participant).first() if participant else None
    context = {
        "event": event,
        "counts": selectors.registration_counts(event),
        "can_manage": permissions.can_manage_event(user, event),
        "can_attend": permissions.can_take_attendance(user, event),
        "can_see_participants": permissions.can_see_participants(user, event),
        "registrations": selectors.registrations_of(event) if permissions.can_see_participants(user, event) else [],
        "my_registration": mine,
        "registration_open": event.registration_is_open(),
        "my_certificate": event.certificates.filter(participant=participant).first() if participant else None,
        "my_qr": check_in_qr(request, mine) if mine and mine.status == "registered" else None,
        "results": selectors.event_results(event) if permissions.can_see_event_results(user, event) else None,
        "has_test": bool(event.package_id and event.package.questions.exists()),
        "my_tests": set(event.test_attempts.filter(participant=participant).values_list("kind", flat=True))
        if participant
        else set(),
        "can_give_feedback": services.feedback_allowed(event=event, participant=participant) is None,
    }
    return render(request, "trainings/event_detail.html", context)


def _event_form(request, event=None):
    centres = centres_for_user(request.user)
    initial_sessions = (
        [{"id": s.pk, "date": s.date, "start_time": s.start_time, "end_time": s.end_time} for s in event.sessions.all()]
        if event
        else None
    )
    form = EventForm(posted(request), instance=event, centres=centres)
    formset = SessionFormSet(posted(request), initial=initial_sessions, prefix="sessions")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        sessions = [f.cleaned_data for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        data = {**form.cleaned_data}
        try:
            saved = services.event_save(actor=request.user, event=event, data=data, sessions=sessions)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The event has been saved."))
            return redirect("trainings:event_detail", pk=saved.pk)
    return render(request, "trainings/event_form.html", {"form": form, "formset": formset, "event": event})


@require(permissions.can_create_events)
def event_create(request):
    return _event_form(request)


@login_required
def event_edit(request, pk):
    event = selectors.event_for_user_or_404(request.user, pk)
    if not permissions.can_manage_event(request.user, event):
        raise PermissionDenied
    return _event_form(request, event)


@login_required
@require_POST
def event_publish(request, pk):
    event = selectors.event_for_user_or_404(request.user, pk)
    try:
        services.event_publish(actor=request.user, event=event)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("The event is published."))
    return redirect("trainings:event_detail", pk=event.pk)


@login_required
@require_POST
def event_complete(request, pk):
    event = selectors.event_for_user_or_404(request.user, pk)
    try:
        services.event_complete(actor=request.user, event=event)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("The event is marked as completed."))
    return redirect("trainings:event_detail", pk=event.pk)


@login_required
def event_cancel(request, pk):
    event = selectors.event_for_user_or_404(request.user, pk)
    if not permissions.can_manage_event(request.user, event):
        raise PermissionDenied
    form = CancelForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.event_cancel(actor=request.user, event=event, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The event is cancelled and registrants have been told."))
            return redirect("trainings:event_detail", pk=event.pk)
    return render(request, "trainings/event_cancel.html", {"form": form, "event": event})


# --- Registration ---------------------------------------------------------------------------------


@login_required
def my_participant_profile(request):
    """The person's own participant details, needed once before registering for events."""
    participant = selectors.participant_of(request.user)
    initial = (
        {}
        if participant
        else {"full_name": request.user.full_name, "email": request.user.email, "phone": request.user.phone}
    )
    form = ParticipantForm(
        posted(request), instance=participant, initial=initial, organizations=organizations_of(request.user)
    )
    next_url = request.GET.get("next", "")
    if request.method == "POST" and form.is_valid():
        try:
            services.participant_save(
                actor=request.user, participant=participant, data=form.cleaned_data, user=request.user
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Your details have been saved."))
            if next_url and url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
                return redirect(next_url)
            return redirect("trainings:my_registrations")
    return render(request, "trainings/participant_form.html", {"form": form, "own": True})


@login_required
def my_registrations(request):
    return render(
        request,
        "trainings/my_registrations.html",
        {
            "registrations": selectors.my_registrations(request.user),
            "participant": selectors.participant_of(request.user),
        },
    )


@login_required
@require_POST
def register_self(request, pk):
    event = selectors.event_for_user_or_404(request.user, pk)
    participant = selectors.participant_of(request.user)
    if participant is None:
        messages.info(request, _("Please give your details once before registering."))
        return redirect(
            f"{reverse('trainings:my_participant_profile')}?next={reverse('trainings:event_detail', args=[pk])}"
        )
    try:
        registration = services.registration_create(actor=request.user, event=event, participant=participant)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        if registration.status == "registered":
            messages.success(request, _("You are registered."))
        else:
            messages.info(
                request, _("The event is full: you are on the waiting list and will be told if a place frees up.")
            )
    return redirect("trainings:event_detail", pk=event.pk)


@login_required
@require_POST
def registration_cancel(request, pk, registration_pk):
    event = selectors.event_for_user_or_404(request.user, pk)
    registration = get_object_or_404(Registration, pk=registration_pk, event=event)
    if registration.participant.user_id != request.user.pk and not permissions.can_register_others(request.user, event):
        raise PermissionDenied
    try:
        services.registration_cancel(actor=request.user, registration=registration)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("The registration is cancelled."))
    return redirect("trainings:event_detail", pk=event.pk)


@login_required
@require_POST
def registration_reject(request, pk, registration_pk):
    event = selectors.event_for_user_or_404(request.user, pk)
    registration = get_object_or_404(Registration, pk=registration_pk, event=event)
    if not permissions.can_register_others(request.user, event):
        raise PermissionDenied
    try:
        services.registration_reject(actor=request.user, registration=registration)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("The registration is rejected."))
    return redirect("trainings:event_detail", pk=event.pk)


@login_required
def register_colleague(request, pk):
    """A CSO member registers a colleague from their organisation, or adds one who is new."""
    event = selectors.event_for_user_or_404(request.user, pk)
    organizations = organizations_of(request.user)
    if not organizations.exists():
        raise PermissionDenied
    colleagues = selectors.colleagues_of(request.user)
    form = ParticipantForm(posted(request), organizations=organizations)
    if request.method == "POST":
        try:
            if request.POST.get("participant"):
                participant = get_by_posted_id_or_404(colleagues, request.POST["participant"])
            elif form.is_valid():
                if form.cleaned_data.get("organization") is None:
                    raise ValidationError({"organization": _("Choose your colleague's organisation.")})
                participant = services.participant_save(actor=request.user, participant=None, data=form.cleaned_data)
            else:
                participant = None
            if participant is not None:
                registration = services.registration_for_colleague(
                    actor=request.user, event=event, participant=participant
                )
                messages.success(
                    request,
                    _("%(name)s: %(status)s.")
                    % {"name": participant.full_name, "status": registration.get_status_display()},
                )
                return redirect("trainings:event_detail", pk=event.pk)
        except ValidationError as error:
            if request.POST.get("participant"):
                messages.error(request, error.messages[0])
            else:
                apply_validation_error(form, error)
    return render(
        request, "trainings/register_colleague.html", {"event": event, "colleagues": colleagues, "form": form}
    )


@login_required
def register_walk_in(request, pk):
    """Staff register someone at the door: find the person first, create them only if not found."""
    event = selectors.event_for_user_or_404(request.user, pk)
    if not permissions.can_register_others(request.user, event):
        raise PermissionDenied
    find = FindParticipantForm(request.GET or None)
    matches = []
    if find.is_valid():
        matches = selectors.find_participants(**find.cleaned_data)
    form = ParticipantForm(
        posted(request), initial={"phone": request.GET.get("phone", ""), "email": request.GET.get("email", "")}
    )
    if request.method == "POST":
        existing_pk = request.POST.get("participant")
        try:
            if existing_pk:
                participant = get_by_posted_id_or_404(Participant, existing_pk)
            elif form.is_valid():
                participant = services.participant_save(actor=request.user, participant=None, data=form.cleaned_data)
            else:
                participant = None
            if participant is not None:
                registration = services.registration_create(
                    actor=request.user, event=event, participant=participant, walk_in=True
                )
                messages.success(
                    request,
                    _("%(name)s: %(status)s.")
                    % {"name": participant.full_name, "status": registration.get_status_display()},
                )
                return redirect("trainings:event_detail", pk=event.pk)
        except ValidationError as error:
            apply_validation_error(form, error)
    return render(request, "trainings/walk_in.html", {"event": event, "find": find, "matches": matches, "form": form})


# --- Attendance -----------------------------------------------------------------------------------


def _session_for_attendance(request, pk, session_pk):
    event = selectors.event_for_user_or_404(request.user, pk)
    if not permissions.can_take_attendance(request.user, event):
        raise PermissionDenied
    session = get_object_or_404(Session.objects.prefetch_related("attendance"), pk=session_pk, event=event)
    return event, session


@login_required
def roll_call(request, pk, session_pk):
    """A phone-sized list: one tap per person records their attendance at once (htmx), and the page
    still works as a plain form without JavaScript."""
    event, session = _session_for_attendance(request, pk, session_pk)
    if request.method == "POST":
        participant = get_by_posted_id_or_404(Participant, request.POST.get("participant"))
        try:
            attendance = services.attendance_record(
                actor=request.user, session=session, participant=participant, status=request.POST.get("status", "")
            )
        except ValidationError as error:
            if request.htmx:
                return HttpResponse(error.messages[0], status=422)
            messages.error(request, error.messages[0])
            return redirect("trainings:roll_call", pk=event.pk, session_pk=session.pk)
        if request.htmx:
            row = {"participant": participant, "attendance": attendance}
            return render(
                request,
                "trainings/partials/roll_call_row.html",
                {"row": row, "event": event, "session": session, "statuses": AttendanceStatus.choices},
            )
        return redirect("trainings:roll_call", pk=event.pk, session_pk=session.pk)
    rows = selectors.roll_call(session)
    context = {
        "event": event,
        "session": session,
        "rows": rows,
        "attendance_open": session.attendance_is_open(),
        "statuses": AttendanceStatus.choices,
        "sheets": session.sign_in_sheets.all(),
        "sheet_form": SignInSheetForm(),
    }
    return render(request, "trainings/roll_call.html", context)


# --- Certificates ---------------------------------------------------------------------------------


@login_required
@require_POST
def certificates_issue(request, pk):
    event = selectors.event_for_user_or_404(request.user, pk)
    try:
        count = services.certificates_issue(actor=request.user, event=event)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            ngettext(
                "%(count)d certificate issued; its PDF is being prepared.",
                "%(count)d certificates issued; their PDFs are being prepared.",
                count,
            )
            % {"count": count},
        )
    return redirect("trainings:event_detail", pk=event.pk)


@login_required
def event_certificates(request, pk):
    """The event's certificates and how far their PDFs are (polled by htmx while some are pending)."""
    event = selectors.event_for_user_or_404(request.user, pk)
    if not permissions.can_manage_event(request.user, event):
        raise PermissionDenied
    certificates = list(event.certificates.select_related("participant"))
    context = {
        "event": event,
        "certificates": certificates,
        "pending": any(c.rendered_at is None for c in certificates),
    }
    return render(request, "trainings/partials/certificates.html", context)


def certificate_verify(request, code):
    """The public check behind the QR code on every certificate."""
    certificate = (
        Certificate.objects.select_related("event__centre", "participant").filter(code=code.strip().upper()).first()
    )
    status = 200 if certificate else 404
    return render(
        request, "trainings/certificate_verify.html", {"certificate": certificate, "code": code}, status=status
    )


# --- Numbers --------------------------------------------------------------------------------------


@require(can_view_indicators)
def numbers(request):
    form = NumbersFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    data = reporting.participation_numbers(filters)
    context = {
        "form": form,
        "events": data["events"],
        "tables": [
            (_("Unique participants"), data["unique"].total, reporting.rows(data["unique"])),
            (_("Participations"), data["participations"].total, reporting.rows(data["participations"])),
        ],
    }
    return render(request, "trainings/numbers.html", context)


# --- Calendar and iCal ----------------------------------------------------------------------------

ICAL_SALT = "tatweer.trainings.ical"


def centre_calendar(request, slug):
    """A centre's month (or week) of sessions. Staff of the centre also see drafts."""
    centre = get_object_or_404(Center.objects.filter(is_active=True), slug=slug)
    today = timezone.localdate()
    try:
        first = (
            dt.date.fromisoformat(request.GET.get("month", "") + "-01")
            if request.GET.get("month")
            else today.replace(day=1)
        )
    except ValueError:
        first = today.replace(day=1)
    view = "week" if request.GET.get("view") == "week" else "month"
    if view == "week":
        try:
            start = dt.date.fromisoformat(request.GET.get("week", ""))
        except ValueError:
            start = today
        start -= dt.timedelta(days=(start.weekday() - 5) % 7)  # back to Saturday
        days = [start + dt.timedelta(days=i) for i in range(7)]
        sessions = list(calendar.sessions_between(centre=centre, start=days[0], end=days[-1], user=request.user))
        week = [{"date": d, "sessions": [s for s in sessions if s.date == d]} for d in days]
        context = {"week": week, "previous": days[0] - dt.timedelta(days=7), "next": days[0] + dt.timedelta(days=7)}
    else:
        last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        sessions = calendar.sessions_between(centre=centre, start=first, end=last, user=request.user)
        context = {
            "weeks": calendar.month_grid(first.year, first.month, sessions),
            "previous": (first - dt.timedelta(days=1)).replace(day=1),
            "next": last + dt.timedelta(days=1),
        }
    context.update({"centre": centre, "first": first, "view": view, "today": today})
    return render(request, "trainings/calendar.html", context)


def centre_ical(request, slug):
    centre = get_object_or_404(Center.objects.filter(is_active=True), slug=slug)
    today = timezone.localdate()
    sessions = calendar.sessions_between(
        centre=centre, start=today - dt.timedelta(days=30), end=today + dt.timedelta(days=365)
    )
    response = HttpResponse(calendar.ical(sessions, centre.name), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{centre.slug}.ics"'
    return response


@login_required
def my_ical_link(request):
    """The person's own feed address: signed, so a calendar app can read it without signing in."""
    token = signing.dumps(request.user.pk, salt=ICAL_SALT)
    url = request.build_absolute_uri(reverse("trainings:person_ical", args=[token]))
    return render(request, "trainings/ical_link.html", {"url": url})


def person_ical(request, token):
    try:
        user_pk = signing.loads(token, salt=ICAL_SALT)
    except signing.BadSignature as error:
        raise Http404 from error
    today = timezone.localdate()
    sessions = (
        Session.objects.filter(
            event__registrations__participant__user_id=user_pk,
            event__registrations__status="registered",
            is_cancelled=False,
            date__gte=today - dt.timedelta(days=30),
        )
        .exclude(event__status__in=[EventStatus.DRAFT, EventStatus.CANCELLED])
        .select_related("event__centre", "room")
        .order_by("date", "start_time")
    )
    response = HttpResponse(calendar.ical(sessions, "Tatweer"), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="tatweer.ics"'
    return response


# --- QR check-in ----------------------------------------------------------------------------------

CHECK_IN_SALT = "tatweer.trainings.check-in"


def check_in_token(registration: Registration) -> str:
    return signing.dumps({"r": registration.pk}, salt=CHECK_IN_SALT, compress=True)


def check_in_qr(request, registration: Registration) -> str:
    import segno

    url = request.build_absolute_uri(reverse("trainings:check_in", args=[check_in_token(registration)]))
    return segno.make(url, error="m").svg_data_uri(scale=5, border=2)


def check_in(request, token):
    """Opened by staff scanning a participant's QR code: one tap records them present today."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    try:
        data = signing.loads(token, salt=CHECK_IN_SALT)
    except signing.BadSignature as error:
        raise Http404 from error
    registration = get_object_or_404(
        Registration.objects.select_related("participant", "event__centre"), pk=data.get("r")
    )
    event = registration.event
    if not permissions.can_take_attendance(request.user, event):
        raise PermissionDenied
    today = timezone.localdate()
    sessions = list(event.sessions.filter(date=today, is_cancelled=False).order_by("start_time"))
    recorded = None
    if request.method == "POST" and sessions:
        session = get_by_posted_id_or_404(Session, request.POST.get("session"), event=event, date=today)
        try:
            recorded = services.attendance_record(
                actor=request.user, session=session, participant=registration.participant, status="present"
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
    return render(
        request,
        "trainings/check_in.html",
        {"registration": registration, "event": event, "sessions": sessions, "recorded": recorded},
    )


# --- Participants ---------------------------------------------------------------------------------


@require(permissions.can_manage_participants)
def participant_list(request):
    q = request.GET.get("q", "")[:100]
    page = Paginator(selectors.participants_for_user(user=request.user, q=q), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request, "trainings/participant_list.html", {"page": page, "q": q, "query": query_without_page(request)}
    )


@require(permissions.can_manage_participants)
def participant_detail(request, pk):
    participant = selectors.participant_for_user_or_404(request.user, pk)
    form = ParticipantForm(posted(request), instance=participant)
    if request.method == "POST" and form.is_valid():
        try:
            services.participant_save(actor=request.user, participant=participant, data=form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The details have been saved."))
            return redirect("trainings:participant_detail", pk=participant.pk)
    registrations = participant.registrations.select_related("event__centre").order_by("-event__starts_at")
    duplicates = selectors.find_participants(
        phone=participant.phone, email=participant.email, name=participant.full_name
    )
    duplicates = [d for d in duplicates if d.pk != participant.pk]
    return render(
        request,
        "trainings/participant_detail.html",
        {"participant": participant, "form": form, "registrations": registrations, "duplicates": duplicates},
    )


@require(permissions.can_manage_participants)
@require_POST
def participant_merge(request, pk):
    keep = selectors.participant_for_user_or_404(request.user, pk)
    duplicate_pk = request.POST.get("duplicate", "")
    if not duplicate_pk.isdigit():
        raise Http404
    duplicate = selectors.participant_for_user_or_404(request.user, int(duplicate_pk))
    services.participant_merge(actor=request.user, keep=keep, duplicate=duplicate)
    messages.success(request, _("The two records are merged; all registrations and attendance are kept."))
    return redirect("trainings:participant_detail", pk=keep.pk)


# --- Knowledge tests, feedback, sign-in sheets ----------------------------------------------------


@login_required
def knowledge_test(request, pk, kind):
    event = selectors.event_for_user_or_404(request.user, pk)
    if kind not in KnowledgeTestKind.values:
        raise Http404
    participant = selectors.participant_of(request.user)
    refusal = services.knowledge_test_allowed(event=event, participant=participant, kind=kind)
    questions = list(event.package.questions.prefetch_related("choices")) if event.package else []
    form = KnowledgeTestForm(posted(request), questions=questions)
    if refusal is None and request.method == "POST" and form.is_valid():
        try:
            attempt = services.knowledge_test_submit(
                actor=request.user, event=event, participant=participant, kind=kind, answers=form.answers()
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(
                request,
                _("Thank you. You answered %(correct)d of %(total)d correctly.")
                % {"correct": attempt.correct, "total": attempt.total},
            )
            return redirect("trainings:event_detail", pk=event.pk)
    return render(
        request,
        "trainings/knowledge_test.html",
        {"event": event, "form": form, "refusal": refusal, "kind": KnowledgeTestKind(kind)},
    )


@login_required
def feedback(request, pk):
    event = selectors.event_for_user_or_404(request.user, pk)
    participant = selectors.participant_of(request.user)
    refusal = services.feedback_allowed(event=event, participant=participant)
    form = FeedbackForm(posted(request))
    if refusal is None and request.method == "POST" and form.is_valid():
        try:
            services.feedback_submit(actor=request.user, event=event, participant=participant, data=form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Thank you for your feedback."))
            return redirect("trainings:event_detail", pk=event.pk)
    return render(request, "trainings/feedback.html", {"event": event, "form": form, "refusal": refusal})


@login_required
@require_POST
def sign_in_sheet_upload(request, pk, session_pk):
    event, session = _session_for_attendance(request, pk, session_pk)
    form = SignInSheetForm(request.POST, request.FILES)
    if form.is_valid():
        services.sign_in_sheet_add(actor=request.user, session=session, upload=form.cleaned_data["file"])
        messages.success(request, _("The sign-in sheet has been kept with the session."))
    else:
        messages.error(request, " ".join(form.errors["file"]))
    return redirect("trainings:roll_call", pk=event.pk, session_pk=session.pk)


# --- Attendance upload ----------------------------------------------------------------------------

UPLOAD_SESSION_KEY = "attendance-upload"


@login_required
def attendance_template(request, pk):
    event = selectors.event_for_user_or_404(request.user, pk)
    if not permissions.can_take_attendance(request.user, event):
        raise PermissionDenied
    response = HttpResponse(
        attendance_import.template(event),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="attendance-{event.pk}.xlsx"'
    return response


@login_required
def attendance_upload(request, pk):
    """Upload, see every problem row by row, then confirm: nothing is saved before the confirmation,
    and a confirmed upload is saved whole or not at all."""
    event = selectors.event_for_user_or_404(request.user, pk)
    if not permissions.can_take_attendance(request.user, event):
        raise PermissionDenied
    result = None
    if request.method == "POST" and request.POST.get("confirm"):
        stored = request.session.get(UPLOAD_SESSION_KEY, {})
        if stored.get("event") != event.pk or not stored.get("records"):
            messages.error(request, _("Please upload the file again."))
            return redirect("trainings:attendance_upload", pk=event.pk)
        try:
            count = services.attendance_import(
                actor=request.user, event=event, records=[tuple(r) for r in stored["records"]]
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect("trainings:attendance_upload", pk=event.pk)
        request.session.pop(UPLOAD_SESSION_KEY, None)
        messages.success(
            request,
            ngettext("%(count)d attendance recorded.", "%(count)d attendances recorded.", count) % {"count": count},
        )
        return redirect("trainings:event_detail", pk=event.pk)
    form = AttendanceUploadForm(posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        result = attendance_import.preview(event, form.cleaned_data["file"])
        request.session[UPLOAD_SESSION_KEY] = {
            "event": event.pk,
            "records": result.records if result.ok else [],
            "problems": result.problems,
            "problem_count": result.problem_count,
        }
        return redirect(f"{reverse('trainings:attendance_upload', args=[event.pk])}?checked=1")
    stored = request.session.get(UPLOAD_SESSION_KEY, {})
    if request.method == "GET" and request.GET.get("checked") and stored.get("event") == event.pk:
        # The check's outcome, shown after a redirect so its pages of problems can be turned.
        result = {
            "records": len(stored["records"]),
            "problem_count": stored["problem_count"],
            "problems": Paginator(stored["problems"], 50).get_page(request.GET.get("page")),
            "pager_query": query_without_page(request),
        }
    return render(request, "trainings/attendance_upload.html", {"event": event, "form": form, "result": result})
