"""Pages of the grantee's reports: the schedule, the report (written, submitted, reviewed) and its
receipts."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.permissions import require
from core.viewhelpers import run_service, submitted
from grants import permissions, selectors
from grants.forms.reports import ReceiptForm, ReportForm, ReportScheduleForm, ReviewReportForm
from grants.models import ReportReceipt, ReportStatus
from grants.rules.budgets import budget_rows
from grants.services import reports as services
from grants.views.agreements import panel_answer
from grants.workflows import REPORT


@require(permissions.can_manage_calls)
@require_POST
def report_schedule(request, pk):
    agreement = selectors.agreement_for_user_or_404(request.user, pk)
    form = ReportScheduleForm(request.POST)
    done = submitted(request, form) and run_service(
        request,
        lambda: services.report_schedule(actor=request.user, agreement=agreement, **form.cleaned_data),
        form=form,
        success=_("The report is on the schedule."),
    )
    return panel_answer(request, agreement, "reports", done, schedule=form)


@require(permissions.can_manage_calls)
@require_POST
def report_unschedule(request, pk):
    report = selectors.report_for_user_or_404(request.user, pk)
    run_service(
        request,
        lambda: services.report_unschedule(actor=request.user, report=report),
        success=_("The report was taken off the schedule."),
    )
    return redirect("grants:agreement", pk=report.agreement_id)


def _report_page(request, report, *, form=None, receipt_form=None, review_form=None, problems=None):
    """The report; a refused post shows it again with its bound form (and, for a refused submission,
    what stops it)."""
    rows = budget_rows(report.agreement, report)
    actions = REPORT.actions_for(report, request.user)
    writer = "save" in actions
    if writer and form is None:
        form = ReportForm(instance=report, rows=rows)
    if writer and receipt_form is None:
        receipt_form = ReceiptForm(agreement=report.agreement)
    if "approve" in actions and review_form is None:
        review_form = ReviewReportForm()
    context = {
        "report": report,
        "agreement": report.agreement,
        "actions": actions,
        "ReportStatus": ReportStatus,
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
        "can_submit": "submit" in actions,
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
    if not REPORT.permits("save", report, request.user):
        raise Http404
    form = ReportForm(request.POST, instance=report, rows=budget_rows(report.agreement, report))
    saved = submitted(request, form) and run_service(
        request,
        lambda: services.report_save(
            actor=request.user, report=report, data=form.cleaned_data, expenses=form.expenses()
        ),
        form=form,
    )
    if not saved:
        return _report_page(request, report, form=form)
    if request.POST.get("action") != "submit":
        messages.success(request, _("The draft is saved."))
        return redirect("grants:report", pk=report.pk)
    return _submit(request, report)


def _submit(request, report):
    """After the draft is saved: its submission, or the page with what stops it."""
    done = run_service(
        request,
        lambda: services.report_submit(actor=request.user, report=report),
        success=_("The report is submitted. The grant officer will review it."),
    )
    if done:
        return redirect("grants:report", pk=report.pk)
    report.refresh_from_db()
    form = ReportForm(request.POST, instance=report, rows=budget_rows(report.agreement, report))
    form.is_valid()
    assert done.error is not None  # the service refused the submission
    return _report_page(request, report, form=form, problems=done.error.messages)


@login_required
@require_POST
def receipt_add(request, pk):
    report = selectors.report_for_user_or_404(request.user, pk)
    if not permissions.can_write_report(request.user, report):
        raise Http404
    form = ReceiptForm(request.POST, request.FILES, agreement=report.agreement)
    if submitted(request, form) and run_service(
        request,
        lambda: services.receipt_add(
            actor=request.user, report=report, file=form.cleaned_data["file"], line=form.cleaned_data["line"]
        ),
        form=form,
        success=_("The receipt is attached."),
    ):
        return redirect("grants:report", pk=report.pk)
    return _report_page(request, report, receipt_form=form)


@login_required
@require_POST
def receipt_remove(request, pk):
    receipt = get_object_or_404(ReportReceipt.objects.select_related("report"), pk=pk)
    report = selectors.report_for_user_or_404(request.user, receipt.report_id)
    if not permissions.can_write_report(request.user, report):
        raise Http404
    run_service(request, lambda: services.receipt_remove(actor=request.user, receipt=receipt))
    return redirect("grants:report", pk=report.pk)


@require(permissions.can_manage_calls)
@require_POST
def report_review(request, pk):
    report = selectors.report_for_user_or_404(request.user, pk)
    form = ReviewReportForm(request.POST)
    form.is_valid()
    done = run_service(
        request,
        lambda: services.report_review(
            actor=request.user,
            report=report,
            approve=request.POST.get("action") == "approve",
            comment=form.cleaned_data.get("comment", ""),
        ),
        form=form,
        success=_("The review is recorded and the organisation informed."),
    )
    if not done:
        return _report_page(request, report, review_form=form)
    return redirect("grants:report", pk=report.pk)
