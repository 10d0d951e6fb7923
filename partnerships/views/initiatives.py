"""The joint initiatives' pages: the list, an initiative's page (the same page for visitors, who see
its text and signatories), drafting with its versions, publishing, withdrawing a draft, and signing
for a CSO (or withdrawing the signature) while the window is open."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.forms import posted, query_without_page
from core.pagecache import public_page
from core.viewhelpers import run_service, submitted
from partnerships import permissions
from partnerships.forms.initiatives import InitiativeForm, PublishForm, ReasonForm, SignForm, VersionForm
from partnerships.models import Coalition, Initiative, InitiativeStatus
from partnerships.selectors import initiatives as selectors
from partnerships.services import initiatives as services
from partnerships.workflows import INITIATIVE

PAGE_SIZE = 20
FILTERS = {
    "open": Q(status=InitiativeStatus.PUBLISHED),
    "delivered": Q(status=InitiativeStatus.DELIVERED),
    "draft": Q(status=InitiativeStatus.DRAFT),
}


@public_page
def initiative_list(request):
    shown = request.GET.get("show", "")
    initiatives = selectors.initiatives_for_user(request.user)
    if shown in FILTERS:
        initiatives = initiatives.filter(FILTERS[shown])
    page = Paginator(initiatives, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "shown": shown,
        "query": query_without_page(request),
        "may_start": selectors.organizations_user_signs_for(request.user).exists(),
        "today": timezone.localdate(),
        # A members-only coalition is named to the partnership staff only (its members see it on
        # their coalition pages): nobody else learns that it exists.
        "names_private_coalitions": permissions.is_staff(request.user),
    }
    return render(request, "partnerships/initiatives_list.html", context)


def _signing(user, initiative: Initiative) -> dict | None:
    """The sign and withdraw forms for a CSO admin, while the window is open."""
    if not user.is_authenticated or not initiative.window_is_open():
        return None
    may_sign, signed = selectors.signing_choices(user, initiative)
    if not may_sign and not signed:
        return None
    return {
        "sign_form": SignForm(organizations=may_sign) if may_sign else None,
        "withdraw_form": SignForm(organizations=signed, label=_("Signature of")) if signed else None,
        "several": len(may_sign) > 1,
    }


def _page(request, initiative: Initiative, status: int = 200, **forms):
    user = request.user
    drafter = permissions.works_with_initiative(user, initiative)
    advocacy = permissions.can_see_advocacy(user, initiative)
    text = selectors.text_of(initiative)
    context = {
        "initiative": initiative,
        "show_coalition": initiative.coalition is not None
        and permissions.can_view_coalition(user, initiative.coalition),
        "text": text,
        "paragraphs": selectors.paragraphs(text.text if text else ""),
        "signatories": selectors.signatories(initiative),
        "window_open": initiative.window_is_open(),
        "today": timezone.localdate(),
        "signing": _signing(user, initiative),
        "actions": INITIATIVE.actions_for(initiative, user),
        "can_draft": permissions.can_draft_initiative(user, initiative),
        "versions": list(selectors.versions_of(initiative)[:5]) if drafter else [],
        "advocacy": advocacy,
        "targets": selectors.targets_of(initiative) if advocacy else [],
        "can_record": advocacy
        and permissions.can_record_advocacy(user, initiative)
        and initiative.status != InitiativeStatus.WITHDRAWN,
        "can_paper": initiative.status == InitiativeStatus.PUBLISHED
        and permissions.can_enter_paper_signature(user, initiative),
        "sees_proof": permissions.can_download_paper_proof(user, initiative),
        "can_issue": permissions.can_issue_signature_list(user, initiative),
        "sheets": list(selectors.sheets_of(initiative)[:5]) if drafter else [],
        "withdraw_form": forms.get("withdraw_form") or ReasonForm(),
    }
    return render(request, "partnerships/initiatives_detail.html", context, status=status)


def initiative_detail(request, pk):
    return _page(request, selectors.initiative_for_user_or_404(request.user, pk))


@login_required
def initiative_new(request):
    organizations = selectors.organizations_user_signs_for(request.user)
    if not organizations.exists():
        raise PermissionDenied
    coalitions = Coalition.objects.filter(
        members__organization__in=organizations, members__left_on__isnull=True
    ).distinct()
    form = InitiativeForm(posted(request), organizations=organizations, coalitions=coalitions)
    if submitted(request, form):
        done = run_service(
            request,
            lambda: services.initiative_create(actor=request.user, **form.cleaned_data),
            form=form,
            success=_("The draft is saved as version 1. Share it with your partners and publish it when it is ready."),
        )
        if done:
            return redirect(done.value)
    return render(request, "partnerships/initiatives_form.html", {"form": form})


@login_required
def initiative_edit(request, pk):
    """A new version of the draft's text (the earlier ones stay, unchanged)."""
    initiative = selectors.initiative_for_user_or_404(request.user, pk)
    if initiative.status != InitiativeStatus.DRAFT:
        messages.info(request, _("The text is frozen since its publication: it can no longer be changed."))
        return redirect(initiative)
    if not permissions.can_draft_initiative(request.user, initiative):
        raise PermissionDenied
    latest = selectors.latest_version(initiative)
    form = VersionForm(posted(request), initial={"title": initiative.title, "text": latest.text if latest else ""})
    if submitted(request, form):
        done = run_service(
            request,
            lambda: services.version_save(actor=request.user, initiative=initiative, **form.cleaned_data),
            form=form,
            success=lambda version: _("Saved as version %(number)s.") % {"number": version.number},
        )
        if done:
            return redirect(initiative)
    return render(
        request, "partnerships/initiatives_edit.html", {"form": form, "initiative": initiative, "latest": latest}
    )


@login_required
def initiative_versions(request, pk):
    initiative = selectors.initiative_for_user_or_404(request.user, pk)
    if not permissions.works_with_initiative(request.user, initiative):
        raise PermissionDenied
    context = {"initiative": initiative, "versions": selectors.versions_of(initiative)}
    return render(request, "partnerships/initiatives_versions.html", context)


@login_required
def initiative_publish(request, pk):
    initiative = selectors.initiative_for_user_or_404(request.user, pk)
    if not INITIATIVE.permits("publish", initiative, request.user):
        raise PermissionDenied
    today = timezone.localdate()
    form = PublishForm(posted(request), initial={"opens_on": today, "closes_on": today + dt.timedelta(days=30)})
    if submitted(request, form):
        done = run_service(
            request,
            lambda: services.initiative_publish(actor=request.user, initiative=initiative, **form.cleaned_data),
            form=form,
            success=_("Published: the text is frozen and CSOs can sign it in the window."),
        )
        if done:
            return redirect(initiative)
    latest = selectors.latest_version(initiative)
    return render(
        request, "partnerships/initiatives_publish.html", {"form": form, "initiative": initiative, "latest": latest}
    )


@login_required
@require_POST
def initiative_withdraw(request, pk):
    initiative = selectors.initiative_for_user_or_404(request.user, pk)
    if not INITIATIVE.permits("withdraw", initiative, request.user):
        raise PermissionDenied
    form = ReasonForm(request.POST)
    if submitted(request, form) and run_service(
        request,
        lambda: services.initiative_withdraw(actor=request.user, initiative=initiative, **form.cleaned_data),
        form=form,
        success=_("The draft is withdrawn."),
    ):
        return redirect(initiative)
    return _page(request, initiative, status=200, withdraw_form=form)


def _sign_form(request, initiative: Initiative) -> SignForm:
    """The posted CSO, among those the person may sign for (anyone else has nothing to sign: 403)."""
    mine = list(selectors.organizations_user_signs_for(request.user))
    if not mine:
        raise PermissionDenied
    return SignForm(request.POST, organizations=mine)


def _refused(request, form: SignForm) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, str(error))


@login_required
@require_POST
def initiative_sign(request, pk):
    initiative = selectors.initiative_for_user_or_404(request.user, pk)
    form = _sign_form(request, initiative)
    if not submitted(request, form):
        _refused(request, form)
        return redirect(initiative)
    organization = form.cleaned_data["organization"]
    run_service(
        request,
        lambda: services.sign(actor=request.user, initiative=initiative, organization=organization),
        success=_("%(organization)s has signed. Thank you.") % {"organization": organization},
    )
    return redirect(f"{initiative.get_absolute_url()}#signatures")


@login_required
@require_POST
def initiative_signature_withdraw(request, pk):
    initiative = selectors.initiative_for_user_or_404(request.user, pk)
    form = _sign_form(request, initiative)
    if not submitted(request, form):
        _refused(request, form)
        return redirect(initiative)
    organization = form.cleaned_data["organization"]
    run_service(
        request,
        lambda: services.signature_withdraw(actor=request.user, initiative=initiative, organization=organization),
        success=_("The signature of %(organization)s is withdrawn.") % {"organization": organization},
    )
    return redirect(f"{initiative.get_absolute_url()}#signatures")
