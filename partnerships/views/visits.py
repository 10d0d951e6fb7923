"""The exchange-visit pages: the list, a visit (its event, host, visiting CSOs and their follow-ups,
itinerary, practices and participants), its forms, and each staff member's follow-ups. Thin views:
the selectors fetch and authorise, the services write."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.forms import posted, query_without_page
from core.permissions import require
from core.viewhelpers import run_service, submitted
from partnerships import permissions
from partnerships.forms.visits import (
    AssignForm,
    FollowUpFilterForm,
    FollowUpForm,
    ItineraryForm,
    PracticeForm,
    VisitForm,
    VisitorForm,
)
from partnerships.models import ExchangeVisit
from partnerships.selectors import visits as selectors
from partnerships.services import visits as services

PAGE_SIZE = 25


@require(permissions.is_staff)
def visit_list(request):
    page = Paginator(selectors.visits_for_list(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "partnerships/visits_list.html",
        {"page": page, "can_create": permissions.is_manager(request.user), "today": timezone.localdate()},
    )


def _visit_context(request, visit: ExchangeVisit) -> dict[str, Any]:
    user = request.user
    first, last = selectors.visit_dates(visit.event)
    people = selectors.participants_part(visit, user)
    staff, at_centre = permissions.is_staff(user), permissions.works_at(user, visit.event.centre)
    host_partner = visit.host_partner
    visitors = [
        {
            "visiting": v,
            "sent": people["sent"].get(v.organization_id, 0),
            "can_record": permissions.can_record_follow_up(user, v, at_centre=at_centre),
            # Another CSO's follow-up is for programme staff and that CSO's own members.
            "shows_follow_up": staff or permissions.is_cso_member(user, v.organization),
            "is_due": v.is_due(),
        }
        for v in visit.visitors.all()
    ]
    return {
        "visit": visit,
        "event": visit.event,
        "first_day": first,
        "last_day": last,
        "visitors": visitors,
        "itinerary": selectors.itinerary_by_session(visit),
        "practices": selectors.practices_of(visit, user, get_language()),
        "can_manage": permissions.can_manage_visit(user, visit),
        # A partner not marked public is named to programme staff only (its page answers 404 to others).
        "shows_host_partner": host_partner is not None and permissions.can_view_partner(user, host_partner),
        **people,
    }


@login_required
def visit_detail(request, pk):
    visit = selectors.visit_for_user_or_404(request.user, pk)
    return render(request, "partnerships/visits_detail.html", _visit_context(request, visit))


def _visit_data(form) -> dict[str, Any]:
    return {name: form.cleaned_data.get(name) for name in services.VISIT_FIELDS}


@require(permissions.is_manager)
def visit_create(request):
    events = selectors.exchange_events_without_visit(request.user)
    initial = {"event": request.GET.get("event")} if str(request.GET.get("event", "")).isdigit() else {}
    form = VisitForm(
        posted(request),
        initial=initial,
        events=events,
        partners=selectors.host_partners(),
        organizations=selectors.programme_csos(),
    )
    if submitted(request, form):
        done = run_service(
            request,
            lambda: services.visit_create(actor=request.user, event=form.cleaned_data["event"], data=_visit_data(form)),
            form=form,
            success=_("The exchange visit is recorded. Add the visiting CSOs, the itinerary and the practices."),
        )
        if done:
            return redirect("partnerships:visit_detail", pk=done.value.pk)
    return render(
        request, "partnerships/visits_form.html", {"form": form, "visit": None, "has_events": events.exists()}
    )


@login_required
def visit_edit(request, pk):
    visit = selectors.visit_for_user_or_404(request.user, pk, may=permissions.can_manage_visit)
    initial = {name: getattr(visit, name) for name in services.VISIT_FIELDS}
    form = VisitForm(
        posted(request), initial=initial, partners=selectors.host_partners(), organizations=selectors.programme_csos()
    )
    if submitted(request, form):
        done = run_service(
            request,
            lambda: services.visit_update(actor=request.user, visit=visit, data=_visit_data(form)),
            form=form,
            success=_("Saved."),
        )
        if done:
            return redirect("partnerships:visit_detail", pk=visit.pk)
    return render(request, "partnerships/visits_form.html", {"form": form, "visit": visit, "has_events": True})


@login_required
def visitor_add(request, pk):
    visit = selectors.visit_for_user_or_404(request.user, pk, may=permissions.can_manage_visit)
    taken = [v.organization_id for v in visit.visitors.all()]
    form = VisitorForm(
        posted(request),
        organizations=selectors.programme_csos().exclude(pk__in=[*taken, visit.host_organization_id or 0]),
        assignees=selectors.assignees_for(visit.event.centre, request.user),
    )
    if submitted(request, form):
        done = run_service(
            request,
            lambda: services.visitor_add(
                actor=request.user,
                visit=visit,
                organization=form.cleaned_data["organization"],
                assigned_to=form.cleaned_data.get("assigned_to"),
            ),
            form=form,
            success=_("The CSO is among the visitors; its follow-up is due 90 days after the visit."),
        )
        if done:
            return redirect("partnerships:visit_detail", pk=visit.pk)
    return render(request, "partnerships/visits_visitor_form.html", {"form": form, "visit": visit, "visiting": None})


@login_required
def visitor_assign(request, pk, visitor_pk):
    visit = selectors.visit_for_user_or_404(request.user, pk, may=permissions.can_manage_visit)
    visiting = selectors.visitor_of(visit, visitor_pk)
    form = AssignForm(
        posted(request),
        initial={"assigned_to": visiting.assigned_to_id},
        assignees=selectors.assignees_for(visit.event.centre, request.user),
    )
    if submitted(request, form):
        done = run_service(
            request,
            lambda: services.visitor_assign(
                actor=request.user, visiting=visiting, assigned_to=form.cleaned_data["assigned_to"]
            ),
            form=form,
            success=_("The follow-up is given to its new owner."),
        )
        if done:
            return redirect("partnerships:visit_detail", pk=visit.pk)
    context = {"form": form, "visit": visit, "visiting": visiting}
    return render(request, "partnerships/visits_visitor_form.html", context)


@login_required
@require_POST
def visitor_remove(request, pk, visitor_pk):
    visit = selectors.visit_for_user_or_404(request.user, pk, may=permissions.can_manage_visit)
    visiting = selectors.visitor_of(visit, visitor_pk)
    run_service(
        request,
        lambda: services.visitor_remove(actor=request.user, visiting=visiting),
        success=_("The CSO is no longer among the visitors."),
    )
    return redirect("partnerships:visit_detail", pk=visit.pk)


def _itinerary_page(request, visit: ExchangeVisit, item=None):
    initial = (
        {"session": item.session_id, "place": item.place, "activity": item.activity, "hosted_by": item.hosted_by}
        if item
        else {}
    )
    form = ItineraryForm(posted(request), initial=initial, sessions=visit.event.sessions.order_by("date", "start_time"))
    if submitted(request, form):
        done = run_service(
            request,
            lambda: services.itinerary_save(actor=request.user, visit=visit, item=item, data=form.cleaned_data),
            form=form,
            success=_("The itinerary is saved."),
        )
        if done:
            return redirect("partnerships:visit_detail", pk=visit.pk)
    return render(request, "partnerships/visits_itinerary_form.html", {"form": form, "visit": visit, "item": item})


@login_required
def itinerary_add(request, pk):
    return _itinerary_page(request, selectors.visit_for_user_or_404(request.user, pk, may=permissions.can_manage_visit))


@login_required
def itinerary_edit(request, pk, item_pk):
    visit = selectors.visit_for_user_or_404(request.user, pk, may=permissions.can_manage_visit)
    return _itinerary_page(request, visit, selectors.itinerary_item_of(visit, item_pk))


@login_required
@require_POST
def itinerary_remove(request, pk, item_pk):
    visit = selectors.visit_for_user_or_404(request.user, pk, may=permissions.can_manage_visit)
    item = selectors.itinerary_item_of(visit, item_pk)
    run_service(
        request,
        lambda: services.itinerary_remove(actor=request.user, item=item),
        success=_("The stop is taken off the itinerary."),
    )
    return redirect("partnerships:visit_detail", pk=visit.pk)


def _practice_page(request, visit: ExchangeVisit, practice=None):
    initial = (
        {"title": practice.title, "description": practice.description, "entry": practice.entry_id} if practice else {}
    )
    form = PracticeForm(posted(request), initial=initial, entries=selectors.readable_published_entries(request.user))
    if submitted(request, form):
        done = run_service(
            request,
            lambda: services.practice_save(actor=request.user, visit=visit, practice=practice, data=form.cleaned_data),
            form=form,
            success=_("The practice is saved."),
        )
        if done:
            return redirect("partnerships:visit_detail", pk=visit.pk)
    context = {"form": form, "visit": visit, "practice": practice}
    return render(request, "partnerships/visits_practice_form.html", context)


@login_required
def practice_add(request, pk):
    return _practice_page(request, selectors.visit_for_user_or_404(request.user, pk, may=permissions.can_manage_visit))


@login_required
def practice_edit(request, pk, practice_pk):
    visit = selectors.visit_for_user_or_404(request.user, pk, may=permissions.can_manage_visit)
    return _practice_page(request, visit, selectors.practice_of(visit, practice_pk))


@login_required
@require_POST
def practice_remove(request, pk, practice_pk):
    visit = selectors.visit_for_user_or_404(request.user, pk, may=permissions.can_manage_visit)
    practice = selectors.practice_of(visit, practice_pk)
    run_service(
        request,
        lambda: services.practice_remove(actor=request.user, practice=practice),
        success=_("The practice is taken off the visit."),
    )
    return redirect("partnerships:visit_detail", pk=visit.pk)


@require(permissions.is_staff)
def follow_up_list(request):
    """The follow-ups given to the signed-in person (a manager: her centres' too), the earliest due first."""
    filters = FollowUpFilterForm(request.GET or None)
    state = (filters.cleaned_data.get("state") if filters.is_valid() else "") or "open"
    rows = selectors.follow_ups_for(request.user, state=state)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "filters": filters,
        "state": state,
        "query": query_without_page(request),
        "today": timezone.localdate(),
    }
    return render(request, "partnerships/visits_follow_ups.html", context)


@login_required
def follow_up_record(request, pk):
    visiting = selectors.follow_up_for_user_or_404(request.user, pk)
    visit = visiting.visit
    initial = {
        "outcome": visiting.outcome or None,
        "explanation": visiting.explanation,
        "practices": [p.pk for p in visiting.practices.all()],
        "adopted_on": visiting.adopted_on,
    }
    form = FollowUpForm(posted(request), initial=initial, practices=selectors.practice_choices(visit))
    if submitted(request, form):
        done = run_service(
            request,
            lambda: services.follow_up_record(actor=request.user, visiting=visiting, data=form.cleaned_data),
            form=form,
            success=_("The follow-up is recorded."),
        )
        if done:
            return redirect("partnerships:follow_up_list")
    first, last = selectors.visit_dates(visit.event)
    context = {
        "form": form,
        "visiting": visiting,
        "visit": visit,
        "first_day": first,
        "last_day": last,
        "ended": last is not None and last <= timezone.localdate(),
        "practices": selectors.practices_of(visit, request.user, get_language()),
    }
    return render(request, "partnerships/visits_follow_up_form.html", context)


def event_panel_context(request) -> dict[str, Any]:
    """For the trainings event page: the exchange visit recorded on it, or (for its managers) the
    link to record one on an exchange-type event."""
    kwargs = request.resolver_match.kwargs if request.resolver_match else {}
    event_pk = kwargs.get("pk")
    if event_pk is None:
        return {}
    visit = selectors.visit_of_event(request.user, int(event_pk))
    if visit is not None:
        return {"visit": visit}
    creatable = selectors.exchange_events_without_visit(request.user).filter(pk=event_pk).exists()
    return {"create_for": int(event_pk) if creatable else None}


def dashboard_panel_context(request) -> dict[str, Any]:
    rows = selectors.follow_ups_for(request.user)
    return {
        "due": list(rows.filter(follow_up_due_on__lte=timezone.localdate())[:5]),
        "due_count": selectors.follow_ups_due_count(request.user),
        "today": timezone.localdate(),
    }
