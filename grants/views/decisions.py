"""Pages of the decisions: the applications of a call, screening, the invitation to a full proposal,
the ranking, the consensus and the decision."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.permissions import require
from grants import permissions, selectors
from grants.forms.decisions import ConsensusForm, DecisionForm, ScreeningForm
from grants.models import (
    GrantCall,
)
from grants.rules.ranking import ranking
from grants.services import decisions as services


@require(permissions.can_manage_calls)
def call_applications(request, code):
    call = get_object_or_404(GrantCall, code=code)
    applications = selectors.applications_of_call(call)
    return render(request, "grants/call_applications.html", {"call": call, "applications": applications})


@require(permissions.can_manage_calls)
@require_POST
def application_screen(request, pk):
    application = selectors.application_for_user_or_404(request.user, pk)
    form = ScreeningForm(request.POST, prefix="screen")
    if not form.is_valid():
        messages.error(request, _("Choose a decision."))
        return redirect("grants:application", pk=application.pk)
    try:
        services.application_screen(
            actor=request.user,
            application=application,
            decision=form.cleaned_data["decision"],
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The eligibility decision is recorded."))
    return redirect("grants:application", pk=application.pk)


@require(permissions.can_manage_calls)
@require_POST
def application_invite(request, pk):
    application = selectors.application_for_user_or_404(request.user, pk)
    try:
        services.application_invite(actor=request.user, application=application)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("The organisation is invited to submit a full proposal."))
    return redirect("grants:application", pk=application.pk)


@require(permissions.can_manage_calls)
def call_ranking(request, code):
    call = get_object_or_404(GrantCall.objects.prefetch_related("evaluation_criteria"), code=code)
    rows = ranking(call)
    return render(request, "grants/call_ranking.html", {"call": call, "rows": rows})


@require(permissions.can_manage_calls)
@require_POST
def consensus(request, pk):
    application = selectors.application_for_user_or_404(request.user, pk)
    form = ConsensusForm(request.POST, prefix="consensus")
    if form.is_valid():
        try:
            services.consensus_record(
                actor=request.user,
                application=application,
                score=form.cleaned_data["score"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("The consensus is recorded."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("grants:application", pk=application.pk)


@require(permissions.can_manage_calls)
@require_POST
def decide(request, pk):
    application = selectors.application_for_user_or_404(request.user, pk)
    form = DecisionForm(request.POST, prefix="decide")
    if form.is_valid():
        try:
            services.decision_record(
                actor=request.user,
                application=application,
                decision=form.cleaned_data["decision"],
                justification=form.cleaned_data["justification"],
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The decision is recorded and the organisation told."))
    else:
        messages.error(request, _("Choose a decision."))
    return redirect("grants:application", pk=application.pk)
