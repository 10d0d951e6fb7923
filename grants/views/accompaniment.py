"""Pages of accompaniment: recording a visit and following up its actions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.forms import apply_validation_error
from core.permissions import require
from grants import permissions, selectors
from grants.forms.accompaniment import ActionFormSet, VisitForm
from grants.models import (
    FollowUpAction,
)
from grants.services import accompaniment as services
from grants.views.agreements import agreement_page


@require(permissions.can_manage_calls)
@require_POST
def visit_record(request, pk):
    agreement = selectors.agreement_for_user_or_404(request.user, pk)
    form = VisitForm(request.POST, mentors=selectors.mentors())
    actions = ActionFormSet(request.POST, prefix="actions")
    if form.is_valid() and actions.is_valid():
        rows = [
            {"description": f.cleaned_data["description"].strip(), "due_on": f.cleaned_data.get("due_on")}
            for f in actions.forms
            if f.cleaned_data.get("description", "").strip()
        ]
        try:
            services.visit_record(actor=request.user, agreement=agreement, data=form.cleaned_data, actions=rows)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The visit is recorded."))
            return redirect("grants:agreement", pk=agreement.pk)
    return agreement_page(request, agreement, visit_form=form, action_formset=actions)


@require(permissions.can_manage_calls)
@require_POST
def action_status(request, pk):
    action = get_object_or_404(FollowUpAction.objects.select_related("visit"), pk=pk)
    try:
        services.action_set_status(actor=request.user, action=action, status=request.POST.get("status", ""))
    except ValidationError as error:
        messages.error(request, error.messages[0])
    return redirect("grants:agreement", pk=action.visit.agreement_id)
