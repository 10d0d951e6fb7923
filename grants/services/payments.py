"""Payments and the ledger: paying a requested tranche (never by the one who requested it),
reversing a payment, and the exchange rates."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.audit import actor_context
from grants import permissions
from grants.models import Currency, ExchangeRate, GrantAgreement, Payment, Tranche
from grants.workflows import TRANCHE


@transaction.atomic
def payment_record(*, actor: User, tranche: Tranche, data: dict) -> Payment:
    """A finance officer (never the one who requested it) pays a requested tranche. The agreement
    row is locked; the database refuses a second payment of the tranche and any total beyond the
    grant, so parallel or replayed requests cannot pay twice."""
    if not permissions.can_approve_payments(actor):
        raise PermissionDenied
    agreement = GrantAgreement.objects.select_for_update().get(pk=tranche.agreement_id)
    tranche = Tranche.objects.select_for_update().get(pk=tranche.pk)
    TRANCHE.check("pay", tranche, actor)
    if tranche.requested_by_id == actor.pk:
        raise ValidationError(_("The person who requested the payment cannot approve it."))
    if data["paid_currency"] != agreement.currency and not data.get("exchange_rate"):
        raise ValidationError({"exchange_rate": _("Give the exchange rate used for a payment in another currency.")})
    reversals = tranche.payments.filter(reverses__isnull=False).count()
    payment = Payment(
        tranche=tranche,
        amount=tranche.amount,
        paid_currency=data["paid_currency"],
        exchange_rate=data.get("exchange_rate") if data["paid_currency"] != agreement.currency else None,
        paid_on=data["paid_on"],
        reference=data["reference"],
        requested_by=tranche.requested_by,
        approved_by=actor,
        attempt=reversals + 1,
    )
    try:
        with transaction.atomic(), actor_context(actor, action="payment_record"):
            payment.save()
            TRANCHE.apply("pay", tranche, actor)
            tranche.save(update_fields=["status"])
    except IntegrityError as error:
        raise ValidationError(
            _("This tranche has already been paid, or the payment would exceed the grant.")
        ) from error
    return payment


@transaction.atomic
def payment_reverse(*, actor: User, payment: Payment, note: str) -> Payment:
    """Corrects a payment by a reversing entry (never by editing it); the tranche waits again."""
    if not permissions.can_approve_payments(actor):
        raise PermissionDenied
    GrantAgreement.objects.select_for_update().get(pk=payment.tranche.agreement_id)
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    if payment.reverses_id or Payment.objects.filter(reverses=payment).exists():
        raise ValidationError(_("This entry cannot be reversed."))
    tranche = Tranche.objects.select_for_update().get(pk=payment.tranche_id)
    TRANCHE.check("reverse", tranche, actor)
    if not note.strip():
        raise ValidationError({"note": _("Say why the payment is reversed.")})
    with actor_context(actor, action="payment_reverse"):
        reversal = Payment.objects.create(
            tranche=payment.tranche,
            amount=-payment.amount,
            paid_currency=payment.paid_currency,
            exchange_rate=payment.exchange_rate,
            paid_on=timezone.localdate(),
            reference=payment.reference,
            requested_by=payment.requested_by,
            approved_by=actor if actor.pk != payment.requested_by_id else payment.approved_by,
            attempt=payment.attempt,
            reverses=payment,
            note=note.strip(),
        )
        TRANCHE.apply("reverse", tranche, actor)
        tranche.save(update_fields=["status"])
    return reversal


@transaction.atomic
def rate_add(*, actor: User, currency: str, valid_from: dt.date, per_euro: Decimal) -> ExchangeRate:
    if not permissions.can_manage_rates(actor):
        raise PermissionDenied
    if currency == Currency.EUR:
        raise ValidationError({"currency": _("The euro is the reference currency: it needs no rate.")})
    rate = ExchangeRate(currency=currency, valid_from=valid_from, per_euro=per_euro, entered_by=actor)
    rate.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic(), actor_context(actor, action="rate_add"):
            rate.save()
    except IntegrityError as error:
        raise ValidationError(_("There is already a rate for this currency from that date.")) from error
    return rate
