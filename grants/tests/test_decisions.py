import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from centers.tests.factories import staff_member
from core.files import private_file_url
from grants.models import (
    Application,
    ApplicationDecisionEvent,
    BudgetLine,
    ReviewAssignment,
    ReviewScore,
)
from grants.rules.ranking import ranking
from grants.services.decisions import application_screen, decision_record
from grants.tests.factories import published_call
from notifications.models import Notification
from organizations.tests.factories import organization_with_admin

pytestmark = pytest.mark.django_db


def scored(call, name, score, requested, relevance=None):
    """An eligible application with one submitted review of `score` (and a relevance mark)."""
    organization, admin = organization_with_admin(verification_status="verified", name=name)
    number = Application.objects.count() + 1
    application = Application.objects.create(
        call=call,
        organization=organization,
        status="submitted",
        reference=f"R-{number:02d}",
        submitted_at=timezone.now(),
        eligibility="eligible",
    )
    BudgetLine.objects.create(
        application=application, category="activities", description="x", unit="lot", quantity=1, unit_cost=requested
    )
    reviewer = UserFactory(roles=[Role.REVIEWER])
    assignment = ReviewAssignment.objects.create(
        application=application,
        reviewer=reviewer,
        status="submitted",
        weighted_total=Decimal(score),
        submitted_at=timezone.now(),
    )
    if relevance is not None:
        ReviewScore.objects.create(
            assignment=assignment, criterion=call.evaluation_criteria.get(title_en="Relevance"), score=relevance
        )
    return application, admin


@pytest.fixture
def call():
    call = published_call(envelope=Decimal("30000"), overall_threshold=Decimal("60"))
    call.evaluation_criteria.update(title_en="Relevance", threshold=Decimal("3"), max_score=5)
    return call


def test_the_ranking_applies_thresholds_and_draws_the_envelope_line(call):
    best, _ = scored(call, "Best", "90", Decimal("15000"), relevance=5)
    second, _ = scored(call, "Second", "80", Decimal("10000"), relevance=4)
    third, _ = scored(call, "Third", "70", Decimal("10000"), relevance=4)
    weak, _ = scored(call, "Weak relevance", "85", Decimal("5000"), relevance=2)
    low, _ = scored(call, "Low", "50", Decimal("5000"), relevance=4)
    rows = {row.application.organization.name: row for row in ranking(call)}
    assert [rows[n].rank for n in ("Best", "Second", "Third")] == [1, 2, 3]
    assert rows["Best"].within_envelope and rows["Second"].within_envelope
    assert not rows["Third"].within_envelope  # 35,000 > 30,000: reserve
    assert not rows["Weak relevance"].passes and rows["Weak relevance"].failed_thresholds
    assert not rows["Low"].passes


def test_an_award_letter_is_made_in_the_csos_language(call, django_capture_on_commit_callbacks, client):

    best, admin = scored(call, "Best", "90", Decimal("15000"), relevance=5)
    admin.preferred_language = "ckb"
    admin.save()
    with django_capture_on_commit_callbacks(execute=True):
        decision_record(actor=staff_member(Role.GRANT_OFFICER), application=best, decision="award", justification="")
    best.refresh_from_db()
    assert best.decision_letter.name.endswith(".pdf")
    client.force_login(admin)
    response = client.get(private_file_url(best, "decision_letter"))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert 'data-testid="decision-letter"' in client.get(reverse("grants:application", args=[best.pk])).content.decode()


def test_decisions_follow_the_ranking_or_are_justified_and_never_exceed_the_envelope(call):
    officer = staff_member(Role.GRANT_OFFICER)
    best, best_admin = scored(call, "Best", "90", Decimal("15000"), relevance=5)
    second, _ = scored(call, "Second", "80", Decimal("10000"), relevance=4)
    third, _ = scored(call, "Third", "70", Decimal("10000"), relevance=4)
    decision_record(actor=officer, application=best, decision="award", justification="")
    assert "selected for a grant" in Notification.objects.get(recipient=best_admin, kind="application_decided").body
    with pytest.raises(ValidationError) as refused:
        decision_record(actor=officer, application=third, decision="award", justification="")
    assert "departs from the ranking" in " ".join(refused.value.messages)
    decision_record(actor=officer, application=second, decision="award", justification="")
    with pytest.raises(ValidationError) as refused:
        decision_record(actor=officer, application=third, decision="award", justification="Strong local support.")
    assert "exceed the call's envelope" in " ".join(refused.value.messages)
    decision_record(actor=officer, application=third, decision="reserve", justification="")
    with pytest.raises(ValidationError):
        decision_record(actor=officer, application=third, decision="reject", justification="Changed my mind.")
    assert ApplicationDecisionEvent.objects.filter(pgh_obj=best, decision="award").exists()


def test_the_consensus_score_replaces_the_average(client, call):
    application, _ = scored(call, "One", "55", Decimal("5000"), relevance=4)
    client.force_login(staff_member(Role.GRANT_OFFICER))
    client.post(reverse("grants:consensus", args=[application.pk]), {"consensus-score": "120"})
    application.refresh_from_db()
    assert application.consensus_score is None
    client.post(
        reverse("grants:consensus", args=[application.pk]),
        {"consensus-score": "75", "consensus-comment": "Strong design."},
    )
    row = ranking(call)[0]
    assert (row.average, row.score, row.passes) == (Decimal("55.00"), Decimal("75.00"), True)
    page = client.get(reverse("grants:call_ranking", args=[call.code])).content.decode()
    assert "within the envelope" in page


def test_the_ranking_page_makes_constant_queries(client, call):

    client.force_login(staff_member(Role.GRANT_OFFICER))

    def queries_with(count):
        while Application.objects.filter(call=call).count() < count:
            scored(call, f"CSO {Application.objects.count()}", "70", Decimal("1000"), relevance=4)
        with CaptureQueriesContext(connection) as captured:
            client.get(reverse("grants:call_ranking", args=[call.code]))
        return len(captured)

    assert queries_with(5) == queries_with(30)


def test_the_donor_sees_grant_figures_without_names(client, call):
    best, _ = scored(call, "Named CSO", "90", Decimal("15000"), relevance=5)
    decision_record(actor=staff_member(Role.GRANT_OFFICER), application=best, decision="award", justification="")
    client.force_login(staff_member(Role.DONOR))
    html = client.get(reverse("grants:figures")).content.decode()
    assert 'data-testid="awarded">1<' in html
    assert "15,000" in html
    assert "Named CSO" not in html


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
def test_two_officers_deciding_at_once_cannot_both_award_past_the_envelope():

    call = published_call(envelope=Decimal("20000"), overall_threshold=Decimal("0"))
    first, _ = scored(call, "First", "90", Decimal("15000"))
    second, _ = scored(call, "Second", "85", Decimal("15000"))
    officers = [staff_member(Role.GRANT_OFFICER, mfa=False), staff_member(Role.GRANT_OFFICER, mfa=False)]
    barrier = threading.Barrier(2)
    outcomes = []

    def award(officer, application):
        try:
            barrier.wait()
            decision_record(actor=officer, application=application, decision="award", justification="Both are strong.")
            outcomes.append("awarded")
        except ValidationError:
            outcomes.append("refused")
        finally:
            close_old_connections()

    threads = [threading.Thread(target=award, args=pair) for pair in zip(officers, (first, second), strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["awarded", "refused"]
    assert Application.objects.filter(call=call, decision="award").count() == 1


def test_a_decided_application_cannot_be_screened_again(call):
    officer = staff_member(Role.GRANT_OFFICER)
    best, _ = scored(call, "Best", "90", Decimal("15000"), relevance=5)
    decision_record(actor=officer, application=best, decision="award", justification="")
    with pytest.raises(ValidationError, match="can no longer change"):
        application_screen(actor=officer, application=best, decision="ineligible", reason="Second thoughts.")
    best.refresh_from_db()
    assert (best.eligibility, best.decision) == ("eligible", "award")
