from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import freshness
from core.forms import posted, query_without_page
from core.pagecache import public_page
from core.permissions import require
from core.viewhelpers import run_service, submitted
from organizations import permissions, profile_sections, selectors, services
from organizations.forms import (
    AssessmentScoresForm,
    AssessmentStartForm,
    DirectoryFilterForm,
    DocumentForm,
    IndicatorsForm,
    InviteForm,
    LeadershipForm,
    MembershipRoleForm,
    OrganizationForm,
    PublicDirectoryFilterForm,
    VerifyForm,
)
from organizations.leadership import history
from organizations.models import (
    CURRENT_ORGANIZATION_SESSION_KEY,
    Assessment,
    Invitation,
    InvitationStatus,
    LeadershipMember,
    Membership,
)
from organizations.workflows import VERIFICATION

PAGE_SIZE = 25
EXPIRY_WARNING_DAYS = 30


# --- Directory ------------------------------------------------------------------------------------


@require(permissions.can_browse_directory)
def directory(request):
    form = DirectoryFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = Paginator(selectors.directory(filters=filters), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "query": query_without_page(request)}
    return render(request, "organizations/directory.html", context)


@public_page
def public_directory(request):
    form = PublicDirectoryFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    organizations = selectors.public_directory(q=filters.get("q", ""), governorate=filters.get("governorate", ""))
    page = Paginator(organizations, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "organizations/public_directory.html",
        {"form": form, "page": page, "query": query_without_page(request)},
    )


def public_profile(request, pk):
    organization = selectors.published_organization_or_404(pk)
    return render(request, "organizations/public_profile.html", {"organization": organization})


@require(permissions.can_view_indicators)
def indicators(request):
    form = IndicatorsForm(request.GET or None)
    at, verified_only = None, False
    if form.is_valid():
        at, verified_only = form.cleaned_data["at"], form.cleaned_data["verified_only"]
    # The same figures for everyone who may see them: kept until the data changes (core.freshness).
    data, by_status = freshness.cached_today(
        request,
        "organizations.indicators",
        (at, verified_only),
        lambda: (
            selectors.leadership_indicators(at=at, verified_only=verified_only),
            selectors.counts_by_verification(),
        ),
    )
    return render(request, "organizations/indicators.html", {"form": form, "data": data, "by_status": by_status})


# --- Registering and editing ----------------------------------------------------------------------


@login_required
def register(request):
    form = OrganizationForm(posted(request), request.FILES or None)
    if submitted(request, form):
        done = run_service(
            request,
            lambda: services.organization_register(actor=request.user, data=form.cleaned_data),
            form=form,
            success=_("The organisation is registered. Centre staff will verify it."),
        )
        if done:
            services.current_organization_set(request=request, organization=done.value)
            return redirect("organizations:detail", pk=done.value.pk)
    return render(request, "organizations/form.html", {"form": form, "creating": True})


@login_required
def edit(request, pk):
    organization = selectors.organization_for_user_or_404(request.user, pk, may=permissions.can_edit_organization)
    form = OrganizationForm(posted(request), request.FILES or None, instance=organization)
    if submitted(request, form):
        done = run_service(
            request,
            lambda: services.organization_update(actor=request.user, organization=organization, data=form.cleaned_data),
            form=form,
            success=_("The profile has been saved."),
        )
        if done:
            return redirect("organizations:detail", pk=organization.pk)
    return render(request, "organizations/form.html", {"form": form, "organization": organization})


@login_required
def detail(request, pk):
    organization = selectors.organization_for_user_or_404(request.user, pk)
    user = request.user
    today = timezone.localdate()
    leadership = list(organization.leadership.all())
    documents = list(organization.documents.all()) if permissions.can_view_documents(user, organization) else []
    for document in documents:
        document.expiring = (  # type: ignore[attr-defined]  # shown by the template
            document.expires_on is not None and (document.expires_on - today).days <= EXPIRY_WARNING_DAYS
        )
        document.expired = document.expires_on is not None and document.expires_on < today  # type: ignore[attr-defined]
    assessments = selectors.assessments_with_scores(organization)
    context = {
        "organization": organization,
        "leadership": leadership,
        "current_leadership": [m for m in leadership if m.serves_on(today)],
        "leadership_history": history(leadership, today),
        "documents": documents,
        "assessments": assessments,
        "assessment_chart": profile_sections.assessment_chart(assessments),
        "memberships": organization.memberships.all(),
        "pending_invitations": organization.invitations.filter(status=InvitationStatus.PENDING)
        if permissions.can_manage_team(user, organization)
        else [],
        "can_edit": permissions.can_edit_organization(user, organization),
        "can_manage_team": permissions.can_manage_team(user, organization),
        "can_verify": bool(VERIFICATION.actions_for(organization, user)),
        "can_assess": permissions.can_assess_organization(user, organization),
        "my_membership": next((m for m in organization.memberships.all() if m.user_id == user.pk), None),
        "sections": profile_sections.sections_for(request, organization),
        "invite_form": InviteForm(),
        "today": today,
    }
    return render(request, "organizations/detail.html", context)


@login_required
@require_POST
def switch(request, pk):
    organization = get_object_or_404(selectors.organizations_of(request.user), pk=pk)
    services.current_organization_set(request=request, organization=organization)
    return redirect("organizations:detail", pk=organization.pk)


# --- Leadership -----------------------------------------------------------------------------------


def _editable_organization(request, pk):
    return selectors.organization_for_user_or_404(request.user, pk, may=permissions.can_edit_organization)


@login_required
def leadership_edit(request, pk, member_pk=None):
    organization = _editable_organization(request, pk)
    member = (
        get_object_or_404(LeadershipMember, pk=member_pk, organization=organization)
        if member_pk
        else LeadershipMember()
    )
    form = LeadershipForm(posted(request), instance=member)
    if submitted(request, form):
        done = run_service(
            request,
            lambda: services.leadership_save(
                actor=request.user, organization=organization, member=member, data=form.cleaned_data
            ),
            form=form,
            success=_("The leadership has been updated."),
        )
        if done:
            return redirect("organizations:detail", pk=organization.pk)
    return render(
        request, "organizations/leadership_form.html", {"form": form, "organization": organization, "member": member}
    )


@login_required
@require_POST
def leadership_delete(request, pk, member_pk):
    organization = _editable_organization(request, pk)
    member = get_object_or_404(LeadershipMember, pk=member_pk, organization=organization)
    run_service(
        request,
        lambda: services.leadership_delete(actor=request.user, member=member),
        success=_("The position has been removed."),
    )
    return redirect("organizations:detail", pk=organization.pk)


# --- Team -----------------------------------------------------------------------------------------


def _team_organization(request, pk):
    return selectors.organization_for_user_or_404(request.user, pk, may=permissions.can_manage_team)


@login_required
@require_POST
def invite(request, pk):
    organization = _team_organization(request, pk)
    form = InviteForm(request.POST)
    if submitted(request, form):
        done = run_service(
            request,
            lambda: services.invitation_create(
                actor=request.user,
                organization=organization,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
            ),
            form=form,
            success=lambda invitation: _("An invitation has been sent to %(email)s.") % {"email": invitation.email},
        )
        if done:
            return redirect("organizations:detail", pk=organization.pk)
    return render(request, "organizations/invite.html", {"form": form, "organization": organization})


@login_required
@require_POST
def invitation_revoke(request, pk, invitation_pk):
    organization = _team_organization(request, pk)
    invitation = get_object_or_404(Invitation, pk=invitation_pk, organization=organization)
    run_service(
        request,
        lambda: services.invitation_revoke(actor=request.user, invitation=invitation),
        success=_("The invitation has been withdrawn."),
    )
    return redirect("organizations:detail", pk=organization.pk)


def invitation(request, token):
    """The link in the invitation e-mail: shows the invitation, and accepts it for a signed-in person."""
    error, invitation_obj = None, None
    try:
        invitation_obj = services.invitation_from_token(token)
    except ValidationError as refusal:
        error = refusal.messages[0]
    if request.method == "POST" and invitation_obj is not None:
        if not request.user.is_authenticated:
            return redirect(f"{request.path}")
        done = run_service(
            request,
            lambda: services.invitation_accept(user=request.user, token=token),
            success=lambda membership: _("Welcome to the team of %(name)s.") % {"name": membership.organization.name},
        )
        if done:
            services.current_organization_set(request=request, organization=done.value.organization)
            return redirect("organizations:detail", pk=done.value.organization_id)
    status = 410 if error and invitation_obj is None else 200
    return render(
        request, "organizations/invitation.html", {"invitation": invitation_obj, "error": error}, status=status
    )


@login_required
@require_POST
def membership_role(request, pk, membership_pk):
    organization = _team_organization(request, pk)
    membership = get_object_or_404(Membership, pk=membership_pk, organization=organization)
    form = MembershipRoleForm(request.POST)
    if submitted(request, form):
        run_service(
            request,
            lambda: services.membership_set_role(
                actor=request.user, membership=membership, role=form.cleaned_data["role"]
            ),
            success=_("The role has been changed."),
        )
    return redirect("organizations:detail", pk=organization.pk)


@login_required
@require_POST
def membership_remove(request, pk, membership_pk):
    organization = selectors.organization_for_user_or_404(request.user, pk)
    membership = get_object_or_404(Membership, pk=membership_pk, organization=organization)
    leaving = membership.user_id == request.user.pk
    done = run_service(
        request,
        lambda: services.membership_remove(actor=request.user, membership=membership),
        success=_("You have left %(name)s.") % {"name": organization.name}
        if leaving
        else _("%(name)s has been removed from the team.") % {"name": membership.user},
    )
    if done and leaving:
        request.session.pop(CURRENT_ORGANIZATION_SESSION_KEY, None)
        return redirect("core:dashboard")
    return redirect("organizations:detail", pk=organization.pk)


# --- Documents ------------------------------------------------------------------------------------


@login_required
def document_add(request, pk):
    organization = _editable_organization(request, pk)
    form = DocumentForm(posted(request), request.FILES or None)
    if submitted(request, form):
        done = run_service(
            request,
            lambda: services.document_add(actor=request.user, organization=organization, data=form.cleaned_data),
            form=form,
            success=_("The document has been added."),
        )
        if done:
            return redirect("organizations:detail", pk=organization.pk)
    return render(request, "organizations/document_form.html", {"form": form, "organization": organization})


@login_required
@require_POST
def document_delete(request, pk, document_pk):
    organization = _editable_organization(request, pk)
    document = get_object_or_404(organization.documents, pk=document_pk)
    run_service(
        request,
        lambda: services.document_delete(actor=request.user, document=document),
        success=_("The document has been deleted."),
    )
    return redirect("organizations:detail", pk=organization.pk)


# --- Verification ---------------------------------------------------------------------------------


@login_required
def verify(request, pk):
    organization = selectors.organization_for_user_or_404(request.user, pk, may=permissions.can_verify_organization)
    form = VerifyForm(posted(request), initial={"reason": organization.verification_reason})
    if submitted(request, form):
        done = run_service(
            request,
            lambda: services.organization_verify(
                actor=request.user,
                organization=organization,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
            ),
            form=form,
            success=_("The verification decision has been recorded."),
        )
        if done:
            return redirect("organizations:detail", pk=organization.pk)
    return render(request, "organizations/verify.html", {"form": form, "organization": organization})


# --- Capacity assessments -------------------------------------------------------------------------


@login_required
def assessment_start(request, pk):
    organization = selectors.organization_for_user_or_404(request.user, pk, may=permissions.can_assess_organization)
    form = AssessmentStartForm(posted(request))
    if submitted(request, form):
        done = run_service(
            request,
            lambda: services.assessment_create(actor=request.user, organization=organization, data=form.cleaned_data),
            form=form,
        )
        if done:
            return redirect("organizations:assessment", pk=organization.pk, assessment_pk=done.value.pk)
    return render(request, "organizations/assessment_start.html", {"form": form, "organization": organization})


@login_required
def assessment(request, pk, assessment_pk):
    organization = selectors.organization_for_user_or_404(request.user, pk)
    assessment_obj = get_object_or_404(
        Assessment.objects.select_related("template").prefetch_related("scores__indicator__dimension"),
        pk=assessment_pk,
        organization=organization,
    )
    can_assess = permissions.can_assess_organization(request.user, organization) and not assessment_obj.is_final
    if request.method == "POST" and not can_assess:
        raise PermissionDenied
    form = AssessmentScoresForm(posted(request), assessment=assessment_obj)
    if submitted(request, form):
        done = run_service(
            request,
            lambda: services.assessment_save(
                actor=request.user,
                assessment=assessment_obj,
                scores=form.scores(),
                notes=form.cleaned_data["notes"],
                finalize=form.cleaned_data["finalize"],
            ),
            form=form,
            success=_("The assessment has been saved."),
        )
        if done:
            return redirect("organizations:assessment", pk=organization.pk, assessment_pk=assessment_obj.pk)
    groups = profile_sections.group_scores_by_dimension(form, assessment_obj)
    return render(
        request,
        "organizations/assessment.html",
        {
            "organization": organization,
            "assessment": assessment_obj,
            "form": form,
            "groups": groups,
            "can_assess": can_assess,
            "averages": selectors.dimension_averages(assessment_obj),
        },
    )
