"""The workflows of partnerships: an agreement from draft to expiry, renewal or termination, and a
joint initiative from draft to delivery."""

from django.utils.translation import gettext_lazy as _

from core.workflow import Transition, Workflow
from partnerships import permissions
from partnerships.models import AgreementStatus, InitiativeStatus

AGREEMENT = Workflow(
    "partnerships.agreement",
    states=AgreementStatus,
    initial=[AgreementStatus.DRAFT],
    refusals={"terminate": _("Only a signed or active agreement can be terminated.")},
    transitions=[
        Transition(
            "negotiate", {AgreementStatus.DRAFT}, AgreementStatus.NEGOTIATION, who=permissions.can_manage_agreement
        ),
        Transition(
            "sign",
            {AgreementStatus.DRAFT, AgreementStatus.NEGOTIATION},
            AgreementStatus.SIGNED,
            who=permissions.can_manage_agreement,
            note="every party's signatory and date (none in the future), the dates in force, the signed copy",
        ),
        Transition(
            "activate",
            {AgreementStatus.SIGNED},
            AgreementStatus.ACTIVE,
            who=permissions.can_manage_agreement,
            note="also done each night once the date in force is reached",
        ),
        Transition(
            "start", {AgreementStatus.SIGNED}, AgreementStatus.ACTIVE, note="the night the date in force is reached"
        ),
        Transition("expire", {AgreementStatus.ACTIVE}, AgreementStatus.EXPIRED, note="the night after its end date"),
        Transition(
            "renew",
            {AgreementStatus.ACTIVE, AgreementStatus.EXPIRED},
            AgreementStatus.RENEWED,
            who=permissions.can_manage_agreement,
            note="a new draft with the same parties takes over",
        ),
        Transition(
            "terminate",
            {AgreementStatus.SIGNED, AgreementStatus.ACTIVE},
            AgreementStatus.TERMINATED,
            who=permissions.can_manage_agreement,
            note="with the reason",
        ),
    ],
)

INITIATIVE = Workflow(
    "partnerships.initiative",
    states=InitiativeStatus,
    initial=[InitiativeStatus.DRAFT],
    refusals={"publish": _("This initiative is already published: its text is frozen.")},
    transitions=[
        Transition(
            "publish",
            {InitiativeStatus.DRAFT},
            InitiativeStatus.PUBLISHED,
            who=permissions.can_publish_initiative,
            note="freezes the latest version (its SHA-256 shown) and opens the signature window",
        ),
        Transition(
            "deliver",
            {InitiativeStatus.PUBLISHED},
            InitiativeStatus.DELIVERED,
            who=permissions.can_record_advocacy,
            note="the first delivery to a target is recorded",
        ),
        Transition(
            "withdraw",
            {InitiativeStatus.DRAFT},
            InitiativeStatus.WITHDRAWN,
            who=permissions.can_withdraw_initiative,
            note="with the reason; a published text stays on record",
        ),
    ],
)
