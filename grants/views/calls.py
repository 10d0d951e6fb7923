"""Pages of grant calls: the public list and page, the officers' list, form and page, publication,
clarifications, and the figures per call."""

from django.forms import BaseInlineFormSet
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.forms import posted
from core.pagecache import public_page
from core.permissions import require
from core.viewhelpers import run_service, submitted
from grants import permissions, selectors
from grants.forms.calls import (
    AttachmentFormSet,
    CallForm,
    ClarificationForm,
    CriteriaFormSet,
    EligibilityFormSet,
    QuestionFormSet,
)
from grants.models import CallStatus, Clarification, GrantCall
from grants.rules.calls import publication_problems
from grants.services import calls as services
from organizations.permissions import can_view_indicators
from organizations.selectors import organizations_of


@public_page
def public_calls(request):
    return render(request, "grants/public_calls.html", {"calls": list(selectors.public_calls())})


def public_call(request, code):
    call = selectors.call_with_parts(selectors.public_calls(), code=code)
    my_organizations = list(organizations_of(request.user)) if request.user.is_authenticated else []
    can_help = permissions.helps_organizations_apply(request.user)
    return render(
        request, "grants/public_call.html", {"call": call, "my_organizations": my_organizations, "can_help": can_help}
    )


@require(permissions.can_manage_calls)
def call_list(request):
    return render(request, "grants/call_list.html", {"calls": list(selectors.calls_for_officers())})


def _call_form(request, call=None):
    form = CallForm(posted(request), instance=call)
    formsets: list[BaseInlineFormSet] = [
        CriteriaFormSet(posted(request), instance=call or GrantCall(), prefix="criteria"),
        EligibilityFormSet(posted(request), instance=call or GrantCall(), prefix="eligibility"),
        AttachmentFormSet(posted(request), instance=call or GrantCall(), prefix="attachments"),
        QuestionFormSet(posted(request), instance=call or GrantCall(), prefix="questions"),
    ]
    if submitted(request, form, *formsets):
        done = run_service(
            request,
            lambda: services.call_save(actor=request.user, call=call, data=form.cleaned_data, formsets=formsets),
            form=form,
            success=_("The call has been saved."),
        )
        if done:
            return redirect("grants:call_detail", code=done.value.code)
    return render(request, "grants/call_form.html", {"form": form, "formsets": formsets, "call": call})


@require(permissions.can_manage_calls)
def call_create(request):
    return _call_form(request)


@require(permissions.can_manage_calls)
def call_edit(request, code):
    return _call_form(request, get_object_or_404(GrantCall, code=code))


@require(permissions.can_manage_calls)
def call_detail(request, code):
    call = selectors.call_with_parts(GrantCall.objects.all(), code=code)
    return render(
        request,
        "grants/call_detail.html",
        {
            "call": call,
            "problems": publication_problems(call) if call.status == CallStatus.DRAFT else [],
            "faq_form": ClarificationForm(),
            "CallStatus": CallStatus,
        },
    )


@require(permissions.can_manage_calls)
@require_POST
def call_publish(request, code):
    call = get_object_or_404(GrantCall, code=code)
    run_service(
        request, lambda: services.call_publish(actor=request.user, call=call), success=_("The call is published.")
    )
    return redirect("grants:call_detail", code=call.code)


@require(permissions.can_manage_calls)
def clarification_add(request, code):
    call = selectors.call_with_parts(GrantCall.objects.all(), code=code)
    form = ClarificationForm(posted(request))
    if submitted(request, form) and run_service(
        request,
        lambda: services.clarification_add(actor=request.user, call=call, data=form.cleaned_data),
        form=form,
        success=_("The clarification is published."),
    ):
        return redirect("grants:call_detail", code=call.code)
    problems = publication_problems(call) if call.status == CallStatus.DRAFT else []
    context = {"call": call, "problems": problems, "faq_form": form, "CallStatus": CallStatus}
    return render(request, "grants/call_detail.html", context)


@require(permissions.can_manage_calls)
@require_POST
def clarification_delete(request, code, pk):
    clarification = get_object_or_404(Clarification, pk=pk, call__code=code)
    run_service(
        request,
        lambda: services.clarification_delete(actor=request.user, clarification=clarification),
        success=_("The clarification is removed."),
    )
    return redirect("grants:call_detail", code=code)


@require(can_view_indicators)
def grant_figures(request):
    return render(request, "grants/figures.html", {"figures": selectors.grant_figures()})
