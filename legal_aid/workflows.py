"""The legal case's workflow (`LegalCase.status`): from each status, the steps a case may take and
who takes them. The services in `legal_aid.services` enforce it and add the conditions that are not
about the status (the conflict check, a reason, the CSO's consent, anonymised cases); the case page
offers what `CASE.actions_for(case, user)` returns."""

from django.utils.translation import gettext_lazy as _

from core.workflow import Transition, Workflow
from legal_aid import permissions
from legal_aid.models import Status

# Where a case is worked on: lawyers can be changed without the status changing.
WORKED_ON = (Status.ASSIGNED, Status.IN_PROGRESS, Status.WAITING)
OPEN_FOR_REFERRAL = (Status.SUBMITTED, Status.TRIAGED, *WORKED_ON)


CASE = Workflow(
    "legal_aid.case",
    # The wording the case pages have always used.
    refusal=_("A case that is “%(current)s” cannot become “%(new)s”."),
    states=Status,
    initial=[Status.SUBMITTED],
    transitions=[
        Transition(
            "accept",
            {Status.SUBMITTED},
            Status.TRIAGED,
            who=permissions.can_triage_case,
            note="after the conflict check",
        ),
        Transition(
            "reject",
            {Status.SUBMITTED, Status.TRIAGED},
            Status.REJECTED,
            who=permissions.can_triage_case,
            note="a reason the CSO reads",
        ),
        Transition(
            "assign", {Status.TRIAGED}, Status.ASSIGNED, who=permissions.can_assign_lawyers, note="lawyers only"
        ),
        *(
            Transition("assign", {status}, status, who=permissions.can_assign_lawyers, note="a change of lawyers")
            for status in WORKED_ON
        ),
        Transition("start", {Status.ASSIGNED}, Status.IN_PROGRESS, who=permissions.works_on),
        Transition("wait", {Status.IN_PROGRESS}, Status.WAITING, who=permissions.works_on),
        Transition("resume", {Status.WAITING}, Status.IN_PROGRESS, who=permissions.works_on),
        Transition("resolve", {Status.IN_PROGRESS, Status.WAITING}, Status.RESOLVED, who=permissions.works_on),
        Transition(
            "refer",
            set(OPEN_FOR_REFERRAL),
            Status.REFERRED,
            who=permissions.works_on,
            note="with the CSO's consent, else the coordinator's override with a reason",
        ),
        Transition(
            "close",
            {Status.IN_PROGRESS, Status.WAITING, Status.RESOLVED, Status.REFERRED},
            Status.CLOSED,
            who=permissions.works_on,
            note="an outcome and its summary",
        ),
        Transition(
            "reopen",
            {Status.RESOLVED, Status.REFERRED},
            Status.IN_PROGRESS,
            who=permissions.works_on,
            note="not once anonymised",
        ),
        Transition(
            "reopen",
            {Status.CLOSED},
            Status.IN_PROGRESS,
            who=permissions.can_reopen_closed_case,
            note="not once anonymised",
        ),
    ],
)

# The steps of the case-work form (`services.set_status`); the others have forms of their own.
CASE_WORK = frozenset({"start", "wait", "resume", "resolve", "reopen"})
