"""The legal assistance pages: the lists, the requests, and the case page with its panels (each
panel's form posts to its own view, see `legal_aid.case_panels`)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from core.forms import posted, query_without_page
from core.permissions import require
from core.viewhelpers import panel_or_page, run_service, submitted
from legal_aid import case_panels, permissions, selectors, services
from legal_aid.case_panels import PANELS, Viewer
from legal_aid.forms import CaseFilterForm, RequestForm, StaffRequestForm
from legal_aid.models import Category, Channel, LegalCase, Outcome, Status
from organizations.selectors import organizations_of


@require(permissions.can_list_cases)
def case_list(request):
    form = CaseFilterForm(request.GET or None, manager=permissions.is_manager(request.user))
    filters = form.cleaned_data if form.is_valid() else {}
    page = Paginator(selectors.cases_for(request.user, filters), 50).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "form": form,
        "query": query_without_page(request),
        "manager": permissions.is_manager(request.user),
        "can_request": permissions.can_request(request.user),
        "can_record": permissions.can_record_request(request.user),
    }
    return render(request, "legal_aid/case_list.html", context)


def _request_received(user, case: LegalCase) -> str:
    if permissions.can_view_case(user, case):
        return _(
            "Your request %(reference)s is received. The legal coordinator will answer within two working days."
        ) % {"reference": case.reference}
    return _("Request %(reference)s is recorded for %(organization)s and sent to the legal coordinator.") % {
        "reference": case.reference,
        "organization": case.organization.name,
    }


def _request_page(request, form_class, organizations, channel_from_form: bool):
    form = form_class(posted(request), request.FILES or None, organizations=organizations)
    if submitted(request, form):
        data = form.cleaned_data
        done = run_service(
            request,
            lambda: services.case_request(
                actor=request.user,
                organization=data["organization"],
                data=data,
                documents=data.get("documents") or [],
                channel=data["channel"] if channel_from_form else Channel.ONLINE,
            ),
            form=form,
            success=lambda case: _request_received(request.user, case),
        )
        if done and permissions.can_view_case(request.user, done.value):
            return redirect("legal_aid:case", pk=done.value.pk)
        if done:
            return redirect("legal_aid:case_record")  # centre staff record the next one
    return render(request, "legal_aid/request_form.html", {"form": form, "staff": channel_from_form})


@require(permissions.can_request)
def case_request(request):
    return _request_page(request, RequestForm, organizations_of(request.user), channel_from_form=False)


@require(permissions.can_record_request)
def case_record(request):
    """Centre staff record a request made by phone or in person, for a CSO of their centre."""
    organizations = selectors.organizations_to_record_for(request.user)
    return _request_page(request, StaffRequestForm, organizations, channel_from_form=True)


# --- The case page and its panels -------------------------------------------------------------------


def _case_page(request, case: LegalCase, bound=None):
    """The whole case page; `bound` is (panel key, refused form) to show that form with its errors."""
    services.log_access(user=request.user, case=case)
    viewer = Viewer.of(request.user, case)
    return render(request, "legal_aid/case.html", case_panels.page_context(viewer, bound))


@login_required
def case(request, pk):
    return _case_page(request, selectors.case_for_user_or_404(request.user, pk))


def _back_to_case(request, case: LegalCase):
    """After a step that changes more than its own panel: the page again (htmx loads it whole)."""
    url = reverse("legal_aid:case", args=[case.pk])
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


def _answer(request, case: LegalCase, key: str, form, done, *, whole_page: bool):
    """What a panel's post answers. Done: htmx gets the panel's new state (or, for a step that
    changes other panels, the whole page); without JavaScript the page is shown again by a
    redirect. Refused: the panel with the form and the reason, or the whole page with them."""
    if done and (whole_page or not request.htmx):
        return _back_to_case(request, case)
    if done:
        case = selectors.case_for_user_or_404(request.user, case.pk)  # as the service left it
        form = None
    return panel_or_page(
        request,
        panel=PANELS[key].template,
        context=case_panels.panel_context(Viewer.of(request.user, case), key, form),
        page=lambda: _case_page(request, case, (key, form)),
    )


def _panel_post(request, pk, key: str, *, call, success, may=None, whole_page=False):
    """A panel's form: `may(user, case)` refuses with 403 before anything is read from the post;
    `call(case, data)` is the service, whose refusal goes under the form's fields."""
    case = selectors.case_for_user_or_404(request.user, pk)
    if may is not None and not may(request.user, case):
        raise PermissionDenied
    form = PANELS[key].form(Viewer.of(request.user, case), request.POST, request.FILES or None)
    done = submitted(request, form) and run_service(
        request, lambda: call(case, form.cleaned_data), form=form, success=success
    )
    return _answer(request, case, key, form, done, whole_page=whole_page)


@login_required
@require_POST
def conflict_check(request, pk):
    return _panel_post(
        request,
        pk,
        "conflict",
        may=permissions.can_check_conflicts,
        call=lambda case, data: services.conflict_check(actor=request.user, case=case, note=data["note"]),
        success=_("The conflict check is recorded."),
    )


@login_required
@require_POST
def triage(request, pk):
    return _panel_post(
        request,
        pk,
        "triage",
        may=permissions.can_triage_case,
        call=lambda case, data: services.triage(
            actor=request.user, case=case, decision=data["decision"], reason=data["reason"]
        ),
        success=_("The decision is recorded and the CSO informed."),
        whole_page=True,
    )


@login_required
@require_POST
def assign(request, pk):
    return _panel_post(
        request,
        pk,
        "assign",
        may=permissions.can_assign_lawyers,
        call=lambda case, data: services.assign(
            actor=request.user, case=case, primary=data["primary"], additional=list(data["additional"])
        ),
        success=_("The lawyers are assigned and told."),
        whole_page=True,
    )


@login_required
@require_POST
def set_status(request, pk):
    return _panel_post(
        request,
        pk,
        "status",
        may=permissions.works_on,
        call=lambda case, data: services.set_status(actor=request.user, case=case, status=data["status"]),
        success=_("The status is changed."),
        whole_page=True,
    )


@login_required
@require_POST
def reopen(request, pk):
    """A button without fields: a refusal is shown as a message (in the status panel, or on the page)."""
    case = selectors.case_for_user_or_404(request.user, pk)
    if not permissions.works_on(request.user, case):
        raise PermissionDenied
    done = run_service(
        request,
        lambda: services.set_status(actor=request.user, case=case, status=Status.IN_PROGRESS),
        success=_("The case is open again."),
    )
    if done or not request.htmx:
        return _back_to_case(request, case)
    return _answer(request, case, "status", None, done, whole_page=True)


@login_required
@require_POST
def note_add(request, pk):
    return _panel_post(
        request,
        pk,
        "notes",
        call=lambda case, data: services.note_add(
            actor=request.user, case=case, text=data["text"], visibility=data["visibility"]
        ),
        success=_("The note is added."),
    )


@login_required
@require_POST
def document_add(request, pk):
    return _panel_post(
        request,
        pk,
        "documents",
        call=lambda case, data: services.document_add(
            actor=request.user, case=case, upload=data["file"], visibility=data["visibility"]
        ),
        success=_("The document is added."),
    )


@login_required
@require_POST
def task_add(request, pk):
    return _panel_post(
        request,
        pk,
        "tasks",
        may=permissions.works_on,
        call=lambda case, data: services.task_add(actor=request.user, case=case, data=data),
        success=_("The task is added."),
    )


@login_required
@require_POST
def task_done(request, pk):
    """Ticks a task (or unticks it), from the case page or from the deadlines page."""
    task = selectors.task_for_user_or_404(request.user, pk)
    services.task_done(actor=request.user, task=task)
    if request.POST.get("next") == "deadlines":
        return redirect("legal_aid:deadlines")
    case = selectors.case_for_user_or_404(request.user, task.case_id)
    return _answer(request, case, "tasks", None, True, whole_page=False)


@login_required
@require_POST
def filing(request, pk):
    return _panel_post(
        request,
        pk,
        "filing",
        may=permissions.works_on,
        call=lambda case, data: services.filing_record(
            actor=request.user, case=case, authority=data["authority"], filed_on=data["filed_on"]
        ),
        success=_("The filing is recorded."),
        whole_page=True,  # the request panel shows the filing, the tasks panel its deadline
    )


@login_required
@require_POST
def refer(request, pk):
    return _panel_post(
        request,
        pk,
        "refer",
        may=permissions.works_on,
        call=lambda case, data: services.refer(actor=request.user, case=case, **data),
        success=_("The referral is recorded and the CSO informed."),
        whole_page=True,
    )


@login_required
@require_POST
def referral_outcome(request, pk):
    referral = selectors.referral_for_user_or_404(request.user, pk)
    case = selectors.case_for_user_or_404(request.user, referral.case_id)
    form = PANELS["referrals"].form(Viewer.of(request.user, case), request.POST)
    done = submitted(request, form) and run_service(
        request,
        lambda: services.referral_outcome(actor=request.user, referral=referral, **form.cleaned_data),
        form=form,
        success=_("The outcome of the referral is recorded."),
    )
    return _answer(request, case, "referrals", form, done, whole_page=False)


@login_required
@require_POST
def close(request, pk):
    return _panel_post(
        request,
        pk,
        "close",
        may=permissions.works_on,
        call=lambda case, data: services.close(
            actor=request.user, case=case, outcome=data["outcome"], summary=data["summary"]
        ),
        success=_("The case is closed and the CSO informed."),
        whole_page=True,
    )


@login_required
@require_POST
def rate(request, pk):
    return _panel_post(
        request,
        pk,
        "rating",
        may=permissions.is_client,
        call=lambda case, data: services.rate(
            actor=request.user, case=case, rating=data["rating"], comment=data["comment"]
        ),
        success=_("Thank you for your rating."),
    )


@require(permissions.can_view_deadlines)
def deadlines(request):
    return render(request, "legal_aid/deadlines.html", selectors.deadlines(request.user))


@require(permissions.is_manager)
def overview(request):
    data = selectors.overview()
    categories = dict(Category.choices)
    for row in data["by_category"]:
        row["label"] = categories.get(row["category"], row["category"])
    return render(request, "legal_aid/overview.html", data)


@require(permissions.can_view_figures)
def figures(request):
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = None
    if year is not None and not 2000 <= year <= 2100:
        year = None
    data = selectors.figures(year)
    categories, outcomes = dict(Category.choices), dict(Outcome.choices)
    for row in data["by_category"]:
        row["label"] = categories.get(row["category"], row["category"])
    for row in data["by_outcome"]:
        row["label"] = outcomes.get(row["outcome"], row["outcome"])
    years = range(timezone.localdate().year, timezone.localdate().year - 5, -1)
    return render(request, "legal_aid/figures.html", {**data, "year": year, "years": years})
