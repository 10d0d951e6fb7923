"""Payments and the ledger: append-only payments of tranches and the exchange rates of the
euro-equivalent ledger."""

import pghistory
import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from grants.models.agreements import Tranche
from grants.models.money import MONEY, Currency


@pghistory.track(pghistory.InsertEvent(), model_name="PaymentEvent")
class Payment(models.Model):
    """A payment of a tranche, or the reversal of one. Append-only: the database refuses updates and
    deletions, so a mistake is corrected by a reversing entry. The database also refuses a payment
    that would take the total paid beyond the grant, and a second payment of the same tranche."""

    tranche = models.ForeignKey(Tranche, on_delete=models.PROTECT, related_name="payments")
    amount = models.DecimalField(_("amount in the grant's currency"), **MONEY)
    paid_currency = models.CharField(_("currency paid"), max_length=3, choices=Currency.choices)
    exchange_rate = models.DecimalField(
        _("exchange rate (grant currency to the currency paid)"), max_digits=18, decimal_places=6, null=True, blank=True
    )
    paid_on = models.DateField(_("paid on"))
    reference = models.CharField(_("bank reference"), max_length=100)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    attempt = models.PositiveSmallIntegerField(default=1)
    reverses = models.OneToOneField("self", on_delete=models.PROTECT, null=True, blank=True, related_name="reversal")
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(approved_by=F("requested_by")),
                name="payment_four_eyes",
                violation_error_message=_("The person who requested the payment cannot approve it."),
            ),
            models.CheckConstraint(
                condition=Q(reverses__isnull=True, amount__gt=0) | Q(reverses__isnull=False, amount__lt=0),
                name="payment_sign_matches_kind",
            ),
            models.UniqueConstraint(
                fields=["tranche", "attempt"], condition=Q(reverses__isnull=True), name="tranche_paid_once_per_attempt"
            ),
        ]
        triggers = [
            pgtrigger.Protect(name="payments_append_only", operation=pgtrigger.Update | pgtrigger.Delete),
            pgtrigger.Trigger(
                name="payments_within_grant",
                operation=pgtrigger.Insert,
                when=pgtrigger.Before,
                func="""
                    IF (
                        SELECT COALESCE(SUM(p.amount), 0) FROM grants_payment p
                        JOIN grants_tranche t ON t.id = p.tranche_id
                        WHERE t.agreement_id = (SELECT agreement_id FROM grants_tranche WHERE id = NEW.tranche_id)
                    ) + NEW.amount > (
                        SELECT a.amount FROM grants_grantagreement a
                        JOIN grants_tranche t ON t.agreement_id = a.id WHERE t.id = NEW.tranche_id
                    ) THEN
                        RAISE EXCEPTION 'payments would exceed the grant' USING ERRCODE = 'check_violation';
                    END IF;
                    RETURN NEW;
                """,
            ),
        ]

    def __str__(self):
        return f"{self.tranche} {self.amount}"


@pghistory.track(
    pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent(), model_name="ExchangeRateEvent"
)
class ExchangeRate(models.Model):
    """How many units of a currency one euro buys from a date on, for the euro-equivalent ledger."""

    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    valid_from = models.DateField(_("valid from"))
    per_euro = models.DecimalField(_("units for one euro"), max_digits=18, decimal_places=6)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    entered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        ordering = ["currency", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["currency", "valid_from"],
                name="one_rate_per_currency_and_day",
                violation_error_message=_("There is already a rate for this currency from that date."),
            ),
            models.CheckConstraint(condition=Q(per_euro__gt=0), name="exchange_rate_positive"),
        ]

    def __str__(self):
        return f"1 EUR = {self.per_euro} {self.currency} ({self.valid_from})"
