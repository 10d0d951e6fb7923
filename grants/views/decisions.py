"""Pages of the decisions: the applications of a call, screening, the invitation to a full proposal,
the ranking, the consensus and the decision."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.permissions import require
from core.viewhelpers import run_service
from grants import permissions, selectors
from grants.forms.decisions import ConsensusForm, DecisionForm, ScreeningForm
from grants.models import ApplicationStatus, Eligibility, GrantCall
from grants.rules.ranking import ranking
from grants.services import decisions as services


@require(permissions.can_manage_calls)
def call_applications(request, code):
    call = get_object_or_404(GrantCall, code=code)
    applications = selectors.applications_of_call(call)
    context = {
        "call": call,
        "applications": applications,
        "ApplicationStatus": ApplicationStatus,
        "Eligibility": Eligibility,
    }
    return render(request, "grants/call_applications.html", context)


@require(permissions.can_manage_calls)
@require_POST
def application_screen(request, pk):
    application = selectors.application_for_user_or_404(request.user, pk)
    form = ScreeningForm(request.POST, prefix="screen")
    if not form.is_valid():
        messages.error(request, _("Choose a decision."))
        return redirect("grants:application", pk=application.pk)
    run_service(
        request,
        lambda: services.application_screen(
            actor=request.user,
            application=application,
            decision=form.cleaned_data["decision"],
            reason=form.cleaned_data["reason"],
        ),
        success=_("The eligibility decision is recorded."),
    )
    return redirect("grants:application", pk=application.pk)


@require(permissions.can_manage_calls)
@require_POST
def application_invite(request, pk):
    application = selectors.application_for_user_or_404(request.user, pk)
    run_service(
        request,
        lambda: services.application_invite(actor=request.user, application=application),
        success=_("The organisation is invited to submit a full proposal."),
    )
    return redirect("grants:application", pk=application.pk)


@require(permissions.can_manage_calls)
def call_ranking(request, code):
    call: GrantCall = get_object_or_404(GrantCall.objects.prefetch_related("evaluation_criteria"), code=code)
    rows = ranking(call)
    return render(request, "grants/call_ranking.html", {"call": call, "rows": rows})


@require(permissions.can_manage_calls)
@require_POST
def consensus(request, pk):
    application = selectors.application_for_user_or_404(request.user, pk)
    form = ConsensusForm(request.POST, prefix="consensus")
    if form.is_valid():
        run_service(
            request,
            lambda: services.consensus_record(
                actor=request.user,
                application=application,
                score=form.cleaned_data["score"],
                comment=form.cleaned_data["comment"],
            ),
            success=_("The consensus is recorded."),
        )
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("grants:application", pk=application.pk)


@require(permissions.can_manage_calls)
@require_POST
def decide(request, pk):
    application = selectors.application_for_user_or_404(request.user, pk)
    form = DecisionForm(request.POST, prefix="decide")
    if form.is_valid():
        run_service(
            request,
            lambda: services.decision_record(
                actor=request.user,
                application=application,
                decision=form.cleaned_data["decision"],
                justification=form.cleaned_data["justification"],
            ),
            success=_("The decision is recorded and the organisation told."),
        )
    else:
        messages.error(request, _("Choose a decision."))
    return redirect("grants:application", pk=application.pk)
