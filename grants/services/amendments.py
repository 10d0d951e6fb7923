"""Amendments of a running agreement: a reallocation between budget lines (same total) or a
no-cost extension, asked for by the grantee and decided by the officer."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.audit import actor_context
from grants import permissions
from grants.models import (
    AgreementStatus,
    Amendment,
    AmendmentKind,
    BudgetAmount,
    BudgetVersion,
    GrantAgreement,
)
from grants.rules.budgets import budget_rows, check_reallocation_still_valid, current_budget, reallocation
from grants.services.common import notify_grantee, notify_officers
from grants.workflows import AMENDMENT


@transaction.atomic
def amendment_request(
    *,
    actor: User,
    agreement: GrantAgreement,
    kind: str,
    justification: str,
    new_end_date: dt.date | None = None,
    amounts: dict | None = None,
) -> Amendment:
    """The grantee (or the officer for it) asks to move money between budget lines, keeping the
    total, or to end later at no extra cost. One request at a time per agreement."""
    if not permissions.can_request_amendment(actor, agreement):
        raise PermissionDenied
    agreement = GrantAgreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.status != AgreementStatus.ACTIVE:
        raise ValidationError(_("Only a signed, running agreement can be amended."))
    if not justification.strip():
        raise ValidationError({"justification": _("Explain why the change is needed.")})
    proposed: dict[str, str] = {}  # {line id: amount, as text}
    before: dict[str, str] = {}
    if kind == AmendmentKind.EXTENSION:
        if new_end_date is None or new_end_date <= agreement.end_date:
            raise ValidationError(
                {
                    "new_end_date": _("The new end date must be after the current one (%(end)s).")
                    % {"end": agreement.end_date}
                }
            )
    elif kind == AmendmentKind.REALLOCATION:
        proposed, before = reallocation(budget_rows(agreement), amounts or {})
        new_end_date = None
    else:
        raise ValidationError(_("Choose the kind of amendment."))
    number = (agreement.amendments.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    amendment = Amendment(
        agreement=agreement,
        number=number,
        kind=kind,
        justification=justification.strip(),
        new_end_date=new_end_date,
        proposed_amounts=proposed,
        amounts_before=before,
        requested_by=actor,
    )
    try:
        with transaction.atomic(), actor_context(actor, action="amendment_request"):
            amendment.save()
    except IntegrityError as error:
        raise ValidationError(_("This agreement already has an amendment waiting for a decision.")) from error
    url = reverse("grants:agreement", args=[agreement.pk])
    notify_officers("amendment_requested", {"agreement": agreement, "amendment": amendment}, url)
    return amendment


@transaction.atomic
def amendment_decide(*, actor: User, amendment: Amendment, approve: bool, comment: str) -> Amendment:
    """Approving a reallocation adds the next budget version; approving an extension moves the end."""
    if not permissions.can_manage_calls(actor):
        raise PermissionDenied
    agreement = GrantAgreement.objects.select_for_update().get(pk=amendment.agreement_id)
    amendment = Amendment.objects.select_for_update().get(pk=amendment.pk)
    AMENDMENT.check("approve" if approve else "refuse", amendment, actor)
    comment = comment.strip()
    if not approve and not comment:
        raise ValidationError({"comment": _("Say why the amendment is refused.")})
    if approve and agreement.status != AgreementStatus.ACTIVE:
        raise ValidationError(_("Only a signed, running agreement can be amended."))
    if approve and amendment.kind == AmendmentKind.REALLOCATION:
        check_reallocation_still_valid(agreement, amendment)
    with actor_context(actor, action="amendment_decide"):
        if approve and amendment.kind == AmendmentKind.REALLOCATION:
            previous = current_budget(agreement)
            assert previous is not None  # a signed agreement always has its first budget version
            version = BudgetVersion.objects.create(agreement=agreement, number=previous.number + 1, amendment=amendment)
            BudgetAmount.objects.bulk_create(
                BudgetAmount(version=version, line_id=int(pk), amount=Decimal(value))
                for pk, value in amendment.proposed_amounts.items()
            )
        elif approve:
            assert amendment.new_end_date is not None  # an extension is asked with its new end date
            agreement.end_date = amendment.new_end_date
            agreement.save(update_fields=["end_date"])
        AMENDMENT.apply("approve" if approve else "refuse", amendment, actor)
        amendment.decided_by, amendment.decided_at, amendment.decision_comment = actor, timezone.now(), comment
        amendment.save(update_fields=["status", "decided_by", "decided_at", "decision_comment"])
    url = reverse("grants:agreement", args=[agreement.pk])
    notify_grantee(agreement, kind="amendment_decided", context={"amendment": amendment}, url=url)
    return amendment
