"""The pages of an agreement's parties and obligations: a party added or removed while the
agreement is not signed, each party's signature, obligations added and their status followed up."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.forms import posted
from core.viewhelpers import run_service, submitted
from partnerships import permissions
from partnerships.forms.agreements import ObligationForm, ObligationStatusForm, PartyAddForm, PartySignForm
from partnerships.selectors import agreements as selectors
from partnerships.services import agreements_parties as services
from partnerships.views.agreements import agreement_page


@login_required
@require_POST
def party_add(request, pk):
    agreement = selectors.agreement_for_user_or_404(request.user, pk)
    if not permissions.can_manage_agreement(request.user, agreement):
        raise PermissionDenied
    form = PartyAddForm(request.POST, agreement=agreement)
    if submitted(request, form) and run_service(
        request,
        lambda: services.party_add(actor=request.user, agreement=agreement, **form.cleaned_data),
        form=form,
        success=_("The party is added."),
    ):
        return redirect(agreement)
    return agreement_page(request, selectors.agreement_for_user_or_404(request.user, pk), party_form=form)


@login_required
@require_POST
def party_remove(request, pk):
    party = selectors.party_for_user_or_404(request.user, pk)
    run_service(
        request, lambda: services.party_remove(actor=request.user, party=party), success=_("The party is removed.")
    )
    return redirect(party.agreement)


@login_required
def party_sign(request, pk):
    """Who signed for one party, in what position, and when."""
    party = selectors.party_for_user_or_404(request.user, pk)
    agreement = party.agreement
    if not permissions.can_manage_agreement(request.user, agreement):
        raise PermissionDenied
    form = PartySignForm(posted(request), instance=party)
    if submitted(request, form):
        done = run_service(
            request,
            lambda: services.party_sign(actor=request.user, party=party, **form.cleaned_data),
            form=form,
            success=_("The signature is recorded."),
        )
        if done:
            return redirect(agreement)
    return render(
        request, "partnerships/agreements_party_sign.html", {"form": form, "party": party, "agreement": agreement}
    )


@login_required
def obligation_add(request, pk):
    agreement = selectors.agreement_for_user_or_404(request.user, pk)
    if not permissions.can_manage_agreement(request.user, agreement):
        raise PermissionDenied
    form = ObligationForm(posted(request), agreement=agreement)
    if submitted(request, form):
        done = run_service(
            request,
            lambda: services.obligation_add(actor=request.user, agreement=agreement, data=form.cleaned_data),
            form=form,
            success=_("The obligation is added."),
        )
        if done:
            return redirect(agreement)
    return render(
        request,
        "partnerships/agreements_obligation_form.html",
        {"form": form, "agreement": agreement, "obligation": None},
    )


@login_required
def obligation_update(request, pk):
    """An obligation's status: done (with its date), cancelled, or open again."""
    obligation = selectors.obligation_for_user_or_404(request.user, pk)
    if not permissions.can_update_obligation(request.user, obligation):
        raise PermissionDenied
    initial = {"status": obligation.status, "done_on": obligation.done_on, "note": obligation.note}
    form = ObligationStatusForm(posted(request), initial=initial)
    if submitted(request, form):
        done = run_service(
            request,
            lambda: services.obligation_update(actor=request.user, obligation=obligation, **form.cleaned_data),
            form=form,
            success=_("The obligation is updated."),
        )
        if done:
            return redirect(obligation.agreement)
    return render(
        request,
        "partnerships/agreements_obligation_form.html",
        {"form": form, "agreement": obligation.agreement, "obligation": obligation},
    )
