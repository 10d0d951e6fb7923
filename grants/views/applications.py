"""Pages of an application: starting it, the application page with its progress, each section, the
budget lines, documents and questions, submission and withdrawal."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.forms import posted
from core.shortcuts import get_by_posted_id_or_404
from core.viewhelpers import run_service, submitted
from grants import permissions, selectors
from grants.forms.applications import SECTION_FORMS, AnswersForm, BudgetLineForm, HelpApplyForm, SubmitForm
from grants.forms.decisions import ConsensusForm, DecisionForm, ScreeningForm
from grants.forms.reviews import AssignReviewersForm
from grants.models import (
    ApplicationStatus,
    AssignmentStatus,
    BudgetLine,
    Decision,
    Eligibility,
    GrantAgreement,
    QuestionKind,
    RequiredAttachment,
)
from grants.rules.applications import application_problems, automatic_checks, budget_totals
from grants.services import applications as services
from grants.workflows import APPLICATION
from organizations.selectors import organizations_of

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


@login_required
@require_POST
def application_start(request, code):
    call = get_object_or_404(selectors.public_calls(), code=code)
    organization = get_by_posted_id_or_404(organizations_of(request.user), request.POST.get("organization"))
    started = run_service(
        request, lambda: services.application_start(actor=request.user, call=call, organization=organization)
    )
    if not started:
        return redirect("grants:public_call", code=call.code)
    return redirect("grants:application", pk=started.value.pk)


@login_required
def application(request, pk):
    application = selectors.application_for_user_or_404(request.user, pk)
    draft = application.status == ApplicationStatus.DRAFT
    problems = application_problems(application) if draft else []
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
    open_now = application.call.is_open_for(application.stage)
    actions = APPLICATION.actions_for(application, request.user)
    context = {
        "officer": officer,
        "actions": actions,
        "ApplicationStatus": ApplicationStatus,
        "AssignmentStatus": AssignmentStatus,
        "Decision": Decision,
        "Eligibility": Eligibility,
        "requirements": [(r, uploaded.get(r.pk)) for r in application.call.attachments.all()],
        "can_edit": "save" in actions and open_now,
        "checks": automatic_checks(application) if officer else [],
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
        "totals": budget_totals(application),
        "submit_form": SubmitForm(),
        "editable": draft and open_now,
        "editable_or_open": open_now,
        "agreement": GrantAgreement.objects.filter(application=application).first(),
    }
    return render(request, "grants/application.html", context)


@login_required
def application_section(request, pk, section):
    application = selectors.application_for_user_or_404(request.user, pk)
    if section not in SECTION_FORMS:
        raise Http404
    form = SECTION_FORMS[section](posted(request), instance=application)
    line_form = BudgetLineForm(prefix="line")
    if submitted(request, form) and run_service(
        request,
        lambda: services.application_save_section(
            actor=request.user, application=application, section=section, data=form.cleaned_data
        ),
        form=form,
        success=_("Saved."),
    ):
        return redirect("grants:application", pk=application.pk)
    context = {
        "application": application,
        "section": section,
        "title": SECTION_TITLES[section],
        "form": form,
        "line_form": line_form,
        "totals": budget_totals(application),
        "can_edit": _can_edit(request.user, application),
    }
    return render(request, "grants/application_section.html", context)


def _can_edit(user, application) -> bool:
    """The draft can be changed now, by this person."""
    return APPLICATION.permits("save", application, user) and application.call.is_open_for(application.stage)


@login_required
@require_POST
def budget_line_add(request, pk):
    application = selectors.application_for_user_or_404(request.user, pk)
    if not permissions.can_prepare_application(request.user, application.organization, application):
        raise PermissionDenied
    form = BudgetLineForm(request.POST, prefix="line")
    if form.is_valid():
        run_service(
            request,
            lambda: services.budget_line_add(actor=request.user, application=application, data=form.cleaned_data),
        )
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("grants:application_section", pk=application.pk, section="budget")


@login_required
@require_POST
def budget_line_remove(request, pk, line_pk):
    application = selectors.application_for_user_or_404(request.user, pk)
    line = get_object_or_404(BudgetLine, pk=line_pk, application=application)
    run_service(request, lambda: services.budget_line_remove(actor=request.user, line=line))
    return redirect("grants:application_section", pk=application.pk, section="budget")


@login_required
@require_POST
def application_submit(request, pk):
    application = selectors.application_for_user_or_404(request.user, pk)
    form = SubmitForm(request.POST)
    form.is_valid()
    run_service(
        request,
        lambda: services.application_submit(
            actor=request.user, application=application, declaration=form.cleaned_data.get("declaration", False)
        ),
        success=lambda done: _("Submitted. Your reference is %(reference)s.") % {"reference": done.reference},
    )
    return redirect("grants:application", pk=application.pk)


@login_required
@require_POST
def application_withdraw(request, pk):
    application = selectors.application_for_user_or_404(request.user, pk)
    run_service(
        request,
        lambda: services.application_withdraw(actor=request.user, application=application),
        success=_("The application is withdrawn."),
    )
    return redirect("grants:application", pk=application.pk)


@login_required
@require_POST
def attachment_upload(request, pk, required_pk):
    application = selectors.application_for_user_or_404(request.user, pk)
    required = get_object_or_404(RequiredAttachment, pk=required_pk, call=application.call)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Choose a file."))
        return redirect("grants:application", pk=application.pk)
    run_service(
        request,
        lambda: services.attachment_upload(
            actor=request.user, application=application, required=required, upload=upload
        ),
        success=_("The document is attached."),
    )
    return redirect("grants:application", pk=application.pk)


@login_required
def application_start_for_cso(request, code):
    """Centre staff helping a CSO of their centre that asked for help."""
    call = get_object_or_404(selectors.public_calls(), code=code)
    form = HelpApplyForm(posted(request), user=request.user)
    if not form.organizations.exists():
        raise PermissionDenied
    if submitted(request, form):
        started = run_service(
            request,
            lambda: services.application_start_for_cso(
                actor=request.user,
                call=call,
                organization=form.cleaned_data["organization"],
                consent_note=form.cleaned_data["consent_note"],
            ),
            form=form,
        )
        if started:
            return redirect("grants:application", pk=started.value.pk)
    return render(request, "grants/help_apply.html", {"call": call, "form": form})


@login_required
def application_questions(request, pk):
    application = selectors.application_for_user_or_404(request.user, pk)
    questions = list(application.call.questions.select_related("show_if_question"))
    answers = {a.question_id: a for a in application.answers.all()}
    form = AnswersForm(posted(request), request.FILES or None, questions=questions, answers=answers)
    can_edit = _can_edit(request.user, application)
    if can_edit and submitted(request, form):
        saved = run_service(
            request,
            lambda: services.answers_save(actor=request.user, application=application, values=form.values()),
            form=form,
            success=_("Saved."),
        )
        if saved:
            return redirect("grants:application", pk=application.pk)
    rows = []
    for question in questions:
        names = [n for n in form.fields if n == f"q{question.pk}" or n.startswith(f"q{question.pk}_")]
        fields = [form[n] for n in names]
        width = max(1, len(question.option_list()))
        grid = (
            [fields[i : i + width] for i in range(0, len(fields), width)] if question.kind == QuestionKind.TABLE else []
        )
        rows.append({"question": question, "fields": fields, "grid": grid, "answer": answers.get(question.pk)})
    return render(
        request,
        "grants/application_questions.html",
        {"application": application, "form": form, "rows": rows, "can_edit": can_edit, "QuestionKind": QuestionKind},
    )
