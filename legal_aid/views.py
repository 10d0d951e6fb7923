from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.forms import apply_validation_error, posted, query_without_page
from core.permissions import require
from legal_aid import permissions, selectors, services
from legal_aid.forms import (
    AssignForm,
    CaseFilterForm,
    CloseForm,
    ConflictForm,
    DocumentForm,
    FilingForm,
    NoteForm,
    RatingForm,
    ReferralForm,
    ReferralOutcomeForm,
    RequestForm,
    StaffRequestForm,
    StatusForm,
    TaskForm,
    TriageForm,
)
from legal_aid.models import TRANSITIONS, CaseTask, Category, LegalCase, Outcome, Referral, Status, Visibility


def _case_or_404(user, pk) -> LegalCase:
    case = LegalCase.objects.select_related("organization", "preferred_centre", "primary_lawyer").filter(pk=pk).first()
    if case is None or not permissions.can_view_case(user, case):
        raise Http404
    return case


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


def _request_page(request, form_class, organizations, channel_from_form: bool):
    form = form_class(posted(request), request.FILES or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.case_request(
                actor=request.user,
                organization=data["organization"],
                data=data,
                documents=data.get("documents") or [],
                channel=data["channel"] if channel_from_form else "online",
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            if permissions.can_view_case(request.user, case):
                messages.success(
                    request,
                    _(
                        "Your request %(reference)s is received. The legal coordinator will answer within two "
                        "working days."
                    )
                    % {"reference": case.reference},
                )
                return redirect("legal_aid:case", pk=case.pk)
            messages.success(
                request,
                _("Request %(reference)s is recorded for %(organization)s and sent to the legal coordinator.")
                % {"reference": case.reference, "organization": case.organization.name},
            )
            return redirect("legal_aid:case_record")
    return render(request, "legal_aid/request_form.html", {"form": form, "staff": channel_from_form})


@require(permissions.can_request)
def case_request(request):
    from organizations.selectors import organizations_of

    return _request_page(request, RequestForm, organizations_of(request.user), channel_from_form=False)


@require(permissions.can_record_request)
def case_record(request):
    """Centre staff record a request made by phone or in person, for a CSO of their centre."""
    organizations = selectors.organizations_to_record_for(request.user)
    return _request_page(request, StaffRequestForm, organizations, channel_from_form=True)


# Each form of the case page has its own prefix, so that field ids never clash on the page.
PREFIXES = {
    "note_form": "note",
    "document_form": "document",
    "status_form": "status",
    "task_form": "task",
    "referral_form": "referral",
    "close_form": "close",
    "filing_form": "filing",
    "triage_form": "triage",
    "conflict_form": "conflict",
    "assign_form": "assign",
    "rating_form": "rating",
    "outcome_form": "outcome",
}


def _case_page(request, case, **bound):
    """The case page; a refused post shows it again with the bound form under its name in `bound`."""
    user = request.user
    works = permissions.works_on(user, case)
    manager = permissions.is_manager(user)
    services.log_access(user=user, case=case)
    notes = case.notes.select_related("author")
    documents = case.documents.select_related("uploaded_by")
    if not works:
        notes = notes.filter(visibility=Visibility.SHARED)
        documents = documents.filter(visibility=Visibility.SHARED)
    people = case.assignments.filter(ended_at__isnull=True).select_related("lawyer")
    forms = {
        "note_form": NoteForm(
            prefix="note", initial={"visibility": Visibility.INTERNAL if works else Visibility.SHARED}
        ),
        "document_form": DocumentForm(prefix="document"),
    }
    if works:
        from accounts.models import User

        team = User.objects.filter(pk__in=[a.lawyer_id for a in people] + [user.pk])
        forms.update(
            status_form=StatusForm(prefix="status"),
            task_form=TaskForm(prefix="task", people=team, initial={"assigned_to": case.primary_lawyer_id or user.pk}),
            referral_form=ReferralForm(prefix="referral"),
            close_form=CloseForm(prefix="close"),
            filing_form=FilingForm(
                prefix="filing", initial={"authority": case.filing_authority, "filed_on": case.filed_on}
            ),
        )
    if manager:
        current = {a.lawyer_id: a.role for a in people}
        forms.update(
            triage_form=TriageForm(prefix="triage"),
            conflict_form=ConflictForm(prefix="conflict"),
            assign_form=AssignForm(
                prefix="assign",
                lawyers=selectors.lawyers_with_load(),
                centres=selectors.lawyer_centres(),
                initial={
                    "primary": case.primary_lawyer_id,
                    "additional": [pk for pk, role in current.items() if role == "additional"],
                },
            ),
        )
    if permissions.is_client(user, case) and case.status in (Status.RESOLVED, Status.CLOSED):
        forms["rating_form"] = RatingForm(
            prefix="rating", initial={"rating": case.rating, "comment": case.rating_comment}
        )
    forms.update(bound)
    status = Status(case.status)
    steps = {  # which forms the workflow offers from this status
        "triage": status in (Status.SUBMITTED, Status.TRIAGED),
        "assign": status in (Status.TRIAGED, Status.ASSIGNED, Status.IN_PROGRESS, Status.WAITING),
        "status": status in (Status.ASSIGNED, Status.IN_PROGRESS, Status.WAITING),
        "reopen": status in (Status.CLOSED, Status.RESOLVED, Status.REFERRED) and not case.anonymised_at,
        "close": status in (Status.IN_PROGRESS, Status.WAITING, Status.RESOLVED, Status.REFERRED),
        "refer": Status.REFERRED in TRANSITIONS[status],
        "work": status not in (Status.SUBMITTED, Status.REJECTED) and not case.anonymised_at,  # tasks, filings
    }
    context = {
        "case": case,
        "steps": steps,
        "works": works,
        "manager": manager,
        "client": permissions.is_client(user, case),
        "notes": list(notes),
        "documents": list(documents),
        "assignments": list(case.assignments.select_related("lawyer", "assigned_by")) if works else [],
        "tasks": list(case.tasks.select_related("assigned_to")) if works else [],
        "referrals": list(case.referrals.select_related("referred_by")),
        "conflicts": services.conflicts(case) if manager and case.status == Status.SUBMITTED else [],
        "access_log": list(case.access_log.select_related("user", "document")[:20]) if manager else [],
        "outcome_form": ReferralOutcomeForm(prefix="outcome"),
        **forms,
    }
    return render(request, "legal_aid/case.html", context)


@login_required
def case(request, pk):
    return _case_page(request, _case_or_404(request.user, pk))


def _post(request, pk, *, form_class, form_name, action, success, check=None, form_kwargs=None):
    """Shared handling of the case page's forms: validate, call the service, show the page again
    with the bound form and the reason on refusal."""
    case = _case_or_404(request.user, pk)
    if check is not None and not check(request.user, case):
        raise PermissionDenied
    form = form_class(
        request.POST, request.FILES or None, prefix=PREFIXES[form_name], **(form_kwargs(case) if form_kwargs else {})
    )
    if form.is_valid():
        try:
            action(case, form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, success)
            return redirect("legal_aid:case", pk=case.pk)
    return _case_page(request, case, **{form_name: form})


@login_required
@require_POST
def triage(request, pk):
    return _post(
        request,
        pk,
        form_class=TriageForm,
        form_name="triage_form",
        check=lambda user, case: permissions.is_manager(user),
        action=lambda case, data: services.triage(
            actor=request.user, case=case, decision=data["decision"], reason=data["reason"]
        ),
        success=_("The decision is recorded and the CSO informed."),
    )


@login_required
@require_POST
def conflict_check(request, pk):
    return _post(
        request,
        pk,
        form_class=ConflictForm,
        form_name="conflict_form",
        check=lambda user, case: permissions.is_manager(user),
        action=lambda case, data: services.conflict_check(actor=request.user, case=case, note=data["note"]),
        success=_("The conflict check is recorded."),
    )


@login_required
@require_POST
def assign(request, pk):
    return _post(
        request,
        pk,
        form_class=AssignForm,
        form_name="assign_form",
        check=lambda user, case: permissions.is_manager(user),
        form_kwargs=lambda case: {"lawyers": selectors.lawyers_with_load(), "centres": selectors.lawyer_centres()},
        action=lambda case, data: services.assign(
            actor=request.user, case=case, primary=data["primary"], additional=list(data["additional"])
        ),
        success=_("The lawyers are assigned and told."),
    )


@login_required
@require_POST
def set_status(request, pk):
    return _post(
        request,
        pk,
        form_class=StatusForm,
        form_name="status_form",
        check=permissions.works_on,
        action=lambda case, data: services.set_status(actor=request.user, case=case, status=data["status"]),
        success=_("The status is changed."),
    )


@login_required
@require_POST
def reopen(request, pk):
    case = _case_or_404(request.user, pk)
    if not permissions.works_on(request.user, case):
        raise PermissionDenied
    try:
        services.set_status(actor=request.user, case=case, status=Status.IN_PROGRESS)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The case is open again."))
    return redirect("legal_aid:case", pk=case.pk)


@login_required
@require_POST
def note_add(request, pk):
    return _post(
        request,
        pk,
        form_class=NoteForm,
        form_name="note_form",
        action=lambda case, data: services.note_add(
            actor=request.user, case=case, text=data["text"], visibility=data["visibility"]
        ),
        success=_("The note is added."),
    )


@login_required
@require_POST
def document_add(request, pk):
    return _post(
        request,
        pk,
        form_class=DocumentForm,
        form_name="document_form",
        action=lambda case, data: services.document_add(
            actor=request.user, case=case, upload=data["file"], visibility=data["visibility"]
        ),
        success=_("The document is added."),
    )


@login_required
@require_POST
def task_add(request, pk):
    from accounts.models import User

    def team(case):
        lawyers = case.assignments.filter(ended_at__isnull=True).values_list("lawyer_id", flat=True)
        return {"people": User.objects.filter(Q(pk__in=lawyers) | Q(pk=request.user.pk))}

    return _post(
        request,
        pk,
        form_class=TaskForm,
        form_name="task_form",
        check=permissions.works_on,
        form_kwargs=team,
        action=lambda case, data: services.task_add(actor=request.user, case=case, data=data),
        success=_("The task is added."),
    )


@login_required
@require_POST
def task_done(request, pk):
    task = get_object_or_404(CaseTask, pk=pk)
    case = _case_or_404(request.user, task.case_id)
    if not permissions.works_on(request.user, case):
        raise Http404
    services.task_done(actor=request.user, task=task)
    if request.POST.get("next") == "deadlines":
        return redirect("legal_aid:deadlines")
    return redirect("legal_aid:case", pk=case.pk)


@login_required
@require_POST
def filing(request, pk):
    return _post(
        request,
        pk,
        form_class=FilingForm,
        form_name="filing_form",
        check=permissions.works_on,
        action=lambda case, data: services.filing_record(
            actor=request.user, case=case, authority=data["authority"], filed_on=data["filed_on"]
        ),
        success=_("The filing is recorded."),
    )


@login_required
@require_POST
def refer(request, pk):
    return _post(
        request,
        pk,
        form_class=ReferralForm,
        form_name="referral_form",
        check=permissions.works_on,
        action=lambda case, data: services.refer(actor=request.user, case=case, **data),
        success=_("The referral is recorded and the CSO informed."),
    )


@login_required
@require_POST
def referral_outcome(request, pk):
    referral = get_object_or_404(Referral, pk=pk)
    case = _case_or_404(request.user, referral.case_id)
    if not permissions.works_on(request.user, case):
        raise Http404
    form = ReferralOutcomeForm(request.POST, prefix="outcome")
    if form.is_valid():
        services.referral_outcome(actor=request.user, referral=referral, **form.cleaned_data)
        messages.success(request, _("The outcome of the referral is recorded."))
        return redirect("legal_aid:case", pk=case.pk)
    return _case_page(request, case, outcome_form=form)


@login_required
@require_POST
def close(request, pk):
    return _post(
        request,
        pk,
        form_class=CloseForm,
        form_name="close_form",
        check=permissions.works_on,
        action=lambda case, data: services.close(
            actor=request.user, case=case, outcome=data["outcome"], summary=data["summary"]
        ),
        success=_("The case is closed and the CSO informed."),
    )


@login_required
@require_POST
def rate(request, pk):
    return _post(
        request,
        pk,
        form_class=RatingForm,
        form_name="rating_form",
        check=permissions.is_client,
        action=lambda case, data: services.rate(
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
    from django.utils import timezone

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
