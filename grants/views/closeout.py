"""Pages of the close-out: cancelling a tranche and closing the grant."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.forms import apply_validation_error
from core.permissions import require
from grants import permissions, selectors
from grants.forms.agreements import CancelTrancheForm
from grants.models import (
    Tranche,
)
from grants.services import closeout as services
from grants.views.agreements import agreement_page


@require(permissions.can_manage_calls)
@require_POST
def tranche_cancel(request, pk):
    tranche = get_object_or_404(Tranche, pk=pk)
    agreement = selectors.agreement_for_user_or_404(request.user, tranche.agreement_id)
    form = CancelTrancheForm(request.POST, prefix=f"cancel-{tranche.pk}")
    if form.is_valid():
        try:
            services.tranche_cancel(actor=request.user, tranche=tranche, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The tranche is cancelled."))
            return redirect("grants:agreement", pk=agreement.pk)
    return agreement_page(request, agreement, cancel_form=(tranche.pk, form))


@require(permissions.can_manage_calls)
@require_POST
def agreement_close(request, pk):
    agreement = selectors.agreement_for_user_or_404(request.user, pk)
    try:
        services.agreement_close(actor=request.user, agreement=agreement)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The grant is closed."))
    return redirect("grants:agreement", pk=agreement.pk)
