"""Pages after signature: reports, amendments, close-out, the portfolio, payments and the ledger."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.forms import apply_validation_error, posted, query_without_page
from core.permissions import require
from grants import ledger, permissions, reporting, selectors
from grants.forms import (
    AmendmentForm,
    CancelTrancheForm,
    DecisionCommentForm,
    ExchangeRateForm,
    PaymentFilterForm,
    ReceiptForm,
    ReportForm,
    ReportScheduleForm,
    ReviewReportForm,
)
from grants.models import Amendment, ExchangeRate, GrantReport, ReportReceipt, Tranche
from grants.views import _agreement_or_404, _agreement_page


def _report_or_404(user, pk) -> GrantReport:
    report = (
        GrantReport.objects.select_related("agreement__application__organization", "agreement__application__call")
        .filter(pk=pk)
        .first()
    )
    if report is None or not permissions.can_view_agreement(user, report.agreement):
        raise Http404
    return report


# --- Reports -------------------------------------------------------------------------------------


@require(permissions.can_manage_calls)
@require_POST
def report_schedule(request, pk):
    agreement = _agreement_or_404(request.user, pk)
    form = ReportScheduleForm(request.POST)
    if form.is_valid():
        try:
            reporting.report_schedule(actor=request.user, agreement=agreement, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The report is on the schedule."))
            return redirect("grants:agreement", pk=agreement.pk)
    return _agreement_page(request, agreement, report_form=form)


@require(permissions.can_manage_calls)
@require_POST
def report_unschedule(request, pk):
    report = _report_or_404(request.user, pk)
    try:
        reporting.report_unschedule(actor=request.user, report=report)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The report was taken off the schedule."))
    return redirect("grants:agreement", pk=report.agreement_id)


def _report_page(request, report, *, form=None, receipt_form=None, review_form=None, problems=None):
    rows = reporting.budget_rows(report.agreement, report)
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
        "allowed_variance": reporting.settings.TATWEER_BUDGET_VARIANCE_PERCENT,
    }
    return render(request, "grants/report.html", context)


@login_required
def report(request, pk):
    """The grantee writes (save a draft, submit); everyone who sees the agreement reads it."""
    report = _report_or_404(request.user, pk)
    if request.method != "POST":
        return _report_page(request, report)
    if not (permissions.can_write_report(request.user, report) and report.editable):
        raise Http404
    form = ReportForm(request.POST, instance=report, rows=reporting.budget_rows(report.agreement, report))
    if not form.is_valid():
        return _report_page(request, report, form=form)
    try:
        reporting.report_save(actor=request.user, report=report, data=form.cleaned_data, expenses=form.expenses())
    except ValidationError as error:
        apply_validation_error(form, error)
        return _report_page(request, report, form=form)
    if request.POST.get("action") != "submit":
        messages.success(request, _("The draft is saved."))
        return redirect("grants:report", pk=report.pk)
    try:
        reporting.report_submit(actor=request.user, report=report)
    except ValidationError as error:
        report.refresh_from_db()
        form = ReportForm(request.POST, instance=report, rows=reporting.budget_rows(report.agreement, report))
        form.is_valid()
        return _report_page(request, report, form=form, problems=error.messages)
    messages.success(request, _("The report is submitted. The grant officer will review it."))
    return redirect("grants:report", pk=report.pk)


@login_required
@require_POST
def receipt_add(request, pk):
    report = _report_or_404(request.user, pk)
    if not permissions.can_write_report(request.user, report):
        raise Http404
    form = ReceiptForm(request.POST, request.FILES, agreement=report.agreement)
    if form.is_valid():
        try:
            reporting.receipt_add(
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
    report = _report_or_404(request.user, receipt.report_id)
    if not permissions.can_write_report(request.user, report):
        raise Http404
    try:
        reporting.receipt_remove(actor=request.user, receipt=receipt)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("grants:report", pk=report.pk)


@require(permissions.can_manage_calls)
@require_POST
def report_review(request, pk):
    report = _report_or_404(request.user, pk)
    form = ReviewReportForm(request.POST)
    form.is_valid()
    try:
        reporting.report_review(
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


# --- Amendments ----------------------------------------------------------------------------------


@login_required
def amendment_request(request, pk):
    agreement = _agreement_or_404(request.user, pk)
    if not permissions.can_request_amendment(request.user, agreement):
        raise Http404
    rows = reporting.budget_rows(agreement)
    form = AmendmentForm(posted(request), rows=rows)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            reporting.amendment_request(
                actor=request.user,
                agreement=agreement,
                kind=data["kind"],
                justification=data["justification"],
                new_end_date=data.get("new_end_date"),
                amounts=form.amounts() if data["kind"] == "budget" else None,
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The amendment is requested. The grant officer will decide on it."))
            return redirect("grants:agreement", pk=agreement.pk)
    return render(request, "grants/amendment_form.html", {"agreement": agreement, "form": form})


@require(permissions.can_manage_calls)
@require_POST
def amendment_decide(request, pk):
    amendment = get_object_or_404(Amendment, pk=pk)
    agreement = _agreement_or_404(request.user, amendment.agreement_id)
    form = DecisionCommentForm(request.POST, prefix=f"a{amendment.pk}")
    form.is_valid()
    try:
        reporting.amendment_decide(
            actor=request.user,
            amendment=amendment,
            approve=request.POST.get("action") == "approve",
            comment=form.cleaned_data.get("comment", ""),
        )
    except ValidationError as error:
        apply_validation_error(form, error)
        return _agreement_page(request, agreement, decision_form=(amendment.pk, form))
    messages.success(request, _("The decision on the amendment is recorded."))
    return redirect("grants:agreement", pk=agreement.pk)


# --- Close-out -----------------------------------------------------------------------------------


@require(permissions.can_manage_calls)
@require_POST
def tranche_cancel(request, pk):
    tranche = get_object_or_404(Tranche, pk=pk)
    agreement = _agreement_or_404(request.user, tranche.agreement_id)
    form = CancelTrancheForm(request.POST, prefix=f"cancel-{tranche.pk}")
    if form.is_valid():
        try:
            reporting.tranche_cancel(actor=request.user, tranche=tranche, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The tranche is cancelled."))
            return redirect("grants:agreement", pk=agreement.pk)
    return _agreement_page(request, agreement, cancel_form=(tranche.pk, form))


@require(permissions.can_manage_calls)
@require_POST
def agreement_close(request, pk):
    agreement = _agreement_or_404(request.user, pk)
    try:
        reporting.agreement_close(actor=request.user, agreement=agreement)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The grant is closed."))
    return redirect("grants:agreement", pk=agreement.pk)


# --- Portfolio, payments, ledger, exchange rates --------------------------------------------------


@require(permissions.can_view_portfolio)
def portfolio(request):
    details = permissions.sees_portfolio_details(request.user)
    context = {"details": details, **selectors.portfolio(details=details)}
    return render(request, "grants/portfolio.html", context)


@require(permissions.can_list_payments)
def payment_list(request):
    form = PaymentFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    payments, totals = selectors.payments(filters)
    page = Paginator(payments, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "grants/payment_list.html",
        {"form": form, "page": page, "totals": totals, "query": query_without_page(request)},
    )


@require(permissions.can_view_portfolio)
def recipients(request):
    """The sub-granting ledger: each CSO's support in euro equivalent against the cap."""
    try:
        supports = sorted(ledger.supports().values(), key=lambda s: s.total_eur, reverse=True)
    except ValidationError as error:  # a currency without any exchange rate
        supports, problem = [], " ".join(error.messages)
    else:
        problem = ""
    cap = ledger.cap_eur()
    for support in supports:
        support.share = (support.total_eur / cap * 100).quantize(Decimal("0.1")) if cap else None
    page = Paginator(supports, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "grants/recipients.html",
        {
            "page": page,
            "cap": cap,
            "problem": problem,
            "export_kind": "grant_recipients",
            "can_manage_rates": permissions.can_manage_rates(request.user),
        },
    )


@require(permissions.can_manage_rates)
def exchange_rates(request):
    form = ExchangeRateForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            ledger.rate_add(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The exchange rate is saved."))
            return redirect("grants:exchange_rates")
    rates = ExchangeRate.objects.select_related("entered_by")
    return render(request, "grants/exchange_rates.html", {"form": form, "rates": rates})
