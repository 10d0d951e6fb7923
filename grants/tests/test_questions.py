import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from accounts.roles import Role
from centers.tests.factories import staff_member
from grants.models import Application, ApplicationAnswer, CallQuestion, GrantCall
from grants.rules.applications import answer_problems as problems_in_active_language
from grants.tests.factories import published_call
from grants.tests.test_calls import form_post
from organizations.tests.factories import organization_with_admin

pytestmark = pytest.mark.django_db


def answer_problems(application):
    """The problems in English (the requests of the test leave Arabic active)."""

    with translation.override("en"):
        return problems_in_active_language(application)


def test_an_officer_designs_questions_without_code(client):
    client.force_login(staff_member(Role.GRANT_OFFICER))
    data = form_post(
        **{
            "questions-TOTAL_FORMS": "1",
            "questions-0-label_en": "Have you worked with returnees before?",
            "questions-0-label_ar": "هل عملتم مع العائدين من قبل؟",
            "questions-0-label_ckb": "پێشتر لەگەڵ گەڕاوەکان کارتان کردووە؟",
            "questions-0-kind": "single",
            "questions-0-required": "on",
            "questions-0-options_en": "Yes\nNo",
            "questions-0-options_ar": "نعم\nلا",
            "questions-0-options_ckb": "بەڵێ\nنەخێر",
            "questions-0-order": "1",
        }
    )
    client.post(reverse("grants:call_create"), data)
    question = GrantCall.objects.get().questions.get()
    assert question.kind == "single" and question.options_ar == "نعم\nلا" and question.required


@pytest.fixture
def setting(client):
    call = published_call()
    worked = CallQuestion.objects.create(
        call=call,
        label="Worked with returnees?",
        label_en="Worked with returnees?",
        label_ar="هل عملتم مع العائدين؟",
        kind="single",
        required=True,
        options="Yes\nNo",
        options_en="Yes\nNo",
        options_ar="نعم\nلا",
        order=1,
    )
    how = CallQuestion.objects.create(
        call=call,
        label="How?",
        label_en="How?",
        kind="long_text",
        required=True,
        show_if_question=worked,
        show_if_value="Yes",
        order=2,
    )
    plan = CallQuestion.objects.create(
        call=call, label="Work plan", label_en="Work plan", kind="file", required=False, order=3
    )
    staff = CallQuestion.objects.create(
        call=call, label="Staff", label_en="Staff", kind="table", options="Name\nRole", options_en="Name\nRole", order=4
    )
    organization, admin = organization_with_admin(verification_status="verified")
    client.force_login(admin)
    client.post(reverse("grants:application_start", args=[call.code]), {"organization": organization.pk})
    return call, Application.objects.get(), worked, how, plan, staff


def test_answers_in_arabic_conditions_and_files(client, setting):
    call, application, worked, how, plan, staff = setting
    url = f"/ar/grants/applications/{application.pk}/questions/"
    page = client.get(url).content.decode()
    assert "هل عملتم مع العائدين؟" in page and "نعم" in page
    assert f'data-show-if="q{worked.pk}"' in page
    assert [m for _s, m in answer_problems(application)] == ["Answer: Worked with returnees?"]
    client.post(url, {f"q{worked.pk}": "1"})  # No: the follow-up question is not asked
    assert answer_problems(application) == []
    client.post(url, {f"q{worked.pk}": "0"})  # Yes: now it is
    assert [m for _s, m in answer_problems(application)] == ["Answer: How?"]
    response = client.post(
        url,
        {
            f"q{worked.pk}": "0",
            f"q{how.pk}": "Legal desks in Mosul.",
            f"q{plan.pk}": SimpleUploadedFile("plan.pdf", b"<html>no</html>"),
            f"q{staff.pk}_r0_c0": "Huda",
            f"q{staff.pk}_r0_c1": "Coordinator",
        },
    )
    assert "ليس ملفاً من نوع PDF" in response.content.decode()  # the refusal, in the page's language
    assert not ApplicationAnswer.objects.filter(question=plan).exists()
    client.post(
        url,
        {
            f"q{worked.pk}": "0",
            f"q{how.pk}": "Legal desks in Mosul.",
            f"q{plan.pk}": SimpleUploadedFile("plan.pdf", b"%PDF-1.4 plan"),
            f"q{staff.pk}_r0_c0": "Huda",
            f"q{staff.pk}_r0_c1": "Coordinator",
        },
    )
    answers = {a.question_id: a for a in ApplicationAnswer.objects.all()}
    assert answers[how.pk].value == "Legal desks in Mosul."
    assert answers[staff.pk].value == [["Huda", "Coordinator"]]
    assert answers[plan.pk].original_filename == "plan.pdf"
    assert answer_problems(application) == []
