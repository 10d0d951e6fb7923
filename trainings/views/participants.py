"""Participant records kept by staff: the list, one person's page, merging duplicates."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.forms import posted, query_without_page
from core.permissions import require
from core.viewhelpers import run_service, submitted
from trainings import permissions, selectors, services
from trainings.forms import ParticipantForm

PAGE_SIZE = 25


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
    if submitted(request, form):
        done = run_service(
            request,
            lambda: services.participant_save(actor=request.user, participant=participant, data=form.cleaned_data),
            form=form,
            success=_("The details have been saved."),
        )
        if done:
            return redirect("trainings:participant_detail", pk=participant.pk)
    registrations = participant.registrations.select_related("event__centre").order_by("-event__starts_at")
    found = selectors.find_participants(phone=participant.phone, email=participant.email, name=participant.full_name)
    duplicates = [d for d in found if d.pk != participant.pk]
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
    run_service(
        request,
        lambda: services.participant_merge(actor=request.user, keep=keep, duplicate=duplicate),
        success=_("The two records are merged; all registrations and attendance are kept."),
    )
    return redirect("trainings:participant_detail", pk=keep.pk)
