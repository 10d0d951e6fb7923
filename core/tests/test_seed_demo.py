import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from accounts.roles import Role

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
    from organizations.models import Assessment, LeadershipMember, Organization

    call_command("seed_demo")
    base = Organization.objects.count()
    assert base >= 30
    assert LeadershipMember.objects.exists() and Assessment.objects.exists()
    assert set(Organization.objects.values_list("nearest_centre__slug", flat=True)) == {"erbil", "mosul", "basra"}
    call_command("seed_demo", scale=3)
    assert Organization.objects.count() == 3 * base
    call_command("seed_demo", scale=3)
    assert Organization.objects.count() == 3 * base
