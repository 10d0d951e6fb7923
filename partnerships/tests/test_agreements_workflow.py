"""The agreement workflow (partnerships.workflows.AGREEMENT) walked through the services: every
action from every state is allowed or refused exactly as the table says, a refusal changes nothing,
and people the rule does not name are refused."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from pghistory.models import Context

from accounts.roles import Role
from centers.tests.factories import staff_member
from core.uploads import in_memory_pdf
from organizations.tests.factories import organization_with_admin
from partnerships.models import Agreement, AgreementParty, AgreementStatus
from partnerships.services import agreements as services
from partnerships.tests.factories_agreements import agreement_in
from partnerships.workflows import AGREEMENT

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _sign(actor, agreement):
    AgreementParty.objects.filter(agreement=agreement).update(
        signatory_name="Hana Saleh", signatory_title="Director", signed_on=TODAY - dt.timedelta(days=1)
    )
    return services.agreement_sign(
        actor=actor,
        agreement=agreement,
        starts_on=TODAY - dt.timedelta(days=1),
        ends_on=TODAY + dt.timedelta(days=365),
        signed_copy=in_memory_pdf("mou.pdf"),
    )


# action -> how a person (or the night) takes it, with every condition outside the table met
STEPS = {
    "negotiate": lambda actor, a: services.agreement_negotiate(actor=actor, agreement=a),
    "sign": _sign,
    "activate": lambda actor, a: services.agreement_activate(actor=actor, agreement=a),
    "start": lambda actor, a: services.agreement_start(agreement_id=a.pk),
    "expire": lambda actor, a: services.agreement_expire(agreement_id=a.pk, today=TODAY + dt.timedelta(days=1000)),
    "renew": lambda actor, a: services.agreement_renew(actor=actor, agreement=a),
    "terminate": lambda actor, a: services.agreement_terminate(
        actor=actor, agreement=a, reason="The partner closed its Iraq office."
    ),
}
SYSTEM = {t.action for t in AGREEMENT.transitions if t.automatic}
WALK = [(state, action) for state in AgreementStatus.values for action in AGREEMENT.actions]


def test_the_walk_covers_every_action_of_the_table():
    assert set(STEPS) == set(AGREEMENT.actions)


@pytest.fixture
def manager():
    return staff_member(Role.CENTRE_MANAGER, mfa=False)


@pytest.mark.parametrize(("state", "action"), WALK, ids=[f"{s}-{a}" for s, a in WALK])
def test_each_action_from_each_state_is_allowed_or_refused_as_the_table_says(manager, state, action):
    # given
    agreement = agreement_in(state)
    transition = AGREEMENT.transition(action, state)
    if transition is None:
        # when / then: refused (a system step says it did nothing), and nothing changed
        if action in SYSTEM:
            assert STEPS[action](manager, agreement) is False
        else:
            with pytest.raises(ValidationError):
                STEPS[action](manager, agreement)
        agreement.refresh_from_db()
        assert agreement.status == state
        return
    # when
    result = STEPS[action](manager, agreement)
    # then: the state the table names, audited with the person (or as the system's step)
    agreement.refresh_from_db()
    assert agreement.status == transition.target
    audit = Context.objects.filter(metadata__action=f"partnerships.agreement_{action}")
    if action in SYSTEM:
        assert result is True and audit.filter(metadata__user=None).exists()
    else:
        assert audit.filter(metadata__user=manager.pk).exists()


PEOPLE_ROWS = [(t, source) for t in AGREEMENT.transitions if not t.automatic for source in sorted(t.sources_set)]


@pytest.mark.parametrize(("transition", "state"), PEOPLE_ROWS, ids=[f"{t.action}-{s}" for t, s in PEOPLE_ROWS])
def test_people_the_rule_does_not_name_are_refused_and_the_agreement_stays(transition, state):
    # given: the Erbil centre's staff, another centre's manager, the admin of a CSO party
    organization, cso_admin = organization_with_admin()
    agreement = agreement_in(state, organizations=[organization])
    staff = staff_member(Role.CENTRE_STAFF, mfa=False)
    other_manager = staff_member(Role.CENTRE_MANAGER, centre_slug="basra", mfa=False)
    for person in (staff, other_manager, cso_admin):
        assert not transition.allows(person, agreement)
        # when / then
        with pytest.raises(PermissionDenied):
            STEPS[transition.action](person, agreement)
        agreement.refresh_from_db()
        assert agreement.status == state


FIRST_SOURCES = [(t.action, sorted(t.sources_set)[0]) for t in AGREEMENT.transitions]


@pytest.mark.parametrize(("action", "state"), FIRST_SOURCES, ids=[f"{a}-{s}" for a, s in FIRST_SOURCES])
def test_every_step_marks_the_agreement_as_changed_now(manager, action, state):
    # given: an agreement last changed long ago
    agreement = agreement_in(state)
    long_ago = timezone.now() - dt.timedelta(days=90)
    Agreement.objects.filter(pk=agreement.pk).update(updated_at=long_ago)
    agreement.refresh_from_db()
    # when
    STEPS[action](manager, agreement)
    # then
    agreement.refresh_from_db()
    assert agreement.status == AGREEMENT.transition(action, state).target
    assert agreement.updated_at > long_ago + dt.timedelta(days=89)


def test_a_programme_admin_manages_an_agreement_of_the_whole_programme():
    agreement = agreement_in(AgreementStatus.DRAFT, centre_slug=None)
    with pytest.raises(PermissionDenied):
        services.agreement_negotiate(actor=staff_member(Role.CENTRE_MANAGER, mfa=False), agreement=agreement)
    services.agreement_negotiate(actor=staff_member(Role.PROGRAMME_ADMIN, mfa=False), agreement=agreement)
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.NEGOTIATION
