"""The workflows of results reporting: a progress report from draft to the EU, and a value entered
by hand from draft to approved. Approving or returning is a second person's step (four eyes: the
predicates refuse the author, and the database refuses it too)."""

from django.utils.translation import gettext_lazy as _

from core.workflow import Transition, Workflow
from results import permissions
from results.models import ReportStatus, ValueStatus

REPORT = Workflow(
    "results.report",
    states=ReportStatus,
    initial=[ReportStatus.DRAFT],
    refusals={
        ("submit", ReportStatus.SUBMITTED): _("This report is already waiting for approval."),
        "send": _("Only an approved report can be sent to the EU."),
    },
    transitions=[
        Transition(
            "submit",
            {ReportStatus.DRAFT, ReportStatus.RETURNED},
            ReportStatus.SUBMITTED,
            who=permissions.can_submit_report,
            note="every required section written, every revision explained; the figures are frozen",
        ),
        Transition(
            "return",
            {ReportStatus.SUBMITTED},
            ReportStatus.RETURNED,
            who=permissions.can_review_report,
            note="with comments; not by the person who submitted it",
        ),
        Transition(
            "approve",
            {ReportStatus.SUBMITTED},
            ReportStatus.APPROVED,
            who=permissions.can_review_report,
            note="not by the person who submitted it",
        ),
        Transition("send", {ReportStatus.APPROVED}, ReportStatus.SENT, who=permissions.can_send_report),
    ],
)

MANUAL_VALUE = Workflow(
    "results.manual_value",
    states=ValueStatus,
    initial=[ValueStatus.DRAFT],
    transitions=[
        Transition(
            "submit",
            {ValueStatus.DRAFT, ValueStatus.RETURNED},
            ValueStatus.SUBMITTED,
            who=permissions.can_submit_value,
            note="with evidence, a file or a link",
        ),
        Transition(
            "approve",
            {ValueStatus.SUBMITTED},
            ValueStatus.APPROVED,
            who=permissions.can_review_value,
            note="not by the person who entered it",
        ),
        Transition(
            "return",
            {ValueStatus.SUBMITTED},
            ValueStatus.RETURNED,
            who=permissions.can_review_value,
            note="with a comment; not by the person who entered it",
        ),
    ],
)
