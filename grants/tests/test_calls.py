import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from centers.tests.factories import centre, staff_member
from grants.models import CallStatus, EvaluationCriterion, GrantCall, GrantCallStatusEvent
from grants.services.calls import call_publish
from grants.tests.factories import call_data, published_call

pytestmark = pytest.mark.django_db


def form_post(**overrides):
    opens = timezone.localtime() + dt.timedelta(days=1)
    closes = opens + dt.timedelta(days=30)
    data = {
        "code": "TAT-2026-09",
        "title_en": "Peace grants",
        "title_ar": "منح السلام",
        "title_ckb": "بەخشینی ئاشتی",
        "description_en": "Grants for peacebuilding.",
        "description_ar": "منح لبناء السلام.",
        "description_ckb": "بەخشین بۆ بنیاتنانی ئاشتی.",
        "themes": ["peacebuilding"],
        "eligible_centres": [str(centre("mosul").pk)],
        "opens_at": opens.strftime("%Y-%m-%dT%H:%M"),
        "closes_at": closes.strftime("%Y-%m-%dT%H:%M"),
        "currency": "USD",
        "envelope": "100000",
        "min_grant": "5000",
        "max_grant": "20000",
        "max_duration_months": "12",
        "cofinancing_percent": "10",
        "reviewers_per_application": "2",
        "overall_threshold": "60",
        "criteria-TOTAL_FORMS": "2",
        "criteria-INITIAL_FORMS": "0",
        "criteria-0-title_en": "Relevance",
        "criteria-0-max_score": "5",
        "criteria-0-weight": "60",
        "criteria-0-threshold": "3",
        "criteria-0-order": "1",
        "criteria-1-title_en": "Budget",
        "criteria-1-max_score": "5",
        "criteria-1-weight": "40",
        "criteria-1-order": "2",
        "eligibility-TOTAL_FORMS": "1",
        "eligibility-INITIAL_FORMS": "0",
        "eligibility-0-text_en": "Founded before 2024",
        "eligibility-0-auto_check": "founded_before",
        "eligibility-0-year": "2023",
        "eligibility-0-order": "1",
        "attachments-TOTAL_FORMS": "1",
        "attachments-INITIAL_FORMS": "0",
        "attachments-0-name_en": "Registration certificate",
        "attachments-0-is_required": "on",
        "attachments-0-order": "1",
        "questions-TOTAL_FORMS": "0",
        "questions-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_a_grant_officer_creates_and_publishes_a_call(client):
    officer = staff_member(Role.GRANT_OFFICER)
    client.force_login(officer)
    response = client.post(reverse("grants:call_create"), form_post())
    call = GrantCall.objects.get(code="TAT-2026-09")
    assert response["Location"] == reverse("grants:call_detail", args=[call.code])
    assert call.evaluation_criteria.count() == 2 and call.eligibility_criteria.get().year == 2023
    assert list(call.eligible_centres.all()) == [centre("mosul")]
    client.post(reverse("grants:call_publish", args=[call.code]))
    call.refresh_from_db()
    assert call.status == CallStatus.PUBLISHED
    assert GrantCallStatusEvent.objects.get(pgh_obj=call).pgh_context.metadata["user"] == officer.pk
    html = client.get(reverse("grants:public_call", args=[call.code])).content.decode()
    assert "Peace grants" in html and "60%" in html
    assert "منح السلام" in client.get(f"/ar/grants/calls/{call.code}/").content.decode()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"max_grant": "200000"}, "the largest within the envelope"),
        ({"min_grant": "30000"}, "the smallest no larger than the largest"),
        ({"closes_at": "2020-01-01T10:00"}, "The call must close after it opens."),
        ({"criteria-0-threshold": "9"}, "between 0 and the highest score"),
        ({"eligibility-0-year": ""}, "Give the year"),
    ],
)
def test_a_call_that_breaks_its_own_rules_is_refused(client, overrides, message):
    client.force_login(staff_member(Role.GRANT_OFFICER))
    response = client.post(reverse("grants:call_create"), form_post(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not GrantCall.objects.exists()


def test_a_call_is_published_only_when_complete():
    officer = staff_member(Role.GRANT_OFFICER)
    call = GrantCall.objects.create(**call_data(title_ckb=""))
    EvaluationCriterion.objects.create(call=call, title="A", title_en="A", weight=Decimal("70"), max_score=5)
    with pytest.raises(Exception) as refused:
        call_publish(actor=officer, call=call)
    messages = " ".join(refused.value.messages)
    assert "must add up to 100" in messages and "Arabic and Kurdish" in messages
    call.refresh_from_db()
    assert call.status == CallStatus.DRAFT


def test_a_published_calls_rules_are_frozen(client):
    call = published_call()
    client.force_login(staff_member(Role.GRANT_OFFICER))
    data = form_post(
        code=call.code,
        max_grant="15000",
        **{"criteria-TOTAL_FORMS": "0", "eligibility-TOTAL_FORMS": "0", "attachments-TOTAL_FORMS": "0"},
    )
    response = client.post(reverse("grants:call_edit", args=[call.code]), data)
    assert "rules cannot change" in response.content.decode()
    call.refresh_from_db()
    assert call.max_grant == Decimal("20000")


def test_a_call_closes_itself_at_the_deadline():
    call = published_call()
    assert call.is_open()
    assert not call.is_open(now=call.closes_at)
    assert call.phase(now=call.closes_at + dt.timedelta(seconds=1)) == "closed"


def test_drafts_are_not_public_and_clarifications_are(client):
    draft = GrantCall.objects.create(**call_data(code="DRAFT-1"))
    call = published_call(code="PUB-1")
    assert client.get(reverse("grants:public_call", args=[draft.code])).status_code == 404
    html = client.get(reverse("grants:public_calls")).content.decode()
    assert "PUB-1" in html and "DRAFT-1" not in html
    client.force_login(staff_member(Role.GRANT_OFFICER))
    client.post(
        reverse("grants:clarification_add", args=[call.code]),
        {"question_en": "Can we apply twice?", "answer_en": "No, one application per CSO."},
    )
    client.logout()
    assert "one application per CSO" in client.get(reverse("grants:public_call", args=[call.code])).content.decode()


def test_only_grant_officers_and_admins_manage_calls(client):
    client.force_login(UserFactory())
    assert client.get(reverse("grants:call_list")).status_code == 403
    client.force_login(staff_member(Role.CENTRE_STAFF))
    assert client.get(reverse("grants:call_create")).status_code == 403
