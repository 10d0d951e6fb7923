"""Coalitions and networks: the list (public ones for everyone, a person's own, all of them for
programme staff), a coalition's page with its members and joint actions, and the pages that start
or change one and add, re-role or record the leaving of its members. Every page works without
JavaScript."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.forms import posted, query_without_page
from core.permissions import require
from core.viewhelpers import run_service, submitted
from partnerships import permissions
from partnerships.forms.coalitions import (
    CoalitionForm,
    CoalitionSearchForm,
    CoalitionStartForm,
    MemberAddForm,
    MemberLeaveForm,
    MemberRoleForm,
)
from partnerships.models.coalitions import COALITION_FIELDS
from partnerships.selectors import coalitions as selectors
from partnerships.services import coalitions as services

PAGE_SIZE = 20


def coalition_list(request):
    form = CoalitionSearchForm(request.GET or None)
    chosen = form.cleaned_data if form.is_valid() else {}
    coalitions = selectors.coalitions_for_user(request.user, kind=chosen.get("kind", ""), q=chosen.get("q", ""))
    page = Paginator(coalitions, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "rows": selectors.list_rows(request.user, page.object_list),
        "query": query_without_page(request),
        "can_start": request.user.is_authenticated and permissions.can_start_some_coalition(request.user),
    }
    return render(request, "partnerships/coalition_list.html", context)


def coalition_detail(request, pk):
    coalition = selectors.coalition_for_user_or_404(request.user, pk)
    user = request.user
    can_manage = permissions.can_manage_coalition(user, coalition)
    roster = selectors.roster(user, coalition)
    context = {
        "coalition": coalition,
        "roster": roster,
        "initiatives": selectors.coalition_initiatives(user, coalition),
        "can_manage": can_manage,
        "may_leave": {
            m.pk
            for group in roster.current
            for m in group[1]
            if permissions.can_record_leaving(user, m, manages_coalition=can_manage)
        },
        "staff": permissions.is_staff(user),
    }
    return render(request, "partnerships/coalition_detail.html", context)


@require(permissions.can_start_some_coalition)
def coalition_start(request):
    form = CoalitionStartForm(posted(request), user=request.user)
    if submitted(request, form):
        data = {name: form.cleaned_data[name] for name in COALITION_FIELDS}
        outcome = run_service(
            request,
            lambda: services.coalition_create(
                actor=request.user,
                data=data,
                centre=form.cleaned_data.get("centre"),
                lead=form.cleaned_data.get("lead"),
            ),
            form=form,
            success=_("The coalition is started."),
        )
        if outcome:
            return redirect(outcome.value)
    return render(request, "partnerships/coalition_form.html", {"form": form, "coalition": None})


@login_required
def coalition_edit(request, pk):
    coalition = selectors.coalition_for_user_or_404(request.user, pk, may=permissions.can_manage_coalition)
    form = CoalitionForm(posted(request), instance=coalition)
    if submitted(request, form):
        data = {name: form.cleaned_data[name] for name in COALITION_FIELDS}
        if run_service(
            request,
            lambda: services.coalition_update(actor=request.user, coalition=coalition, data=data),
            form=form,
            success=_("The coalition is saved."),
        ):
            return redirect(coalition)
    return render(request, "partnerships/coalition_form.html", {"form": form, "coalition": coalition})


@login_required
def member_add(request, pk):
    coalition = selectors.coalition_for_user_or_404(request.user, pk, may=permissions.can_manage_coalition)
    form = MemberAddForm(posted(request), user=request.user)
    if submitted(request, form):
        data = form.cleaned_data
        if run_service(
            request,
            lambda: services.member_add(
                actor=request.user,
                coalition=coalition,
                organization=data["organization"],
                partner=data["partner"],
                role=data["role"],
                joined_on=data["joined_on"],
            ),
            form=form,
            success=_("The member is added."),
        ):
            return redirect(coalition)
    return render(request, "partnerships/coalition_member_add.html", {"form": form, "coalition": coalition})


@login_required
def member_role(request, pk, member_pk):
    coalition = selectors.coalition_for_user_or_404(request.user, pk, may=permissions.can_manage_coalition)
    member = selectors.member_of_or_404(coalition, member_pk)
    form = MemberRoleForm(posted(request), initial={"role": member.role})
    if submitted(request, form) and run_service(
        request,
        lambda: services.member_role_change(actor=request.user, member=member, role=form.cleaned_data["role"]),
        form=form,
        success=_("The role is changed."),
    ):
        return redirect(coalition)
    context = {"form": form, "coalition": coalition, "member": member, "step": "role"}
    return render(request, "partnerships/coalition_member_form.html", context)


@login_required
def member_leave(request, pk, member_pk):
    coalition = selectors.coalition_for_user_or_404(request.user, pk)
    member = selectors.member_of_or_404(coalition, member_pk)
    if not permissions.can_record_leaving(request.user, member):
        raise PermissionDenied
    form = MemberLeaveForm(posted(request))
    if submitted(request, form) and run_service(
        request,
        lambda: services.member_leave(actor=request.user, member=member, left_on=form.cleaned_data["left_on"]),
        form=form,
        success=_("The leaving is recorded."),
    ):
        # A CSO that left a private coalition no longer sees it: its admin goes back to the list.
        still_seen = selectors.coalitions_for_user(request.user).filter(pk=coalition.pk).exists()
        return redirect(coalition if still_seen else "partnerships:coalition_list")
    context = {"form": form, "coalition": coalition, "member": member, "step": "leave"}
    return render(request, "partnerships/coalition_member_form.html", context)
