from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.forms import apply_validation_error, posted, query_without_page
from core.permissions import require
from grants import permissions, selectors, services
from grants.forms import (
    SECTION_FORMS,
    ActionFormSet,
    AgreementForm,
    AnswersForm,
    AssignReviewersForm,
    AttachmentFormSet,
    BudgetLineForm,
    CallForm,
    ClarificationForm,
    ConsensusForm,
    CriteriaFormSet,
    DecisionForm,
    DeclarationForm,
    EligibilityFormSet,
    HelpApplyForm,
    PaymentForm,
    QuestionFormSet,
    ReverseForm,
    ReviewForm,
    ScreeningForm,
    SignForm,
    SubmitForm,
    TrancheFormSet,
    VisitForm,
)
from grants.models import (
    ActionStatus,
    Application,
    BudgetLine,
    Clarification,
    FollowUpAction,
    GrantAgreement,
    GrantCall,
    Payment,
    RequiredAttachment,
    Tranche,
    TrancheCondition,
    TrancheStatus,
)
from grants.ranking import ranking
from organizations.permissions import can_view_indicators
from organizations.selectors import organizations_of


def public_calls(request):
    return render(request, "grants/public_calls.html", {"calls": list(selectors.public_calls())})


def public_call(request, code):
    call = selectors.call_with_parts(selectors.public_calls(), code=code)
    my_organizations = list(organizations_of(request.user)) if request.user.is_authenticated else []
    can_help = request.user.is_authenticated and request.user.has_role("centre_staff", "centre_manager")
    return render(
        request, "grants/public_call.html", {"call": call, "my_organizations": my_organizations, "can_help": can_help}
    )


@require(permissions.can_manage_calls)
def call_list(request):
    return render(request, "grants/call_list.html", {"calls": list(selectors.calls_for_officers())})


def _call_form(request, call=None):
    form = CallForm(posted(request), instance=call)
    formsets = [
        CriteriaFormSet(posted(request), instance=call or GrantCall(), prefix="criteria"),
        EligibilityFormSet(posted(request), instance=call or GrantCall(), prefix="eligibility"),
        AttachmentFormSet(posted(request), instance=call or GrantCall(), prefix="attachments"),
        QuestionFormSet(posted(request), instance=call or GrantCall(), prefix="questions"),
    ]
    if request.method == "POST" and form.is_valid() and all(f.is_valid() for f in formsets):
        try:
            saved = services.call_save(actor=request.user, call=call, data=form.cleaned_data, formsets=formsets)
        except ValidationError as error:
            apply_validation_error(form, error)
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
    form = ClarificationForm(posted(request))
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


# --- Applications ---------------------------------------------------------------------------------

SECTION_TITLES = {
    "project": gettext_lazy("Project"),
    "activities": gettext_lazy("Activities, duration and places"),
    "beneficiaries": gettext_lazy("Who benefits"),
    "budget": gettext_lazy("Budget"),
}
# Shown in the progress view, edited on the application page itself.
PROGRESS_SECTIONS = {
    **SECTION_TITLES,
    "questions": gettext_lazy("Questions of the call"),
    "attachments": gettext_lazy("Documents"),
}


def _application_or_404(user, pk) -> Application:
    application = (
        Application.objects.select_related("call", "organization")
        .prefetch_related("budget_lines")
        .filter(pk=pk)
        .first()
    )
    if application is None or not permissions.can_view_application(user, application):
        raise Http404
    return application


@login_required
@require_POST
def application_start(request, code):
    call = get_object_or_404(selectors.public_calls(), code=code)
    organization = get_object_or_404(organizations_of(request.user), pk=request.POST.get("organization") or 0)
    try:
        application = services.application_start(actor=request.user, call=call, organization=organization)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("grants:public_call", code=call.code)
    return redirect("grants:application", pk=application.pk)


@login_required
def application(request, pk):
    application = _application_or_404(request.user, pk)
    problems = services.application_problems(application) if application.status == "draft" else []
    keys = (
        PROGRESS_SECTIONS
        if application.call.questions.exists()
        else {k: v for k, v in PROGRESS_SECTIONS.items() if k != "questions"}
    )
    sections = [
        {"key": key, "title": title, "problems": [m for s, m in problems if s == key]} for key, title in keys.items()
    ]
    uploaded = {a.required_id: a for a in application.attachments.all()}
    officer = permissions.can_manage_calls(request.user)
    context = {
        "officer": officer,
        "requirements": [(r, uploaded.get(r.pk)) for r in application.call.attachments.all()],
        "can_edit": application.status == "draft"
        and application.call.is_open_for(application.stage)
        and permissions.can_prepare_application(request.user, application.organization, application),
        "checks": services.automatic_checks(application) if officer else [],
        "assignments": list(application.assignments.select_related("reviewer")) if officer else [],
        "assign_form": AssignReviewersForm(reviewers=selectors.reviewers_with_load()) if officer else None,
        "consensus_form": ConsensusForm(
            initial={"score": application.consensus_score, "comment": application.consensus_comment}
        ),
        "decision_form": DecisionForm(prefix="decide"),
        "screening_form": ScreeningForm(prefix="screen"),
        "application": application,
        "sections": sections,
        "problems": problems,
        "totals": services.budget_totals(application),
        "can_submit": permissions.can_submit_application(request.user, application.organization, application),
        "submit_form": SubmitForm(),
        "editable": application.status == "draft" and application.call.is_open_for(application.stage),
        "editable_or_open": application.call.is_open_for(application.stage),
        "agreement": GrantAgreement.objects.filter(application=application).first(),
    }
    return render(request, "grants/application.html", context)


@login_required
def application_section(request, pk, section):
    application = _application_or_404(request.user, pk)
    if section not in SECTION_FORMS:
        raise Http404
    form = SECTION_FORMS[section](posted(request), instance=application)
    line_form = BudgetLineForm(prefix="line")
    if request.method == "POST" and form.is_valid():
        try:
            services.application_save_section(
                actor=request.user, application=application, section=section, data=form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("grants:application", pk=application.pk)
    context = {
        "application": application,
        "section": section,
        "title": SECTION_TITLES[section],
        "form": form,
        "line_form": line_form,
        "totals": services.budget_totals(application),
        "can_edit": application.status == "draft"
        and application.call.is_open_for(application.stage)
        and permissions.can_prepare_application(request.user, application.organization, application),
    }
    return render(request, "grants/application_section.html", context)


@login_required
@require_POST
def budget_line_add(request, pk):
    application = _application_or_404(request.user, pk)
    if not permissions.can_prepare_application(request.user, application.organization, application):
        raise PermissionDenied
    form = BudgetLineForm(request.POST, prefix="line")
    if form.is_valid():
        try:
            services.budget_line_add(actor=request.user, application=application, data=form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("grants:application_section", pk=application.pk, section="budget")


@login_required
@require_POST
def budget_line_remove(request, pk, line_pk):
    application = _application_or_404(request.user, pk)
    line = get_object_or_404(BudgetLine, pk=line_pk, application=application)
    try:
        services.budget_line_remove(actor=request.user, line=line)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    return redirect("grants:application_section", pk=application.pk, section="budget")


@login_required
@require_POST
def application_submit(request, pk):
    application = _application_or_404(request.user, pk)
    form = SubmitForm(request.POST)
    form.is_valid()
    try:
        submitted = services.application_submit(
            actor=request.user, application=application, declaration=form.cleaned_data.get("declaration", False)
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Submitted. Your reference is %(reference)s.") % {"reference": submitted.reference})
    return redirect("grants:application", pk=application.pk)


@login_required
@require_POST
def application_withdraw(request, pk):
    application = _application_or_404(request.user, pk)
    try:
        services.application_withdraw(actor=request.user, application=application)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("The application is withdrawn."))
    return redirect("grants:application", pk=application.pk)


@require(permissions.can_manage_calls)
def call_applications(request, code):
    call = get_object_or_404(GrantCall, code=code)
    applications = selectors.applications_of_call(call)
    return render(request, "grants/call_applications.html", {"call": call, "applications": applications})


@require(permissions.can_manage_calls)
@require_POST
def application_screen(request, pk):
    application = _application_or_404(request.user, pk)
    form = ScreeningForm(request.POST, prefix="screen")
    if not form.is_valid():
        messages.error(request, _("Choose a decision."))
        return redirect("grants:application", pk=application.pk)
    try:
        services.application_screen(
            actor=request.user,
            application=application,
            decision=form.cleaned_data["decision"],
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The eligibility decision is recorded."))
    return redirect("grants:application", pk=application.pk)


# --- Reviews --------------------------------------------------------------------------------------


@require(permissions.can_manage_calls)
@require_POST
def assign_reviewers(request, pk):
    application = _application_or_404(request.user, pk)
    form = AssignReviewersForm(request.POST, reviewers=selectors.reviewers_with_load())
    if form.is_valid():
        try:
            services.reviewers_assign(
                actor=request.user, application=application, reviewers=list(form.cleaned_data["reviewers"])
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("The reviewers are assigned and told."))
    else:
        messages.error(request, _("Choose at least one reviewer."))
    return redirect("grants:application", pk=application.pk)


@require(permissions.can_review)
def my_reviews(request):
    return render(request, "grants/my_reviews.html", {"assignments": selectors.assignments_of(request.user)})


@require(permissions.can_review)
def review(request, pk):
    """Declaration first; then the application (anonymised if the call says so) and the scores; the
    other reviewers' scores only once this review is submitted."""
    assignment = get_object_or_404(selectors.assignments_of(request.user), pk=pk)
    if assignment.status == "conflict":
        raise Http404
    application = assignment.application
    if assignment.status == "awaiting":
        form = DeclarationForm(posted(request))
        if request.method == "POST" and form.is_valid():
            services.review_declare(
                actor=request.user,
                assignment=assignment,
                conflict=form.cleaned_data["decision"] == "conflict",
                note=form.cleaned_data["note"],
            )
            if form.cleaned_data["decision"] == "conflict":
                messages.info(
                    request, _("Thank you. The assignment is withdrawn; the grant officer will assign someone else.")
                )
                return redirect("grants:my_reviews")
            return redirect("grants:review", pk=assignment.pk)
        return render(request, "grants/review_declaration.html", {"assignment": assignment, "form": form})
    criteria = list(application.call.evaluation_criteria.all())
    existing = {s.criterion_id: s for s in assignment.scores.all()}
    form = ReviewForm(
        posted(request),
        criteria=criteria,
        existing=existing,
        initial={"recommendation": assignment.recommendation, "comment": assignment.comment},
    )
    if request.method == "POST" and assignment.status == "declared" and form.is_valid():
        try:
            services.review_save(
                actor=request.user,
                assignment=assignment,
                scores=form.scores(),
                recommendation=form.cleaned_data["recommendation"],
                comment=form.cleaned_data["comment"],
                submit="submit" in request.POST,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your review is submitted.") if "submit" in request.POST else _("Saved."))
            return redirect("grants:review", pk=assignment.pk)
    others = selectors.other_reviews(assignment) if assignment.status == "submitted" else []
    context = {
        "assignment": assignment,
        "application": application,
        "anonymous": application.call.anonymous_review,
        "totals": services.budget_totals(application),
        "form": form,
        "criteria_rows": [(c, form[f"score_{c.pk}"], form[f"na_{c.pk}"], form[f"note_{c.pk}"]) for c in criteria],
        "others": others,
    }
    return render(request, "grants/review.html", context)


# --- Consensus, ranking and decisions -------------------------------------------------------------


@require(permissions.can_manage_calls)
def call_ranking(request, code):
    call = get_object_or_404(GrantCall.objects.prefetch_related("evaluation_criteria"), code=code)
    rows = ranking(call)
    return render(request, "grants/call_ranking.html", {"call": call, "rows": rows})


@require(permissions.can_manage_calls)
@require_POST
def consensus(request, pk):
    application = _application_or_404(request.user, pk)
    form = ConsensusForm(request.POST, prefix="consensus")
    if form.is_valid():
        try:
            services.consensus_record(
                actor=request.user,
                application=application,
                score=form.cleaned_data["score"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("The consensus is recorded."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("grants:application", pk=application.pk)


@require(permissions.can_manage_calls)
@require_POST
def decide(request, pk):
    application = _application_or_404(request.user, pk)
    form = DecisionForm(request.POST, prefix="decide")
    if form.is_valid():
        try:
            services.decision_record(
                actor=request.user,
                application=application,
                decision=form.cleaned_data["decision"],
                justification=form.cleaned_data["justification"],
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The decision is recorded and the organisation told."))
    else:
        messages.error(request, _("Choose a decision."))
    return redirect("grants:application", pk=application.pk)


@login_required
@require_POST
def attachment_upload(request, pk, required_pk):
    application = _application_or_404(request.user, pk)
    required = get_object_or_404(RequiredAttachment, pk=required_pk, call=application.call)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Choose a file."))
        return redirect("grants:application", pk=application.pk)
    try:
        services.attachment_upload(actor=request.user, application=application, required=required, upload=upload)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The document is attached."))
    return redirect("grants:application", pk=application.pk)


@login_required
def application_start_for_cso(request, code):
    """Centre staff helping a CSO of their centre that asked for help."""
    call = get_object_or_404(selectors.public_calls(), code=code)
    form = HelpApplyForm(posted(request), user=request.user)
    if not form.fields["organization"].queryset.exists():
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_start_for_cso(
                actor=request.user,
                call=call,
                organization=form.cleaned_data["organization"],
                consent_note=form.cleaned_data["consent_note"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            return redirect("grants:application", pk=application.pk)
    return render(request, "grants/help_apply.html", {"call": call, "form": form})


@require(can_view_indicators)
def grant_figures(request):
    return render(request, "grants/figures.html", {"figures": selectors.grant_figures()})


@login_required
def application_questions(request, pk):
    application = _application_or_404(request.user, pk)
    questions = list(application.call.questions.select_related("show_if_question"))
    answers = {a.question_id: a for a in application.answers.all()}
    form = AnswersForm(posted(request), request.FILES or None, questions=questions, answers=answers)
    can_edit = (
        application.status == "draft"
        and application.call.is_open_for(application.stage)
        and permissions.can_prepare_application(request.user, application.organization, application)
    )
    if request.method == "POST" and can_edit and form.is_valid():
        try:
            services.answers_save(actor=request.user, application=application, values=form.values())
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("grants:application", pk=application.pk)
    rows = []
    for question in questions:
        names = [n for n in form.fields if n == f"q{question.pk}" or n.startswith(f"q{question.pk}_")]
        fields = [form[n] for n in names]
        width = max(1, len(question.option_list()))
        grid = [fields[i : i + width] for i in range(0, len(fields), width)] if question.kind == "table" else []
        rows.append({"question": question, "fields": fields, "grid": grid, "answer": answers.get(question.pk)})
    return render(
        request,
        "grants/application_questions.html",
        {"application": application, "form": form, "rows": rows, "can_edit": can_edit},
    )


@require(permissions.can_manage_calls)
@require_POST
def application_invite(request, pk):
    application = _application_or_404(request.user, pk)
    try:
        services.application_invite(actor=request.user, application=application)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("The organisation is invited to submit a full proposal."))
    return redirect("grants:application", pk=application.pk)


# --- Agreements, tranches and payments ------------------------------------------------------------


def _agreement_or_404(user, pk) -> GrantAgreement:
    agreement = (
        GrantAgreement.objects.select_related("application__organization", "application__call")
        .prefetch_related("tranches__conditions", "tranches__payments__approved_by", "tranches__requested_by")
        .filter(pk=pk)
        .first()
    )
    if agreement is None or not permissions.can_view_agreement(user, agreement):
        raise Http404
    return agreement


@require(permissions.can_manage_calls)
def agreement_create(request, pk):
    application = _application_or_404(request.user, pk)
    form = AgreementForm(posted(request), initial={"amount": services.budget_totals(application)["requested"]})
    if request.method == "POST" and form.is_valid():
        try:
            agreement = services.agreement_create(actor=request.user, application=application, data=form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            return redirect("grants:agreement", pk=agreement.pk)
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


@login_required
def agreement(request, pk):
    return _agreement_page(request, _agreement_or_404(request.user, pk))


def _amendment_lines(amendment, budget) -> list[tuple]:
    """(line, amount when requested, proposed amount) of a reallocation, for the agreement page."""
    lines = {row.line.pk: row.line for row in budget}
    return [
        (lines[int(pk)].description, amendment.amounts_before.get(pk), value)
        for pk, value in amendment.proposed_amounts.items()
        if int(pk) in lines
    ]


def _payment_form(tranche, data=None) -> PaymentForm:
    """One payment form per tranche, with ids of its own so that labels point at the right field."""
    return PaymentForm(data, initial={"paid_currency": tranche.agreement.currency}, auto_id=f"id_%s_{tranche.pk}")


def _agreement_page(
    request,
    agreement,
    *,
    tranche_formset=None,
    sign_form=None,
    refused_payment=None,
    visit_form=None,
    action_formset=None,
    report_form=None,
    decision_form=None,
    cancel_form=None,
):
    """The agreement page; a refused post shows it again with the bound form, what was typed kept
    (refused_payment: {tranche pk: bound payment form}; decision_form and cancel_form: (pk, form))."""
    from grants import reporting
    from grants.forms import CancelTrancheForm, DecisionCommentForm, ReportScheduleForm

    refused_payment = refused_payment or {}
    officer = permissions.can_manage_calls(request.user)
    finance = permissions.can_approve_payments(request.user)
    tranches = list(agreement.tranches.all())
    for tranche in tranches:
        tranche.agreement = agreement
        if finance and tranche.status == TrancheStatus.REQUESTED:
            tranche.payment_form = refused_payment.get(tranche.pk) or _payment_form(tranche)
        if officer and tranche.status == TrancheStatus.PLANNED and agreement.status == "active":
            refused = cancel_form and cancel_form[0] == tranche.pk
            tranche.cancel_form = cancel_form[1] if refused else CancelTrancheForm(prefix=f"cancel-{tranche.pk}")
    if officer and tranche_formset is None:
        initial = [
            {
                "id": t.pk,
                "amount": t.amount,
                "planned_date": t.planned_date,
                "conditions": [c.kind for c in t.conditions.all()],
            }
            for t in tranches
        ]
        tranche_formset = TrancheFormSet(initial=initial or None, prefix="tranches")
    visits = list(agreement.visits.select_related("mentor").prefetch_related("actions"))
    if officer and visit_form is None and agreement.status == "active":
        visit_form = VisitForm(initial={"mentor": request.user.pk}, mentors=selectors.mentors())
        action_formset = ActionFormSet(prefix="actions")
    amendments = list(agreement.amendments.select_related("requested_by", "decided_by"))
    budget = reporting.budget_rows(agreement)
    for amendment in amendments:
        amendment.lines = _amendment_lines(amendment, budget) if amendment.proposed_amounts else []
        if officer and amendment.status == "requested":
            refused = decision_form and decision_form[0] == amendment.pk
            amendment.decision_form = decision_form[1] if refused else DecisionCommentForm(prefix=f"a{amendment.pk}")
    if officer and report_form is None and agreement.status != "closed":
        report_form = ReportScheduleForm()
    context = {
        "agreement": agreement,
        "tranches": tranches,
        "budget": budget,
        "budget_version": reporting.current_budget(agreement),
        "budget_total": sum((row.budget for row in budget), 0),
        "reports": list(agreement.reports.all()),
        "report_form": report_form,
        "amendments": amendments,
        "can_amend": agreement.status == "active" and permissions.can_request_amendment(request.user, agreement),
        "closing_problems": reporting.closing_problems(agreement) if officer and agreement.status == "active" else [],
        "visits": visits,
        "visit_form": visit_form,
        "action_formset": action_formset,
        "action_statuses": ActionStatus.choices,
        "paid": services.paid_total(agreement),
        "officer": officer,
        "finance": finance,
        "tranche_formset": tranche_formset,
        "sign_form": sign_form or (SignForm() if officer else None),
        "reverse_form": ReverseForm(),
    }
    return render(request, "grants/agreement.html", context)


@require(permissions.can_manage_calls)
@require_POST
def agreement_tranches(request, pk):
    agreement = _agreement_or_404(request.user, pk)
    formset = TrancheFormSet(request.POST, prefix="tranches")
    if formset.is_valid():
        rows = [f.cleaned_data for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        removed = [f.cleaned_data["id"] for f in formset.deleted_forms if f.cleaned_data.get("id")]
        try:
            services.tranches_set(actor=request.user, agreement=agreement, schedule=rows, removed=removed)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The tranche schedule is saved."))
            return redirect("grants:agreement", pk=agreement.pk)
    else:
        messages.error(request, _("Check the amounts and dates of the tranches."))
    return _agreement_page(request, agreement, tranche_formset=formset)


@require(permissions.can_manage_calls)
@require_POST
def agreement_sign(request, pk):
    agreement = _agreement_or_404(request.user, pk)
    form = SignForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.agreement_sign(
                actor=request.user,
                agreement=agreement,
                signed_copy=form.cleaned_data["signed_copy"],
                cso_date=form.cleaned_data["cso_date"],
                programme_date=form.cleaned_data["programme_date"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The agreement is signed and running."))
            return redirect("grants:agreement", pk=agreement.pk)
    return _agreement_page(request, agreement, sign_form=form)


@require(permissions.can_manage_calls)
@require_POST
def condition_check(request, pk):
    condition = get_object_or_404(TrancheCondition.objects.select_related("tranche"), pk=pk)
    services.condition_check(actor=request.user, condition=condition)
    return redirect("grants:agreement", pk=condition.tranche.agreement_id)


@require(permissions.can_manage_calls)
@require_POST
def tranche_request(request, pk):
    tranche = get_object_or_404(Tranche, pk=pk)
    try:
        services.tranche_request(actor=request.user, tranche=tranche)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Payment requested; a finance officer approves it."))
    return redirect("grants:agreement", pk=tranche.agreement_id)


@require(permissions.can_approve_payments)
@require_POST
def payment_record(request, pk):
    tranche = get_object_or_404(Tranche.objects.select_related("agreement"), pk=pk)
    form = _payment_form(tranche, request.POST)
    if form.is_valid():
        try:
            services.payment_record(actor=request.user, tranche=tranche, data=form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The payment is recorded."))
            return redirect("grants:agreement", pk=tranche.agreement_id)
    return _agreement_page(request, tranche.agreement, refused_payment={tranche.pk: form})


@require(permissions.can_approve_payments)
@require_POST
def payment_reverse(request, pk):
    payment = get_object_or_404(Payment.objects.select_related("tranche"), pk=pk)
    form = ReverseForm(request.POST)
    if form.is_valid():
        try:
            services.payment_reverse(actor=request.user, payment=payment, note=form.cleaned_data["note"])
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("The payment is reversed; the tranche waits for payment again."))
    else:
        messages.error(request, _("Say why the payment is reversed."))
    return redirect("grants:agreement", pk=payment.tranche.agreement_id)


@require(permissions.can_manage_calls)
@require_POST
def visit_record(request, pk):
    agreement = _agreement_or_404(request.user, pk)
    form = VisitForm(request.POST, mentors=selectors.mentors())
    actions = ActionFormSet(request.POST, prefix="actions")
    if form.is_valid() and actions.is_valid():
        rows = [
            {"description": f.cleaned_data["description"].strip(), "due_on": f.cleaned_data.get("due_on")}
            for f in actions.forms
            if f.cleaned_data.get("description", "").strip()
        ]
        try:
            services.visit_record(actor=request.user, agreement=agreement, data=form.cleaned_data, actions=rows)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The visit is recorded."))
            return redirect("grants:agreement", pk=agreement.pk)
    return _agreement_page(request, agreement, visit_form=form, action_formset=actions)


@require(permissions.can_manage_calls)
@require_POST
def action_status(request, pk):
    action = get_object_or_404(FollowUpAction.objects.select_related("visit"), pk=pk)
    try:
        services.action_set_status(actor=request.user, action=action, status=request.POST.get("status", ""))
    except ValidationError as error:
        messages.error(request, error.messages[0])
    return redirect("grants:agreement", pk=action.visit.agreement_id)
