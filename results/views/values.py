"""Values entered by hand for the indicators that no measure computes, and their approval."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.forms import posted
from core.permissions import require
from core.viewhelpers import run_service, submitted
from results import permissions
from results.forms import ManualValueForm, ReviewForm
from results.models import Indicator, ManualValue, ValueStatus
from results.services.values import value_review, value_save
from results.views.pages import logframe_or_404, period_or_404
from results.workflows import MANUAL_VALUE


@require(permissions.contributes)
def value_list(request):
    """Every hand-entered indicator against every period that has begun, with its value's status."""
    logframe = logframe_or_404()
    periods = [p for p in logframe.periods.order_by("number") if p.start <= timezone.localdate()]
    indicators = list(logframe.indicators.filter(measure="").select_related("node").order_by("node__code", "code"))
    values = {
        (v.indicator_id, v.period_id): v
        for v in ManualValue.objects.filter(indicator__logframe=logframe).select_related("entered_by")
    }
    rows = [{"indicator": i, "cells": [(p, values.get((i.pk, p.pk))) for p in periods]} for i in indicators]
    waiting = [
        v
        for v in values.values()
        if v.status == ValueStatus.SUBMITTED and permissions.can_review_value(request.user, v)
    ]
    return render(request, "results/value_list.html", {"rows": rows, "periods": periods, "waiting": waiting})


@require(permissions.contributes)
def value_edit(request, indicator_pk, number):
    logframe = logframe_or_404()
    indicator = get_object_or_404(Indicator, pk=indicator_pk, logframe=logframe, measure="")
    period = period_or_404(logframe, number)
    if period.start > timezone.localdate():
        raise Http404
    value = ManualValue.objects.filter(indicator=indicator, period=period).first()
    editable = permissions.can_enter_value(request.user, value)
    form = ManualValueForm(
        posted(request) if editable else None, request.FILES or None, instance=value, indicator=indicator
    )
    if editable and submitted(request, form):
        data = {**form.cleaned_data, "by": form.split()}
        done = run_service(
            request,
            lambda: value_save(
                actor=request.user, indicator=indicator, period=period, data=data, submit="submit" in request.POST
            ),
            form=form,
            success=_("The value is submitted for approval.") if "submit" in request.POST else _("The value is saved."),
        )
        if done:
            return redirect("results:value_list")
    context = {
        "form": form,
        "indicator": indicator,
        "period": period,
        "value": value,
        "editable": editable,
        "review_form": ReviewForm(),
        "can_review": value is not None and MANUAL_VALUE.permits("approve", value, request.user),
    }
    return render(request, "results/value_form.html", context)


@require(permissions.manages_results)
@require_POST
def value_decide(request, pk, action):
    logframe = logframe_or_404()
    value = get_object_or_404(ManualValue, pk=pk, indicator__logframe=logframe)
    if action not in ("approve", "return"):
        raise Http404
    form = ReviewForm(request.POST)
    if submitted(request, form):
        run_service(
            request,
            lambda: value_review(
                actor=request.user, value=value, approve=action == "approve", comment=form.cleaned_data["comment"]
            ),
            success=_("The value is approved.") if action == "approve" else _("The value is returned for correction."),
        )
    return redirect("results:value_edit", indicator_pk=value.indicator_id, number=value.period.number)
