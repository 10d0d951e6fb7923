from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from centers.models import Center
from centers.selectors import centres_for_user
from core.permissions import require
from organizations.selectors import organizations_of
from trainings import permissions, selectors, services
from trainings.forms import CancelForm, EventFilterForm, EventForm, FindParticipantForm, ParticipantForm, SessionFormSet
from trainings.models import AttendanceStatus, Certificate, Participant, Registration, Session, TrainingPackage

PAGE_SIZE = 25


def _posted(request):
    return request.POST if request.method == "POST" else None


def _apply_errors(form, error: ValidationError):
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


# --- Packages -------------------------------------------------------------------------------------


def package_list(request):
    return render(request, "trainings/package_list.html", {"packages": TrainingPackage.objects.filter(is_active=True)})


def package_detail(request, code):
    package = get_object_or_404(TrainingPackage, code=code, is_active=True)
    return render(request, "trainings/package_detail.html", {"package": package})


# --- Events ---------------------------------------------------------------------------------------


def event_list(request):
    form = EventFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    events = selectors.events_for_list(user=request.user, filters=filters)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "query": _query_without_page(request),
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
    }
    return render(request, "trainings/event_detail.html", context)


def _event_form(request, event=None):
    centres = (
        centres_for_user(request.user)
        if not request.user.has_role("programme_admin")
        else Center.objects.filter(is_active=True)
    )
    initial_sessions = (
        [{"date": s.date, "start_time": s.start_time, "end_time": s.end_time} for s in event.sessions.all()]
        if event
        else None
    )
    form = EventForm(_posted(request), instance=event, centres=centres)
    formset = SessionFormSet(_posted(request), initial=initial_sessions, prefix="sessions")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        sessions = [f.cleaned_data for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        data = {**form.cleaned_data}
        try:
            saved = services.event_save(actor=request.user, event=event, data=data, sessions=sessions)
        except ValidationError as error:
            _apply_errors(form, error)
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
    form = CancelForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.event_cancel(actor=request.user, event=event, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            _apply_errors(form, error)
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
        _posted(request), instance=participant, initial=initial, organizations=organizations_of(request.user)
    )
    next_url = request.GET.get("next", "")
    if request.method == "POST" and form.is_valid():
        try:
            services.participant_save(
                actor=request.user, participant=participant, data=form.cleaned_data, user=request.user
            )
        except ValidationError as error:
            _apply_errors(form, error)
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
        _posted(request), initial={"phone": request.GET.get("phone", ""), "email": request.GET.get("email", "")}
    )
    if request.method == "POST":
        existing_pk = request.POST.get("participant")
        try:
            if existing_pk:
                participant = get_object_or_404(Participant, pk=existing_pk)
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
            _apply_errors(form, error)
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
        participant = get_object_or_404(Participant, pk=request.POST.get("participant"))
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
    return render(
        request,
        "trainings/roll_call.html",
        {"event": event, "session": session, "rows": rows, "statuses": AttendanceStatus.choices},
    )


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
        messages.success(request, _("%(count)d certificates issued; their PDFs are being prepared.") % {"count": count})
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
