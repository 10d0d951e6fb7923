"""Coalition services: who may start and change a coalition, members added, re-roled and leaving,
the refusals (nothing changed) and the database's own rules."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DEFAULT_DB_ALIAS, IntegrityError, OperationalError, connections, transaction
from django.utils import timezone

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from centers.tests.factories import centre, staff_member
from organizations.tests.factories import organization_with_admin
from partnerships.models import Coalition, CoalitionMember, CoalitionRole
from partnerships.services import coalitions as services
from partnerships.tests.factories_coalitions import FOUNDED, add_member, make_coalition, make_partner

pytestmark = pytest.mark.django_db

DATA = {
    "name": "Basra Water Rights Coalition",
    "kind": "coalition",
    "purpose": "Clean water for every district of Basra.",
    "founded_on": FOUNDED,
    "is_public": True,
}


@pytest.fixture
def cso():
    return organization_with_admin(verification_status="verified", governorate="basra")


@pytest.fixture
def led(cso):
    """A coalition led by the CSO, its admin managing it."""
    organization, admin = cso
    return make_coalition(lead=organization), admin


def test_a_verified_csos_admin_starts_a_coalition_her_cso_leads(cso):
    organization, admin = cso
    coalition = services.coalition_create(actor=admin, data=DATA, lead=organization)
    assert coalition.centre == organization.nearest_centre and coalition.created_by == admin
    lead = coalition.members.get()
    assert (lead.organization, lead.role, lead.joined_on, lead.left_on) == (
        organization,
        CoalitionRole.LEAD,
        FOUNDED,
        None,
    )


def test_an_unverified_csos_admin_cannot_start_one():
    organization, admin = organization_with_admin(verification_status="pending")
    with pytest.raises(PermissionDenied):
        services.coalition_create(actor=admin, data=DATA, lead=organization)
    assert not Coalition.objects.exists()


def test_a_member_who_is_not_admin_cannot_start_one(cso):
    organization, _admin = cso
    member = UserFactory()
    organization.memberships.create(user=member, role="member")
    with pytest.raises(PermissionDenied):
        services.coalition_create(actor=member, data=DATA, lead=organization)
    assert not Coalition.objects.exists()


def test_a_centre_manager_starts_one_for_her_centre_only():
    manager = staff_member(Role.CENTRE_MANAGER, centre_slug="erbil")
    coalition = services.coalition_create(actor=manager, data=DATA, centre=centre("erbil"))
    assert coalition.centre.slug == "erbil" and not coalition.members.exists()
    with pytest.raises(PermissionDenied):
        services.coalition_create(actor=manager, data=DATA, centre=centre("basra"))
    with pytest.raises(ValidationError) as refused:
        services.coalition_create(actor=manager, data=DATA)
    assert "centre" in refused.value.error_dict
    assert Coalition.objects.count() == 1


def test_a_founding_date_in_the_future_is_refused(cso):
    organization, admin = cso
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        services.coalition_create(actor=admin, data={**DATA, "founded_on": tomorrow}, lead=organization)
    assert "founded_on" in refused.value.error_dict
    assert not Coalition.objects.exists() and not CoalitionMember.objects.exists()


def test_the_lead_changes_the_coalition_but_not_its_founding_after_a_member_joined(led, cso):
    coalition, admin = led
    other, _ = organization_with_admin(verification_status="verified")
    add_member(coalition, organization=other, joined_on=FOUNDED + timedelta(days=30))
    services.coalition_update(actor=admin, coalition=coalition, data={**DATA, "name": "Shatt al-Arab Network"})
    coalition.refresh_from_db()
    assert coalition.name == "Shatt al-Arab Network"
    with pytest.raises(ValidationError) as refused:
        services.coalition_update(actor=admin, coalition=coalition, data={**DATA, "founded_on": FOUNDED + timedelta(1)})
    assert "founded_on" in refused.value.error_dict
    coalition.refresh_from_db()
    assert coalition.founded_on == FOUNDED and coalition.name == "Shatt al-Arab Network"


def test_a_member_csos_admin_cannot_change_the_coalition(led):
    coalition, _admin = led
    other, other_admin = organization_with_admin(verification_status="verified")
    add_member(coalition, organization=other)
    with pytest.raises(PermissionDenied):
        services.coalition_update(actor=other_admin, coalition=coalition, data={**DATA, "name": "Taken over"})
    assert Coalition.objects.get().name != "Taken over"


def test_members_join_as_csos_or_partners_with_a_role(led):
    coalition, admin = led
    other, _ = organization_with_admin(verification_status="verified")
    partner = make_partner(name="Oxfam", is_public=True)
    joined = FOUNDED + timedelta(days=3)
    cso_member = services.member_add(
        actor=admin, coalition=coalition, organization=other, role="member", joined_on=joined
    )
    observer = services.member_add(actor=admin, coalition=coalition, partner=partner, role="observer", joined_on=joined)
    assert (cso_member.organization, cso_member.role) == (other, CoalitionRole.MEMBER)
    assert (observer.partner, observer.role, observer.joined_on) == (partner, CoalitionRole.OBSERVER, joined)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"organization": None}, "organization"),  # neither a CSO nor a partner
        ({"partner": "both"}, "organization"),  # both
        ({"role": "chair"}, "role"),
        ({"joined_on": date(2023, 12, 31)}, "joined_on"),  # before the founding
        ({"joined_on": "tomorrow"}, "joined_on"),
        ({"organization": "lead"}, "organization"),  # already a member
    ],
)
def test_a_bad_member_is_refused_and_nothing_is_added(led, change, field):
    coalition, admin = led
    other, _ = organization_with_admin(verification_status="verified")
    arguments = {"organization": other, "partner": None, "role": "member", "joined_on": FOUNDED}
    arguments.update(change)
    if arguments["partner"] == "both":
        arguments["partner"] = make_partner()
    if arguments["organization"] == "lead":
        arguments["organization"] = coalition.members.get().organization
    if arguments["joined_on"] == "tomorrow":
        arguments["joined_on"] = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        services.member_add(actor=admin, coalition=coalition, **arguments)
    assert field in refused.value.error_dict
    assert coalition.members.count() == 1


def test_a_non_public_partner_is_refused_to_a_csos_admin_but_staff_may_add_it(led):
    coalition, admin = led
    hidden = make_partner(is_public=False)
    with pytest.raises(ValidationError) as refused:
        services.member_add(actor=admin, coalition=coalition, partner=hidden, role="member", joined_on=FOUNDED)
    assert "partner" in refused.value.error_dict and coalition.members.count() == 1
    manager = staff_member(Role.CENTRE_MANAGER, centre_slug="erbil")
    services.member_add(actor=manager, coalition=coalition, partner=hidden, role="member", joined_on=FOUNDED)
    assert coalition.members.count() == 2


def test_a_stranger_cannot_add_members(led):
    coalition, _admin = led
    other, other_admin = organization_with_admin(verification_status="verified")
    with pytest.raises(PermissionDenied):
        services.member_add(actor=other_admin, coalition=coalition, organization=other, role="lead", joined_on=FOUNDED)
    with pytest.raises(PermissionDenied):
        services.member_add(
            actor=staff_member(Role.CENTRE_MANAGER, centre_slug="basra"),
            coalition=coalition,
            organization=other,
            role="member",
            joined_on=FOUNDED,
        )
    assert coalition.members.count() == 1


def test_a_member_who_left_joins_again_as_a_new_row_but_not_before_leaving(led):
    coalition, admin = led
    other, _ = organization_with_admin(verification_status="verified")
    first = add_member(coalition, organization=other)
    left = FOUNDED + timedelta(days=100)
    services.member_leave(actor=admin, member=first, left_on=left)
    with pytest.raises(ValidationError) as refused:
        services.member_add(
            actor=admin, coalition=coalition, organization=other, role="member", joined_on=left - timedelta(1)
        )
    assert "joined_on" in refused.value.error_dict
    again = services.member_add(actor=admin, coalition=coalition, organization=other, role="observer", joined_on=left)
    first.refresh_from_db()
    assert again.pk != first.pk and first.left_on == left and again.left_on is None


def test_a_role_changes_in_place(led):
    coalition, admin = led
    other, _ = organization_with_admin(verification_status="verified")
    member = add_member(coalition, organization=other)
    changed = services.member_role_change(actor=admin, member=member, role="lead")
    assert changed.pk == member.pk and CoalitionMember.objects.get(pk=member.pk).role == CoalitionRole.LEAD
    assert coalition.members.count() == 2


def _centre_locked_elsewhere(centre) -> bool:
    """Whether another connection finds the centre's row locked (SELECT ... FOR UPDATE NOWAIT)."""
    default = connections[DEFAULT_DB_ALIAS]
    side = type(default)(dict(default.settings_dict), alias="side")
    try:
        with side.cursor() as cursor:
            try:
                cursor.execute("SELECT 1 FROM centers_center WHERE id = %s FOR UPDATE NOWAIT", [centre.pk])
            except OperationalError:
                return True
            assert cursor.fetchone() == (1,)  # the centres exist after migrate: this connection sees them
            return False
    finally:
        side.close()


def test_changing_a_member_locks_the_coalition_but_not_its_centre(led):
    coalition, admin = led
    member = add_member(coalition, partner=make_partner())
    services.member_role_change(actor=admin, member=member, role="observer")  # its locks last until the test ends
    assert not _centre_locked_elsewhere(coalition.centre)


def test_the_last_lead_keeps_the_role_until_another_member_leads(led):
    coalition, admin = led
    lead = coalition.members.get()
    other, _ = organization_with_admin(verification_status="verified")
    member = add_member(coalition, organization=other)
    with pytest.raises(ValidationError) as refused:
        services.member_role_change(actor=admin, member=lead, role="member")
    assert "role" in refused.value.error_dict
    assert CoalitionMember.objects.get(pk=lead.pk).role == CoalitionRole.LEAD
    services.member_role_change(actor=admin, member=member, role="lead")
    services.member_role_change(actor=admin, member=lead, role="member")
    assert CoalitionMember.objects.get(pk=lead.pk).role == CoalitionRole.MEMBER


def test_the_last_lead_cannot_leave(led):
    coalition, admin = led
    lead = coalition.members.get()
    with pytest.raises(ValidationError) as refused:
        services.member_leave(actor=admin, member=lead, left_on=timezone.localdate())
    assert "only lead" in " ".join(refused.value.messages)
    assert CoalitionMember.objects.get(pk=lead.pk).left_on is None


@pytest.mark.parametrize("when", ["before joining", "tomorrow"])
def test_a_leaving_date_before_joining_or_in_the_future_is_refused(led, when):
    coalition, admin = led
    other, _ = organization_with_admin(verification_status="verified")
    member = add_member(coalition, organization=other, joined_on=FOUNDED + timedelta(days=10))
    left_on = FOUNDED if when == "before joining" else timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        services.member_leave(actor=admin, member=member, left_on=left_on)
    assert "left_on" in refused.value.error_dict
    assert CoalitionMember.objects.get(pk=member.pk).left_on is None


def test_a_member_csos_own_admin_records_its_leaving_once(led):
    coalition, _admin = led
    other, other_admin = organization_with_admin(verification_status="verified")
    member = add_member(coalition, organization=other)
    third, third_admin = organization_with_admin(verification_status="verified")
    stranger = add_member(coalition, organization=third)
    with pytest.raises(PermissionDenied):
        services.member_leave(actor=other_admin, member=stranger, left_on=timezone.localdate())
    services.member_leave(actor=other_admin, member=member, left_on=timezone.localdate())
    with pytest.raises(ValidationError):
        services.member_leave(actor=other_admin, member=member, left_on=timezone.localdate())
    with pytest.raises(ValidationError):
        services.member_role_change(actor=_admin, member=member, role="observer")
    member.refresh_from_db()
    assert member.left_on == timezone.localdate() and member.role == CoalitionRole.MEMBER


def test_the_database_refuses_a_second_current_membership_of_one_party(led):
    coalition, _admin = led
    partner = make_partner()
    add_member(coalition, partner=partner)
    with pytest.raises(IntegrityError), transaction.atomic():
        add_member(coalition, partner=partner)
    add_member(coalition, partner=make_partner())
    assert coalition.members.count() == 3


def test_the_database_refuses_a_member_with_no_party_or_two(led):
    coalition, _admin = led
    other, _ = organization_with_admin()
    with pytest.raises(IntegrityError), transaction.atomic():
        CoalitionMember.objects.create(coalition=coalition, role="member", joined_on=FOUNDED)
    with pytest.raises(IntegrityError), transaction.atomic():
        add_member(coalition, organization=other, partner=make_partner())


def test_the_database_refuses_leaving_before_joining(led):
    coalition, _admin = led
    member = add_member(coalition, partner=make_partner(), joined_on=FOUNDED + timedelta(days=5))
    with pytest.raises(IntegrityError), transaction.atomic():
        CoalitionMember.objects.filter(pk=member.pk).update(left_on=FOUNDED)
    assert CoalitionMember.objects.get(pk=member.pk).left_on is None


def test_the_service_turns_a_racing_duplicate_into_the_same_message(led, monkeypatch):
    coalition, admin = led
    partner = make_partner(is_public=True)
    monkeypatch.setattr(services, "_check_new_member", lambda **kwargs: None)  # as if a second request raced past it
    add_member(coalition, partner=partner)
    with pytest.raises(ValidationError) as refused:
        services.member_add(actor=admin, coalition=coalition, partner=partner, role="member", joined_on=FOUNDED)
    assert "already a member" in " ".join(refused.value.messages) and "partner" in refused.value.error_dict
    assert coalition.members.count() == 2
