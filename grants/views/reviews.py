"""Pages of reviews: assigning reviewers, the reviewer's list and the review itself."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.forms import posted
from core.permissions import require
from core.viewhelpers import run_service, submitted
from grants import permissions, selectors
from grants.forms.reviews import AssignReviewersForm, DeclarationForm, ReviewForm
from grants.models import AssignmentStatus
from grants.rules.applications import budget_totals
from grants.services import reviews as services
from grants.workflows import REVIEW


@require(permissions.can_manage_calls)
@require_POST
def assign_reviewers(request, pk):
    application = selectors.application_for_user_or_404(request.user, pk)
    form = AssignReviewersForm(request.POST, reviewers=selectors.reviewers_with_load())
    if form.is_valid():
        run_service(
            request,
            lambda: services.reviewers_assign(
                actor=request.user, application=application, reviewers=list(form.cleaned_data["reviewers"])
            ),
            success=_("The reviewers are assigned and told."),
        )
    else:
        messages.error(request, _("Choose at least one reviewer."))
    return redirect("grants:application", pk=application.pk)


@require(permissions.can_review)
def my_reviews(request):
    context = {"assignments": selectors.assignments_of(request.user), "AssignmentStatus": AssignmentStatus}
    return render(request, "grants/my_reviews.html", context)


@require(permissions.can_review)
def review(request, pk):
    """Declaration first; then the application (anonymised if the call says so) and the scores; the
    other reviewers' scores only once this review is submitted."""
    assignment = get_object_or_404(selectors.assignments_of(request.user), pk=pk)
    if assignment.status == AssignmentStatus.CONFLICT:  # the declaration ended the reviewer's access
        raise Http404
    actions = REVIEW.actions_for(assignment, request.user)
    if "declare" in actions:
        return _declaration(request, assignment)
    application = assignment.application
    criteria = list(application.call.evaluation_criteria.all())
    existing = {s.criterion_id: s for s in assignment.scores.all()}
    form = ReviewForm(
        posted(request),
        criteria=criteria,
        existing=existing,
        initial={"recommendation": assignment.recommendation, "comment": assignment.comment},
    )
    submit = "submit" in request.POST
    if "save" in actions and submitted(request, form):
        saved = run_service(
            request,
            lambda: services.review_save(
                actor=request.user,
                assignment=assignment,
                scores=form.scores(),
                recommendation=form.cleaned_data["recommendation"],
                comment=form.cleaned_data["comment"],
                submit=submit,
            ),
            form=form,
            success=_("Your review is submitted.") if submit else _("Saved."),
        )
        if saved:
            return redirect("grants:review", pk=assignment.pk)
    others = selectors.other_reviews(assignment) if assignment.status == AssignmentStatus.SUBMITTED else []
    context = {
        "assignment": assignment,
        "actions": actions,
        "application": application,
        "anonymous": application.call.anonymous_review,
        "totals": budget_totals(application),
        "form": form,
        "criteria_rows": [(c, form[f"score_{c.pk}"], form[f"na_{c.pk}"], form[f"note_{c.pk}"]) for c in criteria],
        "others": others,
    }
    return render(request, "grants/review.html", context)


def _declaration(request, assignment):
    """Nothing of the application is shown before the reviewer declares no conflict of interest."""
    form = DeclarationForm(posted(request))
    if submitted(request, form):
        conflict = form.cleaned_data["decision"] == DeclarationForm.CONFLICT
        services.review_declare(
            actor=request.user, assignment=assignment, conflict=conflict, note=form.cleaned_data["note"]
        )
        if conflict:
            messages.info(
                request, _("Thank you. The assignment is withdrawn; the grant officer will assign someone else.")
            )
            return redirect("grants:my_reviews")
        return redirect("grants:review", pk=assignment.pk)
    return render(request, "grants/review_declaration.html", {"assignment": assignment, "form": form})
