"""The grants workflows, one table per status field: from each status, the steps a record may take
and who takes them. The services check these tables and add the conditions that are not about the
status or the person (a deadline, a complete application, the amounts of a schedule); the pages
offer what `<WORKFLOW>.actions_for(record, user)` returns.

A refused step is refused with the sentence the grants pages have always shown for it (`refusals`,
by action, or by (action, status) where the status changes the reason).
"""

from django.utils.translation import gettext_lazy as _

from core.workflow import Transition, Workflow
from grants.models import (
    AgreementStatus,
    AmendmentStatus,
    ApplicationStatus,
    AssignmentStatus,
    ReportStatus,
    TrancheStatus,
)
from grants.permissions import (
    can_approve_payments,
    can_declare_review,
    can_edit_application,
    can_make_declaration,
    can_manage_calls,
    can_score_review,
    can_submit_report,
    can_write_report,
)

NOT_A_DRAFT = _("This application has been submitted and can no longer be changed.")

APPLICATION = Workflow(
    "grants.application",
    states=ApplicationStatus,
    initial=[ApplicationStatus.DRAFT],
    transitions=[
        Transition(
            "save",
            {ApplicationStatus.DRAFT},
            ApplicationStatus.DRAFT,
            who=can_edit_application,
            note="a section, budget line, document or answer; before the stage's deadline",
        ),
        Transition(
            "submit",
            {ApplicationStatus.DRAFT},
            ApplicationStatus.SUBMITTED,
            who=can_make_declaration,
            note="before the stage's deadline; the declaration; no application_problems",
        ),
        Transition(
            "invite",
            {ApplicationStatus.SUBMITTED},
            ApplicationStatus.DRAFT,
            who=can_manage_calls,
            note="an eligible concept note of a two-stage call; it becomes the stage-2 draft",
        ),
        Transition(
            "withdraw",
            {ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED},
            ApplicationStatus.WITHDRAWN,
            who=can_make_declaration,
            note="before the stage's deadline",
        ),
    ],
    refusals={
        "save": NOT_A_DRAFT,
        "submit": NOT_A_DRAFT,
        "invite": _("Only submitted concept notes of two-stage calls are invited."),
        "withdraw": _("This application is already withdrawn."),
    },
)

DECLARED_ALREADY = _("The declaration has already been made.")
REVIEW_LOCKED = _("This review is submitted and can no longer be changed.")
DECLARE_FIRST = _("Make the declaration first.")

REVIEW = Workflow(
    "grants.review_assignment",
    states=AssignmentStatus,
    initial=[AssignmentStatus.AWAITING_DECLARATION],
    transitions=[
        Transition(
            "declare",
            {AssignmentStatus.AWAITING_DECLARATION},
            AssignmentStatus.DECLARED,
            who=can_declare_review,
            note="no conflict of interest; confidentiality",
        ),
        Transition(
            "declare_conflict",
            {AssignmentStatus.AWAITING_DECLARATION},
            AssignmentStatus.CONFLICT,
            who=can_declare_review,
            note="ends the assignment and its access",
        ),
        Transition("save", {AssignmentStatus.DECLARED}, AssignmentStatus.DECLARED, who=can_score_review),
        Transition(
            "submit",
            {AssignmentStatus.DECLARED},
            AssignmentStatus.SUBMITTED,
            who=can_score_review,
            note="every criterion scored or not applicable; a recommendation",
        ),
    ],
    refusals={
        "declare": DECLARED_ALREADY,
        "declare_conflict": DECLARED_ALREADY,
        ("save", AssignmentStatus.AWAITING_DECLARATION): DECLARE_FIRST,
        ("submit", AssignmentStatus.AWAITING_DECLARATION): DECLARE_FIRST,
        "save": REVIEW_LOCKED,
        "submit": REVIEW_LOCKED,
    },
)

AGREEMENT = Workflow(
    "grants.agreement",
    states=AgreementStatus,
    initial=[AgreementStatus.DRAFT],
    transitions=[
        Transition(
            "sign",
            {AgreementStatus.DRAFT},
            AgreementStatus.ACTIVE,
            who=can_manage_calls,
            note="the tranches add up to the grant; meets the “signed” conditions",
        ),
        Transition(
            "close",
            {AgreementStatus.ACTIVE},
            AgreementStatus.CLOSED,
            who=can_manage_calls,
            note="no closing_problems: final report approved, no open amendment, every tranche paid or cancelled",
        ),
    ],
    refusals={
        ("sign", AgreementStatus.CLOSED): _("The agreement is closed."),
        "sign": _("This agreement is already signed."),
        "close": _("Only a signed, running agreement can be closed."),
    },
)

TRANCHE = Workflow(
    "grants.tranche",
    states=TrancheStatus,
    initial=[TrancheStatus.PLANNED],
    transitions=[
        Transition(
            "reschedule",
            {TrancheStatus.PLANNED},
            TrancheStatus.PLANNED,
            who=can_manage_calls,
            note="the whole schedule, while every tranche is planned; the amounts add up to the grant",
        ),
        Transition(
            "request",
            {TrancheStatus.PLANNED},
            TrancheStatus.REQUESTED,
            who=can_manage_calls,
            note="the agreement is active; every release condition is met",
        ),
        Transition(
            "pay",
            {TrancheStatus.REQUESTED},
            TrancheStatus.PAID,
            who=can_approve_payments,
            note="not by the person who requested it; the database refuses a second payment and a total beyond the grant",
        ),
        Transition(
            "reverse",
            {TrancheStatus.PAID},
            TrancheStatus.REQUESTED,
            who=can_approve_payments,
            note="a negative payment with a reason",
        ),
        Transition(
            "cancel",
            {TrancheStatus.PLANNED},
            TrancheStatus.CANCELLED,
            who=can_manage_calls,
            note="the agreement is active; a reason",
        ),
    ],
    refusals={
        "reschedule": _("Tranches already requested or paid: the schedule can no longer change."),
        "request": _("This tranche has already been requested."),
        "pay": _("This tranche is not waiting for payment (it may already be paid)."),
        "reverse": _("This entry cannot be reversed."),
        "cancel": _("Only a tranche not yet requested can be cancelled."),
    },
)

REVIEWABLE_ONLY = _("Only a submitted report can be reviewed.")

REPORT = Workflow(
    "grants.report",
    states=ReportStatus,
    initial=[ReportStatus.DUE],
    transitions=[
        Transition(
            "save",
            {ReportStatus.DUE},
            ReportStatus.DUE,
            who=can_write_report,
            note="the draft and its receipts; the agreement not closed",
        ),
        Transition(
            "save",
            {ReportStatus.CHANGES},
            ReportStatus.CHANGES,
            who=can_write_report,
            note="the draft and its receipts; the agreement not closed",
        ),
        Transition(
            "submit",
            {ReportStatus.DUE, ReportStatus.CHANGES},
            ReportStatus.SUBMITTED,
            who=can_submit_report,
            note="no report_problems: narrative, people reached, receipts, variance",
        ),
        Transition(
            "approve",
            {ReportStatus.SUBMITTED},
            ReportStatus.APPROVED,
            who=can_manage_calls,
            note="the variance checked again; meets the next “report approved” condition",
        ),
        Transition(
            "request_changes",
            {ReportStatus.SUBMITTED},
            ReportStatus.CHANGES,
            who=can_manage_calls,
            note="a comment the organisation reads",
        ),
    ],
    refusals={
        "save": _("This report has been submitted and can no longer change."),
        "submit": _("This report has already been submitted."),
        "approve": REVIEWABLE_ONLY,
        "request_changes": REVIEWABLE_ONLY,
    },
)

DECIDED_ALREADY = _("This amendment has already been decided.")

AMENDMENT = Workflow(
    "grants.amendment",
    states=AmendmentStatus,
    initial=[AmendmentStatus.REQUESTED],
    transitions=[
        Transition(
            "approve",
            {AmendmentStatus.REQUESTED},
            AmendmentStatus.APPROVED,
            who=can_manage_calls,
            note="the agreement is active; a reallocation still valid adds the next budget version, an "
            "extension moves the end",
        ),
        Transition(
            "refuse",
            {AmendmentStatus.REQUESTED},
            AmendmentStatus.REFUSED,
            who=can_manage_calls,
            note="a comment the organisation reads",
        ),
    ],
    refusals={"approve": DECIDED_ALREADY, "refuse": DECIDED_ALREADY},
)
