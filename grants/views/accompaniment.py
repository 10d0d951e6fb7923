"""Pages of accompaniment: recording a visit and following up its actions."""

from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.permissions import require
from core.viewhelpers import run_service, submitted
from grants import permissions, selectors
from grants.forms.accompaniment import ActionFormSet, VisitForm
from grants.models import (
    FollowUpAction,
)
from grants.services import accompaniment as services
from grants.views.agreements import panel_answer


@require(permissions.can_manage_calls)
@require_POST
def visit_record(request, pk):
    agreement = selectors.agreement_for_user_or_404(request.user, pk)
    form = VisitForm(request.POST, mentors=selectors.mentors())
    actions = ActionFormSet(request.POST, prefix="actions")
    done = submitted(request, form, actions) and run_service(
        request,
        lambda: services.visit_record(
            actor=request.user, agreement=agreement, data=form.cleaned_data, actions=_agreed(actions)
        ),
        form=form,
        success=_("The visit is recorded."),
    )
    return panel_answer(request, agreement, "visits", done, visit=form, actions=actions)


def _agreed(actions) -> list[dict]:
    """The follow-up actions typed in (empty rows left out)."""
    return [
        {"description": f.cleaned_data["description"].strip(), "due_on": f.cleaned_data.get("due_on")}
        for f in actions.forms
        if f.cleaned_data.get("description", "").strip()
    ]


@require(permissions.can_manage_calls)
@require_POST
def action_status(request, pk):
    action = get_object_or_404(FollowUpAction.objects.select_related("visit"), pk=pk)
    run_service(
        request,
        lambda: services.action_set_status(actor=request.user, action=action, status=request.POST.get("status", "")),
    )
    return redirect("grants:agreement", pk=action.visit.agreement_id)
