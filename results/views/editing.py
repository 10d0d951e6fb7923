"""Editing the logframe: results and indicators (programme admins)."""

from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from core.forms import posted
from core.permissions import require
from core.viewhelpers import run_service, submitted
from results import permissions
from results.forms import IndicatorForm, NodeForm
from results.models import Indicator, Node
from results.services.logframe import indicator_save, node_save
from results.views.pages import logframe_or_404


@require(permissions.manages_results)
def node_edit(request, pk=None):
    logframe = logframe_or_404()
    node = get_object_or_404(Node, pk=pk, logframe=logframe) if pk else None
    form = NodeForm(posted(request), logframe=logframe, node=node)
    if submitted(request, form):
        done = run_service(
            request,
            lambda: node_save(actor=request.user, logframe=logframe, node=node, data=form.cleaned_data),
            form=form,
            success=_("The result is saved."),
        )
        if done:
            return redirect("results:logframe")
    return render(request, "results/node_form.html", {"form": form, "node": node})


@require(permissions.manages_results)
def indicator_edit(request, pk=None):
    logframe = logframe_or_404()
    indicator = get_object_or_404(Indicator, pk=pk, logframe=logframe) if pk else None
    form = IndicatorForm(posted(request), logframe=logframe, indicator=indicator)
    if submitted(request, form):
        data, targets = form.data_for_service()
        done = run_service(
            request,
            lambda: indicator_save(
                actor=request.user, logframe=logframe, indicator=indicator, data=data, targets=targets
            ),
            form=form,
            success=_("The indicator is saved."),
        )
        if done:
            return redirect("results:logframe")
    return render(request, "results/indicator_form.html", {"form": form, "indicator": indicator})
