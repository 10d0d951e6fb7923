"""Agreements and tranches: the agreement of an award with its approved budget, the tranche
schedule and its release conditions, the signature and the payment requests."""

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.audit import actor_context
from grants import permissions
from grants.models import (
    AgreementBudgetLine,
    AgreementStatus,
    Application,
    BudgetAmount,
    BudgetVersion,
    ConditionKind,
    Decision,
    GrantAgreement,
    Tranche,
    TrancheCondition,
    TrancheStatus,
)
from grants.rules.applications import budget_totals
from grants.rules.ledger import check_cap
from grants.services.common import assign_changed
from grants.workflows import AGREEMENT, TRANCHE


@transaction.atomic
def agreement_create(*, actor: User, application: Application, data: dict) -> GrantAgreement:
    """Prepares the agreement of an awarded application (amount no more than requested)."""
    if not permissions.can_manage_calls(actor):
        raise PermissionDenied
    application = Application.objects.select_for_update().select_related("call").get(pk=application.pk)
    if application.decision != Decision.AWARD:
        raise ValidationError(_("Only awarded applications get an agreement."))
    if hasattr(application, "agreement"):
        raise ValidationError(_("This application already has an agreement."))
    requested = budget_totals(application)["requested"]
    if data["amount"] > requested:
        raise ValidationError(
            {
                "amount": _("The grant cannot be more than the amount requested (%(requested)s).")
                % {"requested": f"{requested:,.2f}"}
            }
        )
    agreement = GrantAgreement(application=application, currency=application.call.currency, created_by=actor, **data)
    agreement.full_clean(exclude=["application"])
    check_cap(
        organization=application.organization,
        amount=agreement.amount,
        currency=agreement.currency,
        day=timezone.localdate(),
        exclude_application=application,
    )
    with actor_context(actor, action="agreement_create"):
        agreement.save()
        budget_from_application(agreement)
    return agreement


def budget_from_application(agreement: GrantAgreement) -> BudgetVersion:
    """Version 1 of the agreement's budget: the lines of the awarded application."""
    version = BudgetVersion.objects.create(agreement=agreement, number=1)
    for order, source in enumerate(agreement.application.budget_lines.all()):
        line = AgreementBudgetLine.objects.create(
            agreement=agreement, category=source.category, description=source.description, order=order
        )
        BudgetAmount.objects.create(version=version, line=line, amount=source.total)
    return version


@transaction.atomic
def tranches_set(
    *, actor: User, agreement: GrantAgreement, schedule: list[dict], removed: Iterable[int] = ()
) -> list[Tranche]:
    """Saves the tranche schedule in place: a row with the id of one of the agreement's tranches
    changes that tranche (its release conditions already met stay met), a row without an id adds
    one, and only the tranches whose ids are in `removed` go; the others stay as they are. The
    amounts must add up to the grant exactly; tranches are numbered by date. Once a tranche is
    requested or paid the schedule no longer changes, and such a tranche is never removed."""
    if not permissions.can_manage_calls(actor):
        raise PermissionDenied
    agreement = GrantAgreement.objects.select_for_update().get(pk=agreement.pk)
    existing = {t.pk: t for t in agreement.tranches.select_for_update().prefetch_related("conditions")}
    removed = set(removed)
    mentioned = {row["id"] for row in schedule if row.get("id")}
    _refuse_schedule_change(actor, existing, mentioned, removed)
    rows = _schedule_rows(agreement, schedule, existing, kept=set(existing) - mentioned - removed)
    tranches = []
    with actor_context(actor, action="tranches_set"):
        # Renumbering in place swaps numbers between rows: checked once, at the end of the transaction.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS tranche_number_unique DEFERRED")
        for pk in removed:
            existing[pk].delete()
        for number, row in enumerate(rows, 1):
            tranche = row["tranche"] or Tranche(agreement=agreement)
            if assign_changed(
                tranche, {"number": number, "amount": row["amount"], "planned_date": row["planned_date"]}
            ):
                tranche.save()
            if row["conditions"] is not None:
                _conditions_set(tranche, row["conditions"], new=row["tranche"] is None)
            tranches.append(tranche)
    return tranches


def _refuse_schedule_change(actor: User, existing: dict, mentioned: set, removed: set) -> None:
    if (mentioned | removed) - set(existing) or mentioned & removed:
        raise ValidationError(_("This is not a tranche of this agreement: reload the page and try again."))
    for tranche in sorted(existing.values(), key=lambda t: t.number):
        if tranche.pk in removed and (tranche.status != TrancheStatus.PLANNED or tranche.payments.exists()):
            raise ValidationError(
                _("Tranche #%(number)d has a payment request, a payment or a cancellation: it cannot be removed.")
                % {"number": tranche.number}
            )
    for tranche in existing.values():
        TRANCHE.check("reschedule", tranche, actor)


def _schedule_rows(agreement: GrantAgreement, schedule: list[dict], existing: dict, *, kept: set) -> list[dict]:
    """The new schedule (the posted rows and the tranches kept as they are), in date order, once its
    amounts add up to the grant."""
    rows = [
        {**row, "tranche": existing.get(row.get("id")), "conditions": row.get("conditions", [])}
        for row in _amounts_from_percentages(agreement, schedule)
    ]
    rows += [
        {"tranche": t, "amount": t.amount, "planned_date": t.planned_date, "conditions": None}
        for pk, t in existing.items()
        if pk in kept
    ]
    total = sum((row["amount"] for row in rows), Decimal("0"))
    if total != agreement.amount:
        raise ValidationError(
            _("The tranches add up to %(total)s but the grant is %(amount)s %(currency)s.")
            % {"total": f"{total:,.3f}", "amount": f"{agreement.amount:,.3f}", "currency": agreement.currency}
        )
    rows.sort(key=lambda row: (row["planned_date"], row["tranche"].number if row["tranche"] else 1000))
    return rows


def _conditions_set(tranche: Tranche, kinds: Iterable[str], *, new: bool) -> None:
    """Keeps the tranche's conditions of these kinds as they are (met or not), adds the missing
    kinds and removes the conditions of kinds no longer asked for."""
    kinds = list(dict.fromkeys(kinds))
    current = [] if new else list(tranche.conditions.all())
    for condition in current:
        if condition.kind not in kinds:
            condition.delete()
    present = {condition.kind for condition in current}
    for kind in kinds:
        if kind not in present:
            TrancheCondition.objects.create(tranche=tranche, kind=kind)


def _amounts_from_percentages(agreement: GrantAgreement, schedule: list[dict]) -> list[dict]:
    """Rows given as a percentage of the grant get their amount; when the percentages cover the
    whole grant, the last of them takes the rounding difference, so the tranches add up exactly."""
    rows = [dict(row) for row in schedule]
    by_percent = [row for row in rows if row.get("amount") is None and row.get("percent") is not None]
    for row in by_percent:
        row["amount"] = (agreement.amount * row["percent"] / 100).quantize(Decimal("0.001"))
    if by_percent and len(by_percent) == len(rows) and sum(row["percent"] for row in rows) == 100:
        by_percent[-1]["amount"] += agreement.amount - sum(row["amount"] for row in rows)
    return rows


def _meet(conditions: QuerySet[TrancheCondition], actor: User) -> None:
    """Marks release conditions as met by the actor, now; conditions already met keep their date."""
    conditions.filter(met_at__isnull=True).update(met_at=timezone.now(), met_by=actor)


def meet_next_waiting(agreement: GrantAgreement, kind: str, actor: User) -> None:
    """Meets the conditions of this kind on the earliest tranche not yet requested that waits for
    one (a visit done, a report approved)."""
    waiting = TrancheCondition.objects.filter(
        tranche__agreement=agreement, tranche__status=TrancheStatus.PLANNED, kind=kind, met_at__isnull=True
    ).order_by("tranche__number")
    first = waiting.first()
    if first is not None:
        _meet(waiting.filter(tranche=first.tranche_id), actor)


@transaction.atomic
def agreement_sign(
    *, actor: User, agreement: GrantAgreement, signed_copy: File, cso_date: dt.date, programme_date: dt.date
) -> GrantAgreement:
    """Records the signed agreement; it becomes active and the "agreement signed" conditions are met."""
    if not permissions.can_manage_calls(actor):
        raise PermissionDenied
    agreement = GrantAgreement.objects.select_for_update().get(pk=agreement.pk)
    AGREEMENT.check("sign", agreement, actor)  # once: signing again would reopen a closed grant
    total = sum((t.amount for t in agreement.tranches.all()), Decimal("0"))
    if total != agreement.amount:
        raise ValidationError(_("Set the tranche schedule first: it must add up to the grant."))
    agreement.signed_copy = signed_copy
    agreement.signed_by_cso_on, agreement.signed_by_programme_on = cso_date, programme_date
    AGREEMENT.apply("sign", agreement, actor)
    agreement.full_clean(exclude=["application"])
    with actor_context(actor, action="agreement_sign"):
        agreement.save()
        _meet(TrancheCondition.objects.filter(tranche__agreement=agreement, kind=ConditionKind.SIGNED), actor)
    return agreement


@transaction.atomic
def condition_check(*, actor: User, condition: TrancheCondition) -> TrancheCondition:
    if not permissions.can_manage_calls(actor):
        raise PermissionDenied
    with actor_context(actor, action="condition_check"):
        _meet(TrancheCondition.objects.filter(pk=condition.pk), actor)
    condition.refresh_from_db()
    return condition


@transaction.atomic
def tranche_request(*, actor: User, tranche: Tranche) -> Tranche:
    """The grant officer asks finance to pay a tranche whose conditions are all met."""
    if not permissions.can_manage_calls(actor):
        raise PermissionDenied
    tranche = Tranche.objects.select_for_update().select_related("agreement").get(pk=tranche.pk)
    if tranche.agreement.status != AgreementStatus.ACTIVE:
        raise ValidationError(_("The agreement is not signed yet."))
    TRANCHE.check("request", tranche, actor)
    if tranche.conditions.filter(met_at__isnull=True).exists():
        raise ValidationError(_("Not every release condition is met."))
    with actor_context(actor, action="tranche_request"):
        TRANCHE.apply("request", tranche, actor)
        tranche.requested_by, tranche.requested_at = actor, timezone.now()
        tranche.save(update_fields=["status", "requested_by", "requested_at"])
    return tranche
