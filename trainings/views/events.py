"""Events: the list, the event page, scheduling and changing, publishing, completing, cancelling."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from centers.selectors import centres_for_user
from core import panels
from core.forms import posted, query_without_page
from core.permissions import require
from core.viewhelpers import run_service, submitted
from trainings import permissions, selectors, services
from trainings.forms import CancelForm, EventFilterForm, EventForm, SessionFormSet
from trainings.models import RegistrationStatus
from trainings.signed_links import check_in_qr
from trainings.workflows import EVENT, REGISTRATION

PAGE_SIZE = 25


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


def _staff_part(event, user) -> dict:
    """What the event's staff and trainers see: the registrations (each with what this person may do
    with it) and the results."""
    see_participants = permissions.can_see_participants(user, event)
    registrations = selectors.registrations_of(event) if see_participants else []
    return {
        "can_manage": permissions.can_manage_event(user, event),
        "can_attend": permissions.can_take_attendance(user, event),
        "can_see_participants": see_participants,
        "registrations": [{"registration": r, "actions": REGISTRATION.actions_for(r, user)} for r in registrations],
        "results": selectors.event_results(event) if permissions.can_see_event_results(user, event) else None,
    }


def _own_part(request, event) -> dict:
    """What the person sees of their own part: their registration and what they may do with it, their
    check-in code, certificate, tests and feedback."""
    participant = selectors.participant_of(request.user)
    mine = event.registrations.filter(participant=participant).first() if participant else None
    registered = mine is not None and mine.status == RegistrationStatus.REGISTERED
    tests = event.test_attempts.filter(participant=participant).values_list("kind", flat=True) if participant else ()
    return {
        "my_registration": mine,
        "my_actions": REGISTRATION.actions_for(mine, request.user) if mine else frozenset(),
        "my_qr": check_in_qr(request, mine) if mine is not None and registered else None,
        "my_certificate": event.certificates.filter(participant=participant).first() if participant else None,
        "my_tests": set(tests),
        "can_give_feedback": services.feedback_allowed(event=event, participant=participant) is None,
    }


def event_detail(request, pk):
    event = selectors.event_for_user_or_404(request.user, pk)
    context = {
        "event": event,
        "actions": EVENT.actions_for(event, request.user),
        "counts": selectors.registration_counts(event),
        "registration_open": event.registration_is_open(),
        "has_test": event.package is not None and event.package.questions.exists(),
        **_staff_part(event, request.user),
        **_own_part(request, event),
        "panels": panels.panels_for(panels.EVENT, request),
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
    if submitted(request, form, formset):
        sessions = [f.cleaned_data for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        done = run_service(
            request,
            lambda: services.event_save(actor=request.user, event=event, data={**form.cleaned_data}, sessions=sessions),
            form=form,
            success=_("The event has been saved."),
        )
        if done:
            return redirect("trainings:event_detail", pk=done.value.pk)
    return render(request, "trainings/event_form.html", {"form": form, "formset": formset, "event": event})


@require(permissions.can_create_events)
def event_create(request):
    return _event_form(request)


@login_required
def event_edit(request, pk):
    """The event's form, while the workflow lets it be changed (a draft or a published event)."""
    event = selectors.event_for_user_or_404(request.user, pk, may=permissions.can_manage_event)
    if not run_service(request, lambda: EVENT.check("edit", event, request.user)):
        return redirect("trainings:event_detail", pk=event.pk)
    return _event_form(request, event)


@login_required
@require_POST
def event_publish(request, pk):
    event = selectors.event_for_user_or_404(request.user, pk)
    run_service(
        request,
        lambda: services.event_publish(actor=request.user, event=event),
        success=_("The event is published."),
    )
    return redirect("trainings:event_detail", pk=event.pk)


@login_required
@require_POST
def event_complete(request, pk):
    event = selectors.event_for_user_or_404(request.user, pk)
    run_service(
        request,
        lambda: services.event_complete(actor=request.user, event=event),
        success=_("The event is marked as completed."),
    )
    return redirect("trainings:event_detail", pk=event.pk)


@login_required
def event_cancel(request, pk):
    event = selectors.event_for_user_or_404(request.user, pk, may=permissions.can_manage_event)
    form = CancelForm(posted(request))
    if submitted(request, form):
        done = run_service(
            request,
            lambda: services.event_cancel(actor=request.user, event=event, reason=form.cleaned_data["reason"]),
            form=form,
            success=_("The event is cancelled and registrants have been told."),
        )
        if done:
            return redirect("trainings:event_detail", pk=event.pk)
    return render(request, "trainings/event_cancel.html", {"form": form, "event": event})
