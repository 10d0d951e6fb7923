"""Pages of the close-out: cancelling a tranche and closing the grant."""

from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.permissions import require
from core.viewhelpers import run_service, submitted
from grants import permissions, selectors
from grants.forms.agreements import CancelTrancheForm
from grants.models import Tranche
from grants.services import closeout as services
from grants.views.agreements import panel_answer


@require(permissions.can_manage_calls)
@require_POST
def tranche_cancel(request, pk):
    tranche = get_object_or_404(Tranche, pk=pk)
    agreement = selectors.agreement_for_user_or_404(request.user, tranche.agreement_id)
    form = CancelTrancheForm(request.POST, prefix=f"cancel-{tranche.pk}")
    done = submitted(request, form) and run_service(
        request,
        lambda: services.tranche_cancel(actor=request.user, tranche=tranche, reason=form.cleaned_data["reason"]),
        form=form,
        success=_("The tranche is cancelled."),
    )
    return panel_answer(request, agreement, "tranches", done, cancel=(tranche.pk, form))


@require(permissions.can_manage_calls)
@require_POST
def agreement_close(request, pk):
    agreement = selectors.agreement_for_user_or_404(request.user, pk)
    run_service(
        request,
        lambda: services.agreement_close(actor=request.user, agreement=agreement),
        success=_("The grant is closed."),
    )
    return redirect("grants:agreement", pk=agreement.pk)
