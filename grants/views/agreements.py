"""Pages of agreements: creating one, the list, the agreement page and its panels (built in
`agreement_panels`), the schedule, the signature, conditions and payment requests."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from core.forms import posted, query_without_page
from core.permissions import require
from core.viewhelpers import panel_or_page, run_service, submitted
from grants import permissions, selectors
from grants.forms.agreements import AgreementForm, SignForm, TrancheFormSet
from grants.models import Tranche, TrancheCondition
from grants.rules.applications import budget_totals
from grants.services import agreements as services
from grants.views.agreement_panels import PANELS, Viewer, page_context, panel_context


@require(permissions.can_manage_calls)
def agreement_create(request, pk):
    application = selectors.application_for_user_or_404(request.user, pk)
    form = AgreementForm(posted(request), initial={"amount": budget_totals(application)["requested"]})
    if submitted(request, form):
        created = run_service(
            request,
            lambda: services.agreement_create(actor=request.user, application=application, data=form.cleaned_data),
            form=form,
        )
        if created:
            return redirect("grants:agreement", pk=created.value.pk)
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


def agreement_page(request, agreement, refused: tuple[str, dict] | None = None):
    """The whole agreement page; `refused` is (panel key, its bound forms) after a refused post."""
    return render(request, "grants/agreement.html", page_context(Viewer.of(request.user, agreement), refused))


@login_required
def agreement(request, pk):
    return agreement_page(request, selectors.agreement_for_user_or_404(request.user, pk))


@login_required
def agreement_panel(request, pk, panel):
    """One panel of the agreement page, alone (htmx reloads it)."""
    if panel not in PANELS:
        raise Http404
    agreement = selectors.agreement_for_user_or_404(request.user, pk)
    return render(request, PANELS[panel].template, panel_context(Viewer.of(request.user, agreement), panel, {}))


def panel_answer(request, agreement, key: str, done, **bound):
    """What a post to a panel answers. Done: the agreement page again (htmx is told to load it),
    since a step changes more than its panel. Refused: the panel with its bound forms (htmx), or the
    whole page with them."""
    if done:
        url = reverse("grants:agreement", args=[agreement.pk])
        return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
    return panel_or_page(
        request,
        panel=PANELS[key].template,
        context=panel_context(Viewer.of(request.user, agreement), key, bound),
        page=lambda: agreement_page(request, agreement, (key, bound)),
    )


@require(permissions.can_manage_calls)
@require_POST
def agreement_tranches(request, pk):
    agreement = selectors.agreement_for_user_or_404(request.user, pk)
    formset = TrancheFormSet(request.POST, prefix="tranches")
    done = None
    if formset.is_valid():
        rows = [f.cleaned_data for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        removed = [f.cleaned_data["id"] for f in formset.deleted_forms if f.cleaned_data.get("id")]
        done = run_service(
            request,
            lambda: services.tranches_set(actor=request.user, agreement=agreement, schedule=rows, removed=removed),
            success=_("The tranche schedule is saved."),
        )
    else:
        messages.error(request, _("Check the amounts and dates of the tranches."))
    return panel_answer(request, agreement, "preparation", done, schedule=formset)


@require(permissions.can_manage_calls)
@require_POST
def agreement_sign(request, pk):
    agreement = selectors.agreement_for_user_or_404(request.user, pk)
    form = SignForm(request.POST, request.FILES)
    done = submitted(request, form) and run_service(
        request,
        lambda: services.agreement_sign(
            actor=request.user,
            agreement=agreement,
            signed_copy=form.cleaned_data["signed_copy"],
            cso_date=form.cleaned_data["cso_date"],
            programme_date=form.cleaned_data["programme_date"],
        ),
        form=form,
        success=_("The agreement is signed and running."),
    )
    return panel_answer(request, agreement, "preparation", done, sign=form)


@require(permissions.can_manage_calls)
@require_POST
def condition_check(request, pk):
    condition = get_object_or_404(TrancheCondition.objects.select_related("tranche"), pk=pk)
    run_service(request, lambda: services.condition_check(actor=request.user, condition=condition))
    return redirect("grants:agreement", pk=condition.tranche.agreement_id)


@require(permissions.can_manage_calls)
@require_POST
def tranche_request(request, pk):
    tranche = get_object_or_404(Tranche, pk=pk)
    run_service(
        request,
        lambda: services.tranche_request(actor=request.user, tranche=tranche),
        success=_("Payment requested; a finance officer approves it."),
    )
    return redirect("grants:agreement", pk=tranche.agreement_id)
