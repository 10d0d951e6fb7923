"""Registration: a person's own details and registrations, registering oneself, a colleague or a
walk-in, and cancelling or rejecting a registration."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.forms import posted
from core.shortcuts import get_by_posted_id_or_404
from core.viewhelpers import run_service, submitted
from organizations.selectors import organizations_of
from trainings import permissions, selectors, services
from trainings.forms import FindParticipantForm, ParticipantForm
from trainings.models import Participant, RegistrationStatus


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
    if submitted(request, form):
        done = run_service(
            request,
            lambda: services.participant_save(
                actor=request.user, participant=participant, data=form.cleaned_data, user=request.user
            ),
            form=form,
            success=_("Your details have been saved."),
        )
        if done and next_url and url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            return redirect(next_url)
        if done:
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
    done = run_service(
        request, lambda: services.registration_create(actor=request.user, event=event, participant=participant)
    )
    if done and done.value.status == RegistrationStatus.REGISTERED:
        messages.success(request, _("You are registered."))
    elif done:
        messages.info(
            request, _("The event is full: you are on the waiting list and will be told if a place frees up.")
        )
    return redirect("trainings:event_detail", pk=event.pk)


@login_required
@require_POST
def registration_cancel(request, pk, registration_pk):
    """The person's own registration, or (for the event's staff) anyone's: the workflow decides."""
    registration = selectors.registration_for_user_or_404(request.user, pk, registration_pk)
    run_service(
        request,
        lambda: services.registration_cancel(actor=request.user, registration=registration),
        success=_("The registration is cancelled."),
    )
    return redirect("trainings:event_detail", pk=pk)


@login_required
@require_POST
def registration_reject(request, pk, registration_pk):
    registration = selectors.registration_for_user_or_404(request.user, pk, registration_pk)
    run_service(
        request,
        lambda: services.registration_reject(actor=request.user, registration=registration),
        success=_("The registration is rejected."),
    )
    return redirect("trainings:event_detail", pk=pk)


def _registered(registration) -> str:
    return _("%(name)s: %(status)s.") % {
        "name": registration.participant.full_name,
        "status": registration.get_status_display(),
    }


def _register(request, *, form, found, register):
    """Registers a person found in a list (`found`: the posted id, refusals shown as messages) or
    entered in `form` (saved first, refusals under its fields). True once registered."""
    if found is not None:
        return run_service(request, lambda: register(found), success=_registered)
    if not form.is_valid():
        return False
    saved = run_service(
        request,
        lambda: services.participant_save(actor=request.user, participant=None, data=form.cleaned_data),
        form=form,
    )
    return saved and run_service(request, lambda: register(saved.value), form=form, success=_registered)


@login_required
def register_colleague(request, pk):
    """A CSO member registers a colleague from their organisation, or adds one who is new."""
    event = selectors.event_for_user_or_404(request.user, pk)
    if not permissions.can_register_colleagues(request.user):
        raise PermissionDenied
    colleagues = selectors.colleagues_of(request.user)
    form = ParticipantForm(posted(request), organizations=organizations_of(request.user), for_colleague=True)
    if request.method == "POST":
        found = (
            get_by_posted_id_or_404(colleagues, request.POST["participant"])
            if request.POST.get("participant")
            else None
        )

        def register(participant):
            return services.registration_for_colleague(actor=request.user, event=event, participant=participant)

        if _register(request, form=form, found=found, register=register):
            return redirect("trainings:event_detail", pk=event.pk)
    return render(
        request, "trainings/register_colleague.html", {"event": event, "colleagues": colleagues, "form": form}
    )


@login_required
def register_walk_in(request, pk):
    """Staff register someone at the door: find the person first, create them only if not found."""
    event = selectors.event_for_user_or_404(request.user, pk, may=permissions.can_register_others)
    find = FindParticipantForm(request.GET or None)
    matches = selectors.find_participants(**find.cleaned_data) if find.is_valid() else []
    form = ParticipantForm(
        posted(request), initial={"phone": request.GET.get("phone", ""), "email": request.GET.get("email", "")}
    )
    if request.method == "POST":
        existing = request.POST.get("participant")
        found = get_by_posted_id_or_404(Participant, existing) if existing else None

        def register(participant):
            return services.registration_create(actor=request.user, event=event, participant=participant, walk_in=True)

        if _register(request, form=form, found=found, register=register):
            return redirect("trainings:event_detail", pk=event.pk)
    return render(request, "trainings/walk_in.html", {"event": event, "find": find, "matches": matches, "form": form})
