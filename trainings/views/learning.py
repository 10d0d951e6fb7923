"""Knowledge tests before and after a training, and feedback on an event."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.forms import posted
from core.viewhelpers import run_service, submitted
from trainings import selectors, services
from trainings.forms import FeedbackForm, KnowledgeTestForm
from trainings.models import KnowledgeTestKind


def _scored(attempt) -> str:
    return _("Thank you. You answered %(correct)d of %(total)d correctly.") % {
        "correct": attempt.correct,
        "total": attempt.total,
    }


@login_required
def knowledge_test(request, pk, kind):
    event = selectors.event_for_user_or_404(request.user, pk)
    if kind not in KnowledgeTestKind.values:
        raise Http404
    participant = selectors.participant_of(request.user)
    refusal = services.knowledge_test_allowed(event=event, participant=participant, kind=kind)
    questions = list(event.package.questions.prefetch_related("choices")) if event.package else []
    form = KnowledgeTestForm(posted(request), questions=questions)
    if refusal is None and participant is not None and submitted(request, form):
        done = run_service(
            request,
            lambda: services.knowledge_test_submit(
                actor=request.user, event=event, participant=participant, kind=kind, answers=form.answers()
            ),
            form=form,
            success=_scored,
        )
        if done:
            return redirect("trainings:event_detail", pk=event.pk)
    return render(
        request,
        "trainings/knowledge_test.html",
        {"event": event, "form": form, "refusal": refusal, "kind": KnowledgeTestKind(kind)},
    )


@login_required
def feedback(request, pk):
    event = selectors.event_for_user_or_404(request.user, pk)
    participant = selectors.participant_of(request.user)
    refusal = services.feedback_allowed(event=event, participant=participant)
    form = FeedbackForm(posted(request))
    if refusal is None and participant is not None and submitted(request, form):
        done = run_service(
            request,
            lambda: services.feedback_submit(
                actor=request.user, event=event, participant=participant, data=form.cleaned_data
            ),
            form=form,
            success=_("Thank you for your feedback."),
        )
        if done:
            return redirect("trainings:event_detail", pk=event.pk)
    return render(request, "trainings/feedback.html", {"event": event, "form": form, "refusal": refusal})
