from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.permissions import require
from grants import permissions, selectors, services
from grants.forms import AttachmentFormSet, CallForm, ClarificationForm, CriteriaFormSet, EligibilityFormSet
from grants.models import Clarification, GrantCall


def _posted(request):
    return request.POST if request.method == "POST" else None


def public_calls(request):
    return render(request, "grants/public_calls.html", {"calls": list(selectors.public_calls())})


def public_call(request, code):
    call = selectors.call_with_parts(selectors.public_calls(), code=code)
    return render(request, "grants/public_call.html", {"call": call})


@require(permissions.can_manage_calls)
def call_list(request):
    return render(request, "grants/call_list.html", {"calls": list(selectors.calls_for_officers())})


def _call_form(request, call=None):
    form = CallForm(_posted(request), instance=call)
    formsets = [
        CriteriaFormSet(_posted(request), instance=call or GrantCall(), prefix="criteria"),
        EligibilityFormSet(_posted(request), instance=call or GrantCall(), prefix="eligibility"),
        AttachmentFormSet(_posted(request), instance=call or GrantCall(), prefix="attachments"),
    ]
    if request.method == "POST" and form.is_valid() and all(f.is_valid() for f in formsets):
        try:
            saved = services.call_save(actor=request.user, call=call, data=form.cleaned_data, formsets=formsets)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
        else:
            messages.success(request, _("The call has been saved."))
            return redirect("grants:call_detail", code=saved.code)
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
            "problems": services.publication_problems(call) if call.status == "draft" else [],
            "faq_form": ClarificationForm(),
        },
    )


@require(permissions.can_manage_calls)
@require_POST
def call_publish(request, code):
    call = get_object_or_404(GrantCall, code=code)
    try:
        services.call_publish(actor=request.user, call=call)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The call is published."))
    return redirect("grants:call_detail", code=call.code)


@require(permissions.can_manage_calls)
def clarification_add(request, code):
    call = selectors.call_with_parts(GrantCall.objects.all(), code=code)
    form = ClarificationForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        services.clarification_add(actor=request.user, call=call, data=form.cleaned_data)
        messages.success(request, _("The clarification is published."))
        return redirect("grants:call_detail", code=call.code)
    problems = services.publication_problems(call) if call.status == "draft" else []
    return render(request, "grants/call_detail.html", {"call": call, "problems": problems, "faq_form": form})


@require(permissions.can_manage_calls)
@require_POST
def clarification_delete(request, code, pk):
    clarification = get_object_or_404(Clarification, pk=pk, call__code=code)
    services.clarification_delete(actor=request.user, clarification=clarification)
    messages.success(request, _("The clarification is removed."))
    return redirect("grants:call_detail", code=code)
