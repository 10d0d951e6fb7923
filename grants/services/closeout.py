"""The close-out of a grant: cancelling the tranches that will not be paid and closing the agreement."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.audit import actor_context
from grants import permissions
from grants.models import AgreementStatus, GrantAgreement, Tranche
from grants.rules.reports import closing_problems
from grants.services.common import notify_grantee
from grants.workflows import AGREEMENT, TRANCHE


@transaction.atomic
def tranche_cancel(*, actor: User, tranche: Tranche, reason: str) -> Tranche:
    """A tranche that will not be paid (underspending, early end) is cancelled, never deleted."""
    if not permissions.can_manage_calls(actor):
        raise PermissionDenied
    agreement = GrantAgreement.objects.select_for_update().get(pk=tranche.agreement_id)
    if agreement.status != AgreementStatus.ACTIVE:
        raise ValidationError(_("Tranches of an agreement not yet signed change through the schedule."))
    tranche = Tranche.objects.select_for_update().get(pk=tranche.pk)
    TRANCHE.check("cancel", tranche, actor)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the tranche is cancelled.")})
    with actor_context(actor, action="tranche_cancel"):
        TRANCHE.apply("cancel", tranche, actor)
        tranche.cancel_reason = reason.strip()
        tranche.save(update_fields=["status", "cancel_reason"])
    return tranche


@transaction.atomic
def agreement_close(*, actor: User, agreement: GrantAgreement) -> GrantAgreement:
    if not permissions.can_manage_calls(actor):
        raise PermissionDenied
    agreement = GrantAgreement.objects.select_for_update().get(pk=agreement.pk)
    problems = closing_problems(agreement)
    if problems:
        raise ValidationError(problems)
    with actor_context(actor, action="agreement_close"):
        AGREEMENT.apply("close", agreement, actor)
        agreement.closed_by, agreement.closed_at = actor, timezone.now()
        agreement.save(update_fields=["status", "closed_by", "closed_at"])
    notify_grantee(agreement, kind="agreement_closed", context={}, url=reverse("grants:agreement", args=[agreement.pk]))
    return agreement
