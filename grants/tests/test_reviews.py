from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from centers.tests.factories import staff_member
from grants.models import Application, EvaluationCriterion, ReviewAssignment, ReviewScoreEvent
from grants.rules.reviews import weighted_total
from grants.tests.factories import published_call
from notifications.models import Notification
from organizations.tests.factories import organization_with_admin

pytestmark = pytest.mark.django_db


@pytest.fixture
def eligible_application():
    call = published_call(reviewers_per_application=2)
    call.evaluation_criteria.all().delete()
    EvaluationCriterion.objects.create(
        call=call, title="Relevance", title_en="Relevance", max_score=5, weight=Decimal("60")
    )
    EvaluationCriterion.objects.create(call=call, title="Budget", title_en="Budget", max_score=10, weight=Decimal("40"))
    organization, _admin = organization_with_admin(verification_status="verified", name="Hidden CSO name")
    return Application.objects.create(
        call=call,
        organization=organization,
        status="submitted",
        reference="T-0001",
        submitted_at=timezone.now(),
        title="Peace circles",
        summary="Secret summary",
        eligibility="eligible",
    )


def assign(client, application, *reviewers):
    client.force_login(staff_member(Role.GRANT_OFFICER))
    return client.post(
        reverse("grants:assign_reviewers", args=[application.pk]), {"reviewers": [r.pk for r in reviewers]}
    )


def test_a_reviewer_declares_before_seeing_anything_then_scores(client, eligible_application):
    reviewer = staff_member(Role.REVIEWER)
    assign(client, eligible_application, reviewer)
    assignment = ReviewAssignment.objects.get()
    assert Notification.objects.get(recipient=reviewer, kind="review_assigned")
    client.force_login(reviewer)
    url = reverse("grants:review", args=[assignment.pk])
    page = client.get(url).content.decode()
    assert "Secret summary" not in page
    client.post(url, {"decision": "none"})
    page = client.get(url).content.decode()
    assert "Secret summary" in page
    criteria = {c.title_en: c for c in eligible_application.call.evaluation_criteria.all()}
    relevance, budget = criteria["Relevance"], criteria["Budget"]
    response = client.post(
        url, {f"score_{relevance.pk}": "7", f"score_{budget.pk}": "5", "submit": "1", "recommendation": "fund"}
    )
    assert "Ensure this value is less than or equal to 5." in response.content.decode()
    client.post(url, {f"score_{relevance.pk}": "4", f"na_{budget.pk}": "on", "recommendation": "fund", "submit": "1"})
    assignment.refresh_from_db()
    assert assignment.status == "submitted"
    assert assignment.weighted_total == Decimal("80.00")  # budget not applicable: not counted as zero
    assert ReviewScoreEvent.objects.filter(assignment_id=assignment.pk).exists()
    client.post(url, {f"score_{relevance.pk}": "1", f"na_{budget.pk}": "on", "recommendation": "reject", "submit": "1"})
    assignment.refresh_from_db()
    assert assignment.weighted_total == Decimal("80.00")  # locked


def test_declaring_a_conflict_removes_access(client, eligible_application):
    reviewer = staff_member(Role.REVIEWER)
    assign(client, eligible_application, reviewer)
    assignment = ReviewAssignment.objects.get()
    client.force_login(reviewer)
    client.post(reverse("grants:review", args=[assignment.pk]), {"decision": "conflict", "note": "My cousin runs it."})
    assert client.get(reverse("grants:review", args=[assignment.pk])).status_code == 404


def test_anonymous_review_hides_the_applicant(client, eligible_application):
    eligible_application.call.anonymous_review = True
    eligible_application.call.save()
    reviewer = staff_member(Role.REVIEWER)
    assign(client, eligible_application, reviewer)
    assignment = ReviewAssignment.objects.get()
    client.force_login(reviewer)
    client.post(reverse("grants:review", args=[assignment.pk]), {"decision": "none"})
    assert "Hidden CSO name" not in client.get(reverse("grants:review", args=[assignment.pk])).content.decode()


def test_other_scores_appear_only_after_submitting(client, eligible_application):
    first, second = staff_member(Role.REVIEWER), staff_member(Role.REVIEWER)
    assign(client, eligible_application, first, second)
    criteria = list(eligible_application.call.evaluation_criteria.all())
    for reviewer, value in ((first, "5"),):
        client.force_login(reviewer)
        assignment = ReviewAssignment.objects.get(reviewer=reviewer)
        url = reverse("grants:review", args=[assignment.pk])
        client.post(url, {"decision": "none"})
        client.post(url, {**{f"score_{c.pk}": value for c in criteria}, "recommendation": "fund", "submit": "1"})
    client.force_login(second)
    assignment = ReviewAssignment.objects.get(reviewer=second)
    url = reverse("grants:review", args=[assignment.pk])
    client.post(url, {"decision": "none"})
    assert "The other reviewers" not in client.get(url).content.decode()
    client.post(url, {**{f"score_{c.pk}": "3" for c in criteria}, "recommendation": "conditions", "submit": "1"})
    assert "The other reviewers" in client.get(url).content.decode()


def test_no_more_reviewers_than_the_call_asks_and_only_eligible_applications(client, eligible_application):
    reviewers = [staff_member(Role.REVIEWER) for _ in range(3)]
    assign(client, eligible_application, *reviewers)
    assert not ReviewAssignment.objects.exists()
    eligible_application.eligibility = "pending"
    eligible_application.save()
    assign(client, eligible_application, reviewers[0])
    assert not ReviewAssignment.objects.exists()


def test_the_weighted_total_scales_missing_weights():
    class Score:
        def __init__(self, criterion_id, score, na=False):
            self.criterion_id, self.score, self.not_applicable = criterion_id, score, na

    class Criterion:
        def __init__(self, pk, max_score, weight):
            self.pk, self.max_score, self.weight = pk, max_score, Decimal(weight)

    criteria = [Criterion(1, 5, 50), Criterion(2, 5, 50)]
    assert weighted_total([Score(1, Decimal(5)), Score(2, Decimal(0))], criteria) == Decimal("50.00")
    assert weighted_total([Score(1, Decimal(5)), Score(2, None, na=True)], criteria) == Decimal("100.00")
    assert weighted_total([], criteria) is None
