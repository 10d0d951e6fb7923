"""The legal case's workflow (legal_aid.workflows.CASE), walked through the services: every step from
every status, allowed or refused as the table says; who the table refuses; what the case page offers."""

import re

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from pghistory.models import Context

from accounts.roles import Role
from centers.tests.factories import centre, staff_member
from legal_aid import services
from legal_aid.models import (
    AssignmentRole,
    CaseAssignment,
    Channel,
    LegalCase,
    LegalCaseEvent,
    Status,
)
from legal_aid.workflows import CASE, CASE_WORK
from organizations.tests.factories import organization_with_admin

pytestmark = pytest.mark.django_db

# Each service step of the workflow: the service call, the audit action it records, and the
# workflow's actions it can make (`set_status` picks its step by the status it is given).
STEPS = {
    "accept": (lambda actor, case, team: services.triage(actor=actor, case=case, decision="accept"), "legal_triage"),
    "reject": (
        lambda actor, case, team: services.triage(actor=actor, case=case, decision="reject", reason="Out of scope."),
        "legal_triage",
    ),
    "assign": (lambda actor, case, team: services.assign(actor=actor, case=case, primary=team.other), "legal_assign"),
    "to_in_progress": (
        lambda actor, case, team: services.set_status(actor=actor, case=case, status=Status.IN_PROGRESS),
        "legal_status",
    ),
    "to_waiting": (
        lambda actor, case, team: services.set_status(actor=actor, case=case, status=Status.WAITING),
        "legal_status",
    ),
    "to_resolved": (
        lambda actor, case, team: services.set_status(actor=actor, case=case, status=Status.RESOLVED),
        "legal_status",
    ),
    "refer": (
        lambda actor, case, team: services.refer(
            actor=actor, case=case, organization_name="Bar association", reason="Court work."
        ),
        "legal_referral",
    ),
    "close": (
        lambda actor, case, team: services.close(actor=actor, case=case, outcome="advice", summary="Advice given."),
        "legal_close",
    ),
}


def actions_of(step: str) -> set[str]:
    if step.startswith("to_"):
        target = step.removeprefix("to_")
        return {t.action for t in CASE.transitions if t.action in CASE_WORK and t.target == target}
    return {step}


def transition_for(step: str, state: str):
    """The table's transition this step makes from `state`, or None."""
    target = step.removeprefix("to_") if step.startswith("to_") else None
    return next(
        (
            t
            for t in CASE.transitions
            if t.action in actions_of(step) and state in t.sources_set and (target is None or t.target == target)
        ),
        None,
    )


def test_every_action_of_the_table_is_made_by_one_service_step():
    covered = [action for step in STEPS for action in actions_of(step)]
    assert sorted(covered) == sorted(CASE.actions)


class Team:
    def __init__(self):
        self.coordinator = staff_member(Role.LEGAL_COORDINATOR)
        self.lawyer = staff_member(Role.LAWYER)
        self.other = staff_member(Role.LAWYER, centre_slug="basra")
        self.outsider = staff_member(Role.LAWYER, centre_slug="mosul")  # assigned to nothing
        self.organization, self.client = organization_with_admin()


@pytest.fixture
def team():
    return Team()


def case_in(state: str, team: Team) -> LegalCase:
    """A case in `state` as the workflow would have left it: conflict checked, the CSO consenting to a
    referral, the team's lawyer assigned once the case is assigned, an outcome once closed."""
    closed = state == Status.CLOSED
    case = LegalCase.objects.create(
        reference=f"LA-WF-{state}",
        organization=team.organization,
        category="labour",
        description="End-of-service pay.",
        preferred_centre=centre("erbil"),
        consent_data_use=True,
        consent_referral=True,
        channel=Channel.ONLINE,
        status=state,
        conflict_checked_at=timezone.now(),
        outcome="advice" if closed else "",
        outcome_summary="Advice given." if closed else "",
        closed_at=timezone.now() if closed else None,
    )
    if state not in (Status.SUBMITTED, Status.TRIAGED, Status.REJECTED):
        CaseAssignment.objects.create(case=case, lawyer=team.lawyer, role=AssignmentRole.PRIMARY)
        LegalCase.objects.filter(pk=case.pk).update(primary_lawyer=team.lawyer)
    return case


def person_for(step: str, case: LegalCase, team: Team):
    """Someone the table's rule lets take the step (the lawyer where the rule allows, else the
    coordinator), so a refusal is about the status, not the person."""
    transition = transition_for(step, case.status)
    rules = [transition] if transition else [t for t in CASE.transitions if t.action in actions_of(step)]
    return next(p for p in (team.lawyer, team.coordinator) if any(t.allows(p, case) for t in rules))


WALK = [(state, step) for state in Status.values for step in STEPS]


@pytest.mark.parametrize(("state", "step"), WALK, ids=[f"{state}-{step}" for state, step in WALK])
def test_each_step_from_each_status_is_allowed_or_refused_as_the_table_says(team, state, step):
    # given
    case = case_in(state, team)
    actor = person_for(step, case, team)
    call, audit_action = STEPS[step]
    transition = transition_for(step, state)
    if transition is None:
        # when / then: refused, and nothing changed
        with pytest.raises((ValidationError, PermissionDenied)):
            call(actor, case, team)
        case.refresh_from_db()
        assert case.status == state
        return
    # when
    call(actor, case, team)
    # then: the status the table names, and an audit entry naming the person
    case.refresh_from_db()
    assert case.status == transition.target
    assert Context.objects.filter(metadata__user=actor.pk, metadata__action=audit_action).exists()
    if transition.target != state:
        event = LegalCaseEvent.objects.filter(pgh_obj=case, pgh_label="status_changed").latest("pgh_id")
        assert event.status == transition.target and event.pgh_context.metadata["user"] == actor.pk


ROWS = [(t, source) for t in CASE.transitions for source in sorted(t.sources_set)]


@pytest.mark.parametrize(("transition", "state"), ROWS, ids=[f"{t.action}-{s}" for t, s in ROWS])
def test_people_the_rule_does_not_name_are_refused_and_the_case_stays(team, transition, state):
    # given: the CSO's own admin, a lawyer not assigned to the case, and (for the coordinator's
    # steps) the assigned lawyer
    case = case_in(state, team)
    step = next(s for s in STEPS if transition.action in actions_of(s))
    call = STEPS[step][0]
    refused = [p for p in (team.client, team.outsider, team.lawyer) if not transition.allows(p, case)]
    assert team.client in refused and team.outsider in refused
    for person in refused:
        # when / then
        with pytest.raises((PermissionDenied, ValidationError)):
            call(person, case, team)
        case.refresh_from_db()
        assert case.status == state


def test_a_lawyer_is_told_that_only_the_coordinator_reopens_a_closed_case(team):
    case = case_in(Status.CLOSED, team)
    with pytest.raises(ValidationError, match="Only the legal coordinator reopens"):
        services.set_status(actor=team.lawyer, case=case, status=Status.IN_PROGRESS)


# --- What the case page offers -------------------------------------------------------------------

# The form (its post URL) through which the page offers each action of the workflow.
OFFERED_BY = {
    "accept": "legal_aid:triage",
    "reject": "legal_aid:triage",
    "assign": "legal_aid:assign",
    "start": "legal_aid:set_status",
    "wait": "legal_aid:set_status",
    "resume": "legal_aid:set_status",
    "resolve": "legal_aid:set_status",
    "reopen": "legal_aid:reopen",
    "refer": "legal_aid:refer",
    "close": "legal_aid:close",
}


def offered(html: str, case: LegalCase) -> set[str]:
    """The workflow forms on the page (by their post URL)."""
    posts = set(re.findall(r'action="([^"]+)"', html))
    return {name for name in set(OFFERED_BY.values()) if reverse(name, args=[case.pk]) in posts}


@pytest.mark.parametrize(
    "state", [Status.SUBMITTED, Status.TRIAGED, Status.ASSIGNED, Status.WAITING, Status.REFERRED, Status.CLOSED]
)
@pytest.mark.parametrize("who", ["coordinator", "lawyer", "client"])
def test_the_case_page_offers_exactly_the_steps_the_workflow_permits(client, team, state, who):
    case = case_in(state, team)
    person = getattr(team, who)
    client.force_login(person)
    html = client.get(reverse("legal_aid:case", args=[case.pk])).content.decode()
    expected = {OFFERED_BY[action] for action in CASE.actions_for(case, person)}
    assert offered(html, case) == expected


def test_an_anonymised_case_is_not_offered_for_reopening(client, team):
    case = case_in(Status.CLOSED, team)
    LegalCase.objects.filter(pk=case.pk).update(anonymised_at=timezone.now())
    client.force_login(team.coordinator)
    html = client.get(reverse("legal_aid:case", args=[case.pk])).content.decode()
    assert "reopen" in CASE.actions_for(case, team.coordinator)
    assert "legal_aid:reopen" not in offered(html, case)


def test_the_design_document_carries_the_table_as_the_workflow_renders_it():
    assert CASE.markdown() in (settings.BASE_DIR / "docs" / "workflows.md").read_text()
