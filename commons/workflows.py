"""The workflow of a platform entry: written, sent for review or published, approved or not, hidden
by a moderator or by three readers' reports, shown again."""

from django.utils.translation import gettext_lazy as _

from commons import permissions
from commons.models import EntryStatus
from core.workflow import Transition, Workflow

ENTRY = Workflow(
    "commons.entry",
    states=EntryStatus,
    initial=[EntryStatus.DRAFT],
    refusals={"approve": _("Only an entry waiting for review can be approved.")},
    transitions=[
        Transition(
            "submit",
            {EntryStatus.DRAFT, EntryStatus.DECLINED},
            EntryStatus.PENDING,
            who=permissions.can_submit,
            note="a CSO's first two entries, and any by an account younger than 30 days",
        ),
        Transition(
            "publish",
            {EntryStatus.DRAFT, EntryStatus.DECLINED},
            EntryStatus.PUBLISHED,
            who=permissions.can_submit,
            note="once the CSO and the account are trusted",
        ),
        Transition("approve", {EntryStatus.PENDING}, EntryStatus.PUBLISHED, who=permissions.can_moderate),
        Transition(
            "decline",
            {EntryStatus.PENDING},
            EntryStatus.DECLINED,
            who=permissions.can_moderate,
            note="with the reason, sent to the author in her language",
        ),
        Transition(
            "hide",
            {EntryStatus.PUBLISHED},
            EntryStatus.HIDDEN,
            who=permissions.can_moderate,
            note="with the reason",
        ),
        Transition(
            "hide_by_reports",
            {EntryStatus.PUBLISHED},
            EntryStatus.HIDDEN,
            note="the third distinct reader's report",
        ),
        Transition(
            "restore",
            {EntryStatus.HIDDEN, EntryStatus.DECLINED},
            EntryStatus.PUBLISHED,
            who=permissions.can_moderate,
            note="after a second review",
        ),
    ],
)
