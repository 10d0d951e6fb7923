"""The pages that follow a published initiative: paper signatures entered by centre staff, the
targets, deliveries, responses and outcomes, and the public check of a signature list."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.forms import posted
from core.viewhelpers import run_service, submitted
from organizations.models import Organization
from partnerships import permissions
from partnerships.forms.initiatives import (
    DeliveryForm,
    OutcomeForm,
    PaperSignatureForm,
    ResponseForm,
    TargetForm,
    VerifyForm,
)
from partnerships.models import AdvocacyTarget, Initiative, InitiativeStatus, SignatureSheet
from partnerships.selectors import initiatives as selectors
from partnerships.services import initiative_advocacy as services
from partnerships.services import initiatives as signing

FORM_PAGE = "partnerships/initiatives_record.html"


def _back(initiative: Initiative, anchor: str = "targets"):
    return redirect(f"{initiative.get_absolute_url()}#{anchor}")


def _files(request):
    return request.FILES if request.method == "POST" else None


@login_required
def initiative_paper(request, pk):
    initiative = selectors.initiative_for_user_or_404(request.user, pk)
    if not permissions.can_enter_paper_signature(request.user, initiative):
        raise PermissionDenied
    organizations = Organization.objects.filter(nearest_centre=initiative.centre_id).order_by("name", "pk")
    form = PaperSignatureForm(posted(request), _files(request), organizations=organizations)
    if submitted(request, form):
        data = form.cleaned_data
        done = run_service(
            request,
            lambda: signing.paper_signature_add(
                actor=request.user,
                initiative=initiative,
                organization=data["organization"],
                organization_name=data["organization_name"],
                signatory_name=data["signatory_name"],
                signed_on=data["signed_on"],
                proof=data["proof"],
            ),
            form=form,
            success=_("The paper signature is entered; it is counted apart from those given online."),
        )
        if done:
            return _back(initiative, "signatures")
    context = {
        "form": form,
        "initiative": initiative,
        "title": _("Enter a paper signature"),
        "multipart": True,
        "note": _("Attach the scanned page with the signature (PDF, PNG or JPEG)."),
    }
    return render(request, FORM_PAGE, context)


def _recording(request, initiative: Initiative) -> None:
    if not permissions.can_record_advocacy(request.user, initiative):
        raise PermissionDenied


@login_required
def initiative_target_new(request, pk):
    initiative = selectors.initiative_for_user_or_404(request.user, pk)
    _recording(request, initiative)
    form = TargetForm(posted(request))
    if submitted(request, form):
        done = run_service(
            request,
            lambda: services.target_add(actor=request.user, initiative=initiative, **form.cleaned_data),
            form=form,
            success=_("The target is added."),
        )
        if done:
            return _back(initiative)
    context = {"form": form, "initiative": initiative, "title": _("Add a target")}
    return render(request, FORM_PAGE, context)


def _target(request, pk) -> AdvocacyTarget:
    target = selectors.target_for_user_or_404(request.user, pk)
    _recording(request, target.initiative)
    return target


@login_required
def initiative_delivery_new(request, pk):
    target = _target(request, pk)
    initiative = target.initiative
    form = DeliveryForm(posted(request))
    if submitted(request, form):
        done = run_service(
            request,
            lambda: services.delivery_record(actor=request.user, target=target, **form.cleaned_data),
            form=form,
            success=_("The delivery is recorded."),
        )
        if done:
            return _back(initiative)
    context = {
        "form": form,
        "initiative": initiative,
        "target": target,
        "title": _("Record a delivery"),
        "note": _("Recording the first delivery closes the signatures: the list handed over is final.")
        if initiative.status == InitiativeStatus.PUBLISHED
        else "",
    }
    return render(request, FORM_PAGE, context)


@login_required
def initiative_response_new(request, pk):
    target = _target(request, pk)
    form = ResponseForm(posted(request), _files(request))
    if submitted(request, form):
        done = run_service(
            request,
            lambda: services.response_record(actor=request.user, target=target, **form.cleaned_data),
            form=form,
            success=_("The response is recorded."),
        )
        if done:
            return _back(target.initiative)
    context = {
        "form": form,
        "initiative": target.initiative,
        "target": target,
        "title": _("Record a response"),
        "multipart": True,
    }
    return render(request, FORM_PAGE, context)


@login_required
def initiative_outcome_new(request, pk):
    target = _target(request, pk)
    form = OutcomeForm(posted(request), _files(request))
    if submitted(request, form):
        done = run_service(
            request,
            lambda: services.outcome_record(actor=request.user, target=target, **form.cleaned_data),
            form=form,
            success=_("The outcome is recorded."),
        )
        if done:
            return _back(target.initiative)
    context = {
        "form": form,
        "initiative": target.initiative,
        "target": target,
        "title": _("Record an outcome"),
        "multipart": True,
        "note": _("Give the evidence: a link to a public source, or a file (minutes, a letter, a decree)."),
    }
    return render(request, FORM_PAGE, context)


def initiative_verify(request):
    """The public check of a signature list: its PDF (the SHA-256 of the bytes must be one we
    issued) or the code printed on it (the list we issued is shown, to compare with a printed copy)."""
    data = request.POST if request.method == "POST" else (request.GET or None)
    form = VerifyForm(data, request.FILES if request.method == "POST" else None)
    result: dict[str, Any] | None = None
    if form.is_bound and form.is_valid():
        digest = form.file_sha256()
        if digest is not None:
            result = {"by": "file", "sheet": selectors.sheet_by_sha256(digest)}
        else:
            result = {"by": "code", "sheet": selectors.sheet_by_code(form.cleaned_data["code"])}
        sheet: SignatureSheet | None = result["sheet"]
        if sheet is not None:
            rows = sheet.signatories or []
            result["online"] = [r for r in rows if r.get("kind") == "online"]
            result["paper"] = [r for r in rows if r.get("kind") == "paper"]
            result["visible"] = sheet.initiative.is_public
    return render(
        request,
        "partnerships/initiatives_verify.html",
        {"form": form, "result": result, "code": form.data.get("code", "") if form.is_bound else ""},
    )
