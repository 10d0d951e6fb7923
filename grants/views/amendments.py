"""Pages of amendments: the request and the decision."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.forms import posted
from core.permissions import require
from core.viewhelpers import run_service, submitted
from grants import permissions, selectors
from grants.forms.reports import AmendmentForm, DecisionCommentForm
from grants.models import Amendment, AmendmentKind
from grants.rules.budgets import budget_rows
from grants.services import amendments as services
from grants.views.agreements import panel_answer


@login_required
def amendment_request(request, pk):
    agreement = selectors.agreement_for_user_or_404(request.user, pk)
    if not permissions.can_request_amendment(request.user, agreement):
        raise Http404
    rows = budget_rows(agreement)
    form = AmendmentForm(posted(request), rows=rows)
    if submitted(request, form) and run_service(
        request,
        lambda: services.amendment_request(
            actor=request.user,
            agreement=agreement,
            kind=form.cleaned_data["kind"],
            justification=form.cleaned_data["justification"],
            new_end_date=form.cleaned_data.get("new_end_date"),
            amounts=form.amounts() if form.cleaned_data["kind"] == AmendmentKind.REALLOCATION else None,
        ),
        form=form,
        success=_("The amendment is requested. The grant officer will decide on it."),
    ):
        return redirect("grants:agreement", pk=agreement.pk)
    return render(request, "grants/amendment_form.html", {"agreement": agreement, "form": form})


@require(permissions.can_manage_calls)
@require_POST
def amendment_decide(request, pk):
    amendment = get_object_or_404(Amendment, pk=pk)
    agreement = selectors.agreement_for_user_or_404(request.user, amendment.agreement_id)
    form = DecisionCommentForm(request.POST, prefix=f"a{amendment.pk}")
    form.is_valid()
    done = run_service(
        request,
        lambda: services.amendment_decide(
            actor=request.user,
            amendment=amendment,
            approve=request.POST.get("action") == "approve",
            comment=form.cleaned_data.get("comment", ""),
        ),
        form=form,
        success=_("The decision on the amendment is recorded."),
    )
    return panel_answer(request, agreement, "amendments", done, decision=(amendment.pk, form))
