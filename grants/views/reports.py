"""Pages of the grantee's reports: the schedule, the report (written, submitted, reviewed) and its
receipts."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.forms import apply_validation_error
from core.permissions import require
from grants import permissions, selectors
from grants.forms.reports import ReceiptForm, ReportForm, ReportScheduleForm, ReviewReportForm
from grants.models import (
    ReportReceipt,
)
from grants.rules.budgets import budget_rows
from grants.services import reports as services
from grants.views.agreements import agreement_page


@require(permissions.can_manage_calls)
@require_POST
def report_schedule(request, pk):
    agreement = selectors.agreement_for_user_or_404(request.user, pk)
    form = ReportScheduleForm(request.POST)
    if form.is_valid():
        try:
            services.report_schedule(actor=request.user, agreement=agreement, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The report is on the schedule."))
            return redirect("grants:agreement", pk=agreement.pk)
    return agreement_page(request, agreement, report_form=form)


@require(permissions.can_manage_calls)
@require_POST
def report_unschedule(request, pk):
    report = selectors.report_for_user_or_404(request.user, pk)
    try:
        services.report_unschedule(actor=request.user, report=report)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The report was taken off the schedule."))
    return redirect("grants:agreement", pk=report.agreement_id)


def _report_page(request, report, *, form=None, receipt_form=None, review_form=None, problems=None):
    rows = budget_rows(report.agreement, report)
    writer = permissions.can_write_report(request.user, report) and report.editable
    officer = permissions.can_manage_calls(request.user)
    if writer and form is None:
        form = ReportForm(instance=report, rows=rows)
    if writer and receipt_form is None:
        receipt_form = ReceiptForm(agreement=report.agreement)
    if officer and report.status == "submitted" and review_form is None:
        review_form = ReviewReportForm()
    context = {
        "report": report,
        "agreement": report.agreement,
        "rows": rows,
        "totals": {
            "budget": sum(r.budget for r in rows),
            "spent": sum(r.spent for r in rows),
            "this_report": sum(r.this_report for r in rows),
        },
        "receipts": list(report.receipts.select_related("line")),
        "form": form if writer else None,
        "receipt_form": receipt_form if writer else None,
        "review_form": review_form,
        "can_submit": writer and permissions.can_submit_report(request.user, report),
        "problems": problems,
        "allowed_variance": settings.TATWEER_BUDGET_VARIANCE_PERCENT,
    }
    return render(request, "grants/report.html", context)


@login_required
def report(request, pk):
    """The grantee writes (save a draft, submit); everyone who sees the agreement reads it."""
    report = selectors.report_for_user_or_404(request.user, pk)
    if request.method != "POST":
        return _report_page(request, report)
    if not (permissions.can_write_report(request.user, report) and report.editable):
        raise Http404
    form = ReportForm(request.POST, instance=report, rows=budget_rows(report.agreement, report))
    if not form.is_valid():
        return _report_page(request, report, form=form)
    try:
        services.report_save(actor=request.user, report=report, data=form.cleaned_data, expenses=form.expenses())
    except ValidationError as error:
        apply_validation_error(form, error)
        return _report_page(request, report, form=form)
    if request.POST.get("action") != "submit":
        messages.success(request, _("The draft is saved."))
        return redirect("grants:report", pk=report.pk)
    try:
        services.report_submit(actor=request.user, report=report)
    except ValidationError as error:
        report.refresh_from_db()
        form = ReportForm(request.POST, instance=report, rows=budget_rows(report.agreement, report))
        form.is_valid()
        return _report_page(request, report, form=form, problems=error.messages)
    messages.success(request, _("The report is submitted. The grant officer will review it."))
    return redirect("grants:report", pk=report.pk)


@login_required
@require_POST
def receipt_add(request, pk):
    report = selectors.report_for_user_or_404(request.user, pk)
    if not permissions.can_write_report(request.user, report):
        raise Http404
    form = ReceiptForm(request.POST, request.FILES, agreement=report.agreement)
    if form.is_valid():
        try:
            services.receipt_add(
                actor=request.user, report=report, file=form.cleaned_data["file"], line=form.cleaned_data["line"]
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The receipt is attached."))
            return redirect("grants:report", pk=report.pk)
    return _report_page(request, report, receipt_form=form)


@login_required
@require_POST
def receipt_remove(request, pk):
    receipt = get_object_or_404(ReportReceipt.objects.select_related("report"), pk=pk)
    report = selectors.report_for_user_or_404(request.user, receipt.report_id)
    if not permissions.can_write_report(request.user, report):
        raise Http404
    try:
        services.receipt_remove(actor=request.user, receipt=receipt)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("grants:report", pk=report.pk)


@require(permissions.can_manage_calls)
@require_POST
def report_review(request, pk):
    report = selectors.report_for_user_or_404(request.user, pk)
    form = ReviewReportForm(request.POST)
    form.is_valid()
    try:
        services.report_review(
            actor=request.user,
            report=report,
            approve=request.POST.get("action") == "approve",
            comment=form.cleaned_data.get("comment", ""),
        )
    except ValidationError as error:
        apply_validation_error(form, error)
        return _report_page(request, report, review_form=form)
    messages.success(request, _("The review is recorded and the organisation informed."))
    return redirect("grants:report", pk=report.pk)
