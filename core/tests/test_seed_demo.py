import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from accounts.roles import Role
from grants.models import Amendment, ExchangeRate, GrantAgreement, GrantReport, MentoringVisit, Payment, TrancheStatus
from grants.rules.ledger import paid_total
from legal_aid.demo import CASES
from legal_aid.models import LegalCase, Status
from organizations.models import Assessment, LeadershipMember, Organization

pytestmark = pytest.mark.django_db


def test_seed_demo_creates_a_login_for_every_role_and_is_idempotent(capsys):
    call_command("seed_demo")
    first = User.objects.count()
    call_command("seed_demo")
    assert User.objects.count() == first
    output = capsys.readouterr().out
    for role in Role:
        assert any(u.has_role(role) for u in User.objects.all()), role
        assert str(role.label) in output
    assert "Tatweer-demo-2026" in output


def test_seed_demo_refuses_production_settings(settings):
    settings.DEMO_DATA_ALLOWED = False
    with pytest.raises(CommandError):
        call_command("seed_demo")
    assert not User.objects.exists()


def test_seed_demo_scale_multiplies_the_organisations_and_stays_idempotent():
    call_command("seed_demo")
    base = Organization.objects.count()
    assert base >= 30
    assert LeadershipMember.objects.exists() and Assessment.objects.exists()
    assert set(Organization.objects.values_list("nearest_centre__slug", flat=True)) == {"erbil", "mosul", "basra"}
    call_command("seed_demo", scale=3)
    assert Organization.objects.count() == 3 * base
    call_command("seed_demo", scale=3)
    assert Organization.objects.count() == 3 * base


def test_seed_demo_has_grant_agreements_at_every_stage_and_stays_idempotent():
    call_command("seed_demo")
    agreements = GrantAgreement.objects.filter(number__startswith="TAT-2025-02")
    assert {"draft", "active", "closed"} <= set(agreements.values_list("status", flat=True))
    statuses = set(agreements.values_list("tranches__status", flat=True))
    assert {TrancheStatus.PLANNED, TrancheStatus.REQUESTED, TrancheStatus.PAID, TrancheStatus.CANCELLED} <= statuses

    assert {"due", "approved"} <= set(GrantReport.objects.values_list("status", flat=True))
    assert {"requested", "approved"} <= set(Amendment.objects.values_list("status", flat=True))
    assert ExchangeRate.objects.filter(currency="IQD").exists()
    for agreement in agreements:
        assert sum(t.amount for t in agreement.tranches.all()) == agreement.amount
        assert paid_total(agreement) <= agreement.amount
    payments = Payment.objects.count()
    assert payments >= 1

    assert MentoringVisit.objects.filter(agreement__in=agreements, actions__isnull=False).exists()
    call_command("seed_demo")
    assert Payment.objects.count() == payments


def test_seed_demo_has_legal_cases_in_every_state_and_scales():
    call_command("seed_demo")
    assert set(LegalCase.objects.values_list("status", flat=True)) == set(Status.values)
    assert LegalCase.objects.filter(anonymised_at__isnull=False).exists()
    base = LegalCase.objects.count()
    call_command("seed_demo", scale=2)
    call_command("seed_demo", scale=2)
    assert LegalCase.objects.count() == base + len(CASES)
