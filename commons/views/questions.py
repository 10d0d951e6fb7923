"""Questions and answers among members, per topic: asked for a CSO (or by staff for the programme),
answered by anyone signed in (programme staff with the expert badge), one answer accepted by the
asker or a moderator. Every page works without JavaScript."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from commons import permissions, selectors, services
from commons.forms import AnswerForm, FollowForm, QuestionForm
from commons.models import Answer, Follow, Question, Topic
from core.forms import posted, query_without_page
from core.permissions import require
from core.viewhelpers import run_service, submitted

PAGE_SIZE = 20


@require(permissions.can_read_questions)
def question_list(request):
    topic = request.GET.get("topic", "")
    if topic not in Topic.values:
        topic = ""
    page = Paginator(selectors.questions(topic), PAGE_SIZE).get_page(request.GET.get("page"))
    following = Follow.objects.filter(user=request.user, topic=topic).first() if topic else None
    context = {
        "page": page,
        "topic": topic,
        "topic_label": Topic(topic).label if topic else "",
        "topics": Topic.choices,
        "query": query_without_page(request),
        "can_ask": permissions.can_ask(request.user),
        "follow_form": FollowForm(initial={"topic": topic, "level": following.level if following else "watch"})
        if topic
        else None,
        "following": following,
    }
    return render(request, "commons/question_list.html", context)


def _question_page(request, question: Question, answer_form: AnswerForm | None = None):
    user = request.user
    following = Follow.objects.filter(user=user, question=question).first()
    context = {
        "question": question,
        "answers": selectors.answers_of(question),
        "answer_form": (answer_form or AnswerForm()) if permissions.can_answer(user, question) else None,
        "can_accept": permissions.can_accept(user, question),
        "follow_form": FollowForm(
            initial={"question": question.pk, "level": following.level if following else "watch"}
        ),
        "following": following,
    }
    return render(request, "commons/question_detail.html", context)


def _question_or_404(pk) -> Question:
    return get_object_or_404(Question.objects.select_related("organization", "author", "centre"), pk=pk)


@require(permissions.can_read_questions)
def question_detail(request, pk):
    return _question_page(request, _question_or_404(pk))


@require(permissions.can_ask)
def question_ask(request):
    programme = permissions.is_expert(request.user)
    initial = {"language": get_language(), "topic": request.GET.get("topic", "")}
    form = QuestionForm(
        posted(request),
        organizations=permissions.writable_organizations(request.user),
        programme=programme,
        initial=initial,
    )
    if submitted(request, form):
        data = {name: form.cleaned_data[name] for name in ("topic", "language", "title", "body")}
        outcome = run_service(
            request,
            lambda: services.question_ask(
                actor=request.user, organization=form.cleaned_data.get("organization"), data=data
            ),
            form=form,
            success=_("Your question is asked. You will be told of each answer."),
        )
        if outcome:
            return redirect("commons:question_detail", pk=outcome.value.pk)
    return render(request, "commons/question_form.html", {"form": form})


@require(permissions.can_read_questions)
@require_POST
def answer_post(request, pk):
    question = _question_or_404(pk)
    form = AnswerForm(request.POST)
    if submitted(request, form) and run_service(
        request,
        lambda: services.answer_post(actor=request.user, question=question, body=form.cleaned_data["body"]),
        form=form,
        success=_("Thank you: your answer is posted."),
    ):
        return redirect("commons:question_detail", pk=question.pk)
    return _question_page(request, question, answer_form=form)


@require(permissions.can_read_questions)
@require_POST
def answer_accept(request, pk):
    answer = get_object_or_404(Answer.objects.select_related("question"), pk=pk)
    run_service(
        request,
        lambda: services.answer_accept(actor=request.user, answer=answer),
        success=_("The answer is marked as the one that helped."),
    )
    return redirect("commons:question_detail", pk=answer.question_id)
