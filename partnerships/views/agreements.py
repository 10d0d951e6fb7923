"""The agreement pages: the list (staff see all, CSO members their CSO's), an agreement with its
parties, dates, obligations and the steps the workflow offers, and the pages that draft, edit,
sign, terminate and renew one (parties and obligations: views/agreements_parties.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.files import private_file_url
from core.forms import posted, query_without_page
from core.permissions import require
from core.viewhelpers import run_service, submitted
from partnerships import permissions
from partnerships.forms.agreements import AgreementFilterForm, AgreementForm, PartyAddForm, SignForm, TerminateForm
from partnerships.models import Agreement, AgreementStatus
from partnerships.selectors import agreements as selectors
from partnerships.services import agreements as services
from partnerships.workflows import AGREEMENT

PAGE_SIZE = 20


@require(permissions.can_list_agreements)
def agreement_list(request):
    form = AgreementFilterForm(request.GET or None)
    chosen = form.cleaned_data if form.is_valid() else {}
    today = timezone.localdate()
    found = selectors.agreement_list(
        request.user,
        status=chosen.get("status") or "",
        kind=chosen.get("kind") or "",
        centre=chosen.get("centre"),
        expiring=bool(chosen.get("expiring")),
        today=today,
    )
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [{"agreement": a, "days_left": _days_left(a, today)} for a in page.object_list]
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "query": query_without_page(request),
        "can_add": permissions.can_add_agreement(request.user),
        "window": selectors.EXPIRY_WINDOW,
    }
    return render(request, "partnerships/agreements_list.html", context)


def _days_left(agreement: Agreement, today) -> int | None:
    """Days to expiry of an agreement in force (or signed), None for the others."""
    if agreement.status not in selectors.BINDING_STATES or agreement.ends_on is None:
        return None
    return (agreement.ends_on - today).days


def _managed_or_403(request, pk) -> Agreement:
    agreement = selectors.agreement_for_user_or_404(request.user, pk)
    if not permissions.can_manage_agreement(request.user, agreement):
        raise PermissionDenied
    return agreement


def agreement_page(request, agreement: Agreement, *, party_form: PartyAddForm | None = None):
    user = request.user
    today = timezone.localdate()
    can_manage = permissions.can_manage_agreement(user, agreement)
    is_open = agreement.status in services.OPEN_STATES
    binding = agreement.status in selectors.BINDING_STATES
    obligations = [
        {
            "obligation": o,
            "overdue": binding and o.is_overdue(today),
            "can_update": permissions.can_update_obligation(user, o, manages_agreement=can_manage),
        }
        for o in agreement.obligations.all()
    ]
    context = {
        "agreement": agreement,
        "parties": agreement.parties.all(),
        "obligations": obligations,
        "days_left": _days_left(agreement, today),
        "window": selectors.EXPIRY_WINDOW,
        "actions": AGREEMENT.actions_for(agreement, user),
        "can_manage": can_manage,
        "is_open": is_open,
        "can_add_obligation": can_manage and agreement.status not in services.CLOSED_STATES,
        "party_form": (party_form or PartyAddForm(agreement=agreement)) if can_manage and is_open else None,
        "signed_copy_url": private_file_url(agreement, "signed_copy")
        if agreement.signed_copy and permissions.can_download_signed_copy(user, agreement)
        else "",
        "renewal": selectors.renewal_of(agreement) if agreement.status == AgreementStatus.RENEWED else None,
    }
    return render(request, "partnerships/agreements_detail.html", context)


@login_required
def agreement_detail(request, pk):
    return agreement_page(request, selectors.agreement_for_user_or_404(request.user, pk))


def _agreement_form(request, *, instance: Agreement | None = None) -> AgreementForm:
    user = request.user
    return AgreementForm(
        posted(request),
        instance=Agreement.objects.get(pk=instance.pk) if instance else None,
        centres=selectors.centres_managed(user),
        programme_wide=permissions.is_admin(user),
        with_parties=instance is None,
    )


@require(permissions.can_add_agreement)
def agreement_add(request):
    form = _agreement_form(request)
    if submitted(request, form):
        done = run_service(
            request,
            lambda: services.agreement_create(actor=request.user, data=form.cleaned_data),
            form=form,
            success=lambda agreement: _("The draft %(reference)s is saved.") % {"reference": agreement.reference},
        )
        if done:
            return redirect("partnerships:agreement_detail", pk=done.value.pk)
    return render(request, "partnerships/agreements_form.html", {"form": form, "agreement": None})


@login_required
def agreement_edit(request, pk):
    agreement = _managed_or_403(request, pk)
    if agreement.status not in services.OPEN_STATES:
        messages.error(request, _("A signed agreement cannot be changed: renew it to change its terms or parties."))
        return redirect(agreement)
    form = _agreement_form(request, instance=agreement)
    if submitted(request, form):
        done = run_service(
            request,
            lambda: services.agreement_update(actor=request.user, agreement=agreement, data=form.cleaned_data),
            form=form,
            success=_("The agreement is saved."),
        )
        if done:
            return redirect(agreement)
    return render(request, "partnerships/agreements_form.html", {"form": form, "agreement": agreement})


def _step(request, pk, call, success: str):
    """A step posted from the agreement's page (refusals shown there as messages)."""
    agreement = selectors.agreement_for_user_or_404(request.user, pk)
    done = run_service(request, lambda: call(actor=request.user, agreement=agreement), success=success)
    if done and isinstance(done.value, Agreement):
        return redirect(done.value)
    return redirect(agreement)


@login_required
@require_POST
def agreement_negotiate(request, pk):
    return _step(request, pk, services.agreement_negotiate, _("The agreement is under negotiation."))


@login_required
@require_POST
def agreement_activate(request, pk):
    return _step(request, pk, services.agreement_activate, _("The agreement is in force."))


@login_required
@require_POST
def agreement_renew(request, pk):
    return _step(
        request,
        pk,
        services.agreement_renew,
        _("The agreement is renewed: here is the new draft, with the same parties, to sign again."),
    )


def _offered_or_back(request, agreement: Agreement, action: str):
    """None when the workflow offers the step to this person now; else the answer (403, or back to
    the agreement with the reason)."""
    if not permissions.can_manage_agreement(request.user, agreement):
        raise PermissionDenied
    if AGREEMENT.transition(action, agreement.status) is None:
        messages.error(request, AGREEMENT.refusal_message(action, agreement))
        return redirect(agreement)
    return None


@login_required
def agreement_sign(request, pk):
    """The signed agreement: dates in force and the signed copy (multipart)."""
    agreement = selectors.agreement_for_user_or_404(request.user, pk)
    back = _offered_or_back(request, agreement, "sign")
    if back:
        return back
    form = SignForm(posted(request), request.FILES or None)
    if submitted(request, form):
        done = run_service(
            request,
            lambda: services.agreement_sign(actor=request.user, agreement=agreement, **form.cleaned_data),
            form=form,
            success=_("The agreement is signed. It comes into force on its first day."),
        )
        if done:
            return redirect(agreement)
    return render(request, "partnerships/agreements_sign.html", {"form": form, "agreement": agreement})


@login_required
def agreement_terminate(request, pk):
    agreement = selectors.agreement_for_user_or_404(request.user, pk)
    back = _offered_or_back(request, agreement, "terminate")
    if back:
        return back
    form = TerminateForm(posted(request))
    if submitted(request, form):
        done = run_service(
            request,
            lambda: services.agreement_terminate(actor=request.user, agreement=agreement, **form.cleaned_data),
            form=form,
            success=_("The agreement is terminated; the reason is on record."),
        )
        if done:
            return redirect(agreement)
    return render(request, "partnerships/agreements_terminate.html", {"form": form, "agreement": agreement})
