"""Accompaniment: mentoring visits and coaching sessions, and their follow-up actions."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.audit import actor_context
from grants import permissions
from grants.models import (
    ActionStatus,
    AgreementStatus,
    ConditionKind,
    FollowUpAction,
    GrantAgreement,
    MentoringVisit,
    VisitKind,
)
from grants.services.agreements import meet_next_waiting


@transaction.atomic
def visit_record(*, actor: User, agreement: GrantAgreement, data: dict, actions: list[dict]) -> MentoringVisit:
    """Records a mentoring visit or coaching session with its agreed follow-up actions. A mentoring
    visit meets the "visit done" condition of the earliest tranche not yet requested that waits for one."""
    if not permissions.can_manage_calls(actor):
        raise PermissionDenied
    agreement = GrantAgreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.status != AgreementStatus.ACTIVE:
        raise ValidationError(_("Visits are recorded once the agreement is signed."))
    visit = MentoringVisit(agreement=agreement, recorded_by=actor, **data)
    visit.full_clean(exclude=["agreement"])
    with actor_context(actor, action="visit_record"):
        visit.save()
        FollowUpAction.objects.bulk_create(FollowUpAction(visit=visit, **row) for row in actions)
        if visit.kind == VisitKind.VISIT:
            meet_next_waiting(agreement, ConditionKind.VISIT, actor)
    return visit


@transaction.atomic
def action_set_status(*, actor: User, action: FollowUpAction, status: str) -> FollowUpAction:
    if not permissions.can_manage_calls(actor):
        raise PermissionDenied
    if status not in ActionStatus.values:
        raise ValidationError(_("Choose a status from the list."))
    action = FollowUpAction.objects.select_for_update().get(pk=action.pk)
    with actor_context(actor, action="action_status"):
        action.status = status
        action.save(update_fields=["status"])
    return action
