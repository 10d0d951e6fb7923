"""Pages of agreements: creating one, the list, the agreement page (with its tranches, budget,
reports, amendments and visits), the schedule, the signature, conditions and payment requests."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.forms import apply_validation_error, posted, query_without_page
from core.permissions import require
from grants import permissions, selectors
from grants.forms.accompaniment import ActionFormSet, VisitForm
from grants.forms.agreements import AgreementForm, CancelTrancheForm, SignForm, TrancheFormSet
from grants.forms.payments import PaymentForm, ReverseForm
from grants.forms.reports import DecisionCommentForm, ReportScheduleForm
from grants.models import (
    ActionStatus,
    Tranche,
    TrancheCondition,
    TrancheStatus,
)
from grants.rules.applications import budget_totals
from grants.rules.budgets import budget_rows, current_budget
from grants.rules.ledger import paid_total
from grants.rules.reports import closing_problems
from grants.services import agreements as services


@require(permissions.can_manage_calls)
def agreement_create(request, pk):
    application = selectors.application_for_user_or_404(request.user, pk)
    form = AgreementForm(posted(request), initial={"amount": budget_totals(application)["requested"]})
    if request.method == "POST" and form.is_valid():
        try:
            agreement = services.agreement_create(actor=request.user, application=application, data=form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            return redirect("grants:agreement", pk=agreement.pk)
    return render(request, "grants/agreement_form.html", {"application": application, "form": form})


@login_required
def agreement_list(request):
    """Officers and finance: every agreement, those waiting for a payment first; a grantee: its own."""
    waiting_only = request.GET.get("waiting") == "1"
    agreements = selectors.agreements_for(request.user, waiting_only=waiting_only)
    page = Paginator(agreements, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "grants/agreement_list.html",
        {"page": page, "waiting_only": waiting_only, "query": query_without_page(request)},
    )


@login_required
def agreement(request, pk):
    return agreement_page(request, selectors.agreement_for_user_or_404(request.user, pk))


def _amendment_lines(amendment, budget) -> list[tuple]:
    """(line, amount when requested, proposed amount) of a reallocation, for the agreement page."""
    lines = {row.line.pk: row.line for row in budget}
    return [
        (lines[int(pk)].description, amendment.amounts_before.get(pk), value)
        for pk, value in amendment.proposed_amounts.items()
        if int(pk) in lines
    ]


def payment_form(tranche, data=None) -> PaymentForm:
    """One payment form per tranche, with ids of its own so that labels point at the right field."""
    return PaymentForm(data, initial={"paid_currency": tranche.agreement.currency}, auto_id=f"id_%s_{tranche.pk}")


def agreement_page(
    request,
    agreement,
    *,
    tranche_formset=None,
    sign_form=None,
    refused_payment=None,
    visit_form=None,
    action_formset=None,
    report_form=None,
    decision_form=None,
    cancel_form=None,
):
    """The agreement page; a refused post shows it again with the bound form, what was typed kept
    (refused_payment: {tranche pk: bound payment form}; decision_form and cancel_form: (pk, form))."""
    refused_payment = refused_payment or {}
    officer = permissions.can_manage_calls(request.user)
    finance = permissions.can_approve_payments(request.user)
    tranches = list(agreement.tranches.all())
    for tranche in tranches:
        tranche.agreement = agreement
        if finance and tranche.status == TrancheStatus.REQUESTED:
            tranche.payment_form = refused_payment.get(tranche.pk) or payment_form(tranche)
        if officer and tranche.status == TrancheStatus.PLANNED and agreement.status == "active":
            refused = cancel_form and cancel_form[0] == tranche.pk
            tranche.cancel_form = cancel_form[1] if refused else CancelTrancheForm(prefix=f"cancel-{tranche.pk}")
    if officer and tranche_formset is None:
        initial = [
            {
                "id": t.pk,
                "amount": t.amount,
                "planned_date": t.planned_date,
                "conditions": [c.kind for c in t.conditions.all()],
            }
            for t in tranches
        ]
        tranche_formset = TrancheFormSet(initial=initial or None, prefix="tranches")
    visits = list(agreement.visits.select_related("mentor").prefetch_related("actions"))
    if officer and visit_form is None and agreement.status == "active":
        visit_form = VisitForm(initial={"mentor": request.user.pk}, mentors=selectors.mentors())
        action_formset = ActionFormSet(prefix="actions")
    amendments = list(agreement.amendments.select_related("requested_by", "decided_by"))
    budget = budget_rows(agreement)
    for amendment in amendments:
        amendment.lines = _amendment_lines(amendment, budget) if amendment.proposed_amounts else []
        if officer and amendment.status == "requested":
            refused = decision_form and decision_form[0] == amendment.pk
            amendment.decision_form = decision_form[1] if refused else DecisionCommentForm(prefix=f"a{amendment.pk}")
    if officer and report_form is None and agreement.status != "closed":
        report_form = ReportScheduleForm()
    context = {
        "agreement": agreement,
        "tranches": tranches,
        "budget": budget,
        "budget_version": current_budget(agreement),
        "budget_total": sum((row.budget for row in budget), 0),
        "reports": list(agreement.reports.all()),
        "report_form": report_form,
        "amendments": amendments,
        "can_amend": agreement.status == "active" and permissions.can_request_amendment(request.user, agreement),
        "closing_problems": closing_problems(agreement) if officer and agreement.status == "active" else [],
        "visits": visits,
        "visit_form": visit_form,
        "action_formset": action_formset,
        "action_statuses": ActionStatus.choices,
        "paid": paid_total(agreement),
        "officer": officer,
        "finance": finance,
        "tranche_formset": tranche_formset,
        "sign_form": sign_form or (SignForm() if officer else None),
        "reverse_form": ReverseForm(),
    }
    return render(request, "grants/agreement.html", context)


@require(permissions.can_manage_calls)
@require_POST
def agreement_tranches(request, pk):
    agreement = selectors.agreement_for_user_or_404(request.user, pk)
    formset = TrancheFormSet(request.POST, prefix="tranches")
    if formset.is_valid():
        rows = [f.cleaned_data for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        removed = [f.cleaned_data["id"] for f in formset.deleted_forms if f.cleaned_data.get("id")]
        try:
            services.tranches_set(actor=request.user, agreement=agreement, schedule=rows, removed=removed)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The tranche schedule is saved."))
            return redirect("grants:agreement", pk=agreement.pk)
    else:
        messages.error(request, _("Check the amounts and dates of the tranches."))
    return agreement_page(request, agreement, tranche_formset=formset)


@require(permissions.can_manage_calls)
@require_POST
def agreement_sign(request, pk):
    agreement = selectors.agreement_for_user_or_404(request.user, pk)
    form = SignForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.agreement_sign(
                actor=request.user,
                agreement=agreement,
                signed_copy=form.cleaned_data["signed_copy"],
                cso_date=form.cleaned_data["cso_date"],
                programme_date=form.cleaned_data["programme_date"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The agreement is signed and running."))
            return redirect("grants:agreement", pk=agreement.pk)
    return agreement_page(request, agreement, sign_form=form)


@require(permissions.can_manage_calls)
@require_POST
def condition_check(request, pk):
    condition = get_object_or_404(TrancheCondition.objects.select_related("tranche"), pk=pk)
    services.condition_check(actor=request.user, condition=condition)
    return redirect("grants:agreement", pk=condition.tranche.agreement_id)


@require(permissions.can_manage_calls)
@require_POST
def tranche_request(request, pk):
    tranche = get_object_or_404(Tranche, pk=pk)
    try:
        services.tranche_request(actor=request.user, tranche=tranche)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Payment requested; a finance officer approves it."))
    return redirect("grants:agreement", pk=tranche.agreement_id)
