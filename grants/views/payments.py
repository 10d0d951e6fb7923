"""Pages of payments and the ledger: paying and reversing, the payments list, the recipients against
the cap, exchange rates and the portfolio."""

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import freshness
from core.forms import posted, query_without_page
from core.permissions import require
from core.viewhelpers import run_service, submitted
from grants import permissions, selectors
from grants.forms.payments import ExchangeRateForm, PaymentFilterForm, ReverseForm
from grants.models import (
    ExchangeRate,
    Payment,
    Tranche,
)
from grants.rules import ledger
from grants.services import payments as services
from grants.views.agreement_panels import payment_form
from grants.views.agreements import panel_answer


@require(permissions.can_approve_payments)
@require_POST
def payment_record(request, pk):
    tranche = get_object_or_404(Tranche.objects.select_related("agreement"), pk=pk)
    agreement = selectors.agreement_for_user_or_404(request.user, tranche.agreement_id)
    form = payment_form(tranche, request.POST)
    done = submitted(request, form) and run_service(
        request,
        lambda: services.payment_record(actor=request.user, tranche=tranche, data=form.cleaned_data),
        form=form,
        success=_("The payment is recorded."),
    )
    return panel_answer(request, agreement, "tranches", done, payment=(tranche.pk, form))


@require(permissions.can_approve_payments)
@require_POST
def payment_reverse(request, pk):
    payment = get_object_or_404(Payment.objects.select_related("tranche"), pk=pk)
    form = ReverseForm(request.POST)
    if form.is_valid():
        run_service(
            request,
            lambda: services.payment_reverse(actor=request.user, payment=payment, note=form.cleaned_data["note"]),
            success=_("The payment is reversed; the tranche waits for payment again."),
        )
    else:
        messages.error(request, _("Say why the payment is reversed."))
    return redirect("grants:agreement", pk=payment.tranche.agreement_id)


@require(permissions.can_view_portfolio)
def portfolio(request):
    details = permissions.sees_portfolio_details(request.user)
    figures = freshness.cached_today(
        request, "grants.portfolio", (details,), lambda: selectors.portfolio(details=details)
    )  # the same for everyone who sees as much, until the data changes (core.freshness)
    context = {"details": details, **figures}
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
    if submitted(request, form) and run_service(
        request,
        lambda: services.rate_add(actor=request.user, **form.cleaned_data),
        form=form,
        success=_("The exchange rate is saved."),
    ):
        return redirect("grants:exchange_rates")
    rates = ExchangeRate.objects.select_related("entered_by")
    return render(request, "grants/exchange_rates.html", {"form": form, "rates": rates})
