"""The sub-granting ledger: exchange rates, what each agreement commits and has paid, each CSO's
total support in euro equivalent and the programme's cap on it."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import DecimalField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grants.models import Application, Currency, Decision, ExchangeRate, GrantAgreement, Payment, Tranche, TrancheStatus
from grants.rules.applications import budget_totals

MONEY: DecimalField = DecimalField(max_digits=18, decimal_places=3)


def cap_eur() -> Decimal:
    return Decimal(str(settings.TATWEER_CSO_SUPPORT_CAP_EUR))


class Rates:
    """Every stored rate, read once; `per_euro(currency, day)` is the rate in force on that day."""

    def __init__(self):
        self._rates = defaultdict(list)
        for rate in ExchangeRate.objects.order_by("valid_from"):
            self._rates[rate.currency].append((rate.valid_from, rate.per_euro))

    def per_euro(self, currency: str, day: dt.date) -> Decimal | None:
        if currency == Currency.EUR:
            return Decimal("1")
        in_force = [value for valid_from, value in self._rates[currency] if valid_from <= day]
        if in_force:
            return in_force[-1]
        # Before the first stored rate, the earliest rate is the best estimate there is.
        return self._rates[currency][0][1] if self._rates[currency] else None

    def to_eur(self, amount: Decimal, currency: str, day: dt.date) -> Decimal:
        rate = self.per_euro(currency, day)
        if rate is None:
            raise ValidationError(
                _("There is no exchange rate for %(currency)s: a finance officer enters one under Exchange rates.")
                % {"currency": currency}
            )
        return (amount / rate).quantize(Decimal("0.01"))


@dataclass
class Support:
    """One organisation's support from the programme, grant by grant."""

    organization: object
    grants: list = field(default_factory=list)  # (label, amount, currency, eur)
    share: Decimal | None = None  # of the cap, in per cent, set by the recipients page

    @property
    def total_eur(self) -> Decimal:
        return sum((eur for *_rest, eur in self.grants), Decimal("0"))


def _cancelled():
    return (
        Tranche.objects.filter(agreement=OuterRef("pk"), status=TrancheStatus.CANCELLED)
        .values("agreement")
        .annotate(total=Sum("amount"))
        .values("total")
    )


def committed_agreements():
    """Agreements with their commitment (the grant less cancelled tranches) and the paid total."""
    paid = (
        Payment.objects.filter(tranche__agreement=OuterRef("pk"))
        .values("tranche__agreement")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return GrantAgreement.objects.annotate(
        cancelled=Coalesce(Subquery(_cancelled(), output_field=MONEY), Value(Decimal("0")), output_field=MONEY),
        paid=Coalesce(Subquery(paid, output_field=MONEY), Value(Decimal("0")), output_field=MONEY),
    )


def supports(organizations=None, *, rates: Rates | None = None, exclude_application=None) -> dict[int, Support]:
    """Each organisation's support: its agreements (the commitment, converted at the rate of the
    agreement's date) and its awards that have no agreement yet (the amount requested, at the rate
    of the decision date). Three queries for any number of organisations."""
    rates = rates or Rates()
    result: dict[int, Support] = {}
    agreements = committed_agreements().select_related("application__organization", "application__call")
    awards = (
        Application.objects.filter(decision=Decision.AWARD, agreement__isnull=True)
        .select_related("organization", "call")
        .prefetch_related("budget_lines")
    )
    if organizations is not None:
        agreements = agreements.filter(application__organization__in=organizations)
        awards = awards.filter(organization__in=organizations)
    if exclude_application is not None:
        agreements = agreements.exclude(application=exclude_application)
        awards = awards.exclude(pk=exclude_application.pk)
    for agreement in agreements:
        organization = agreement.application.organization
        amount = agreement.amount - agreement.cancelled
        eur = rates.to_eur(amount, agreement.currency, timezone.localdate(agreement.created_at))
        support = result.setdefault(organization.pk, Support(organization))
        support.grants.append((agreement.number, amount, agreement.currency, eur))
    for application in awards:
        amount = budget_totals(application)["requested"]
        day = timezone.localdate(application.decided_at or timezone.now())
        eur = rates.to_eur(amount, application.call.currency, day)
        support = result.setdefault(application.organization_id, Support(application.organization))
        support.grants.append((application.reference, amount, application.call.currency, eur))
    return result


def check_cap(*, organization, amount: Decimal, currency: str, day: dt.date, exclude_application=None) -> None:
    """Refuses support that would take the organisation beyond the programme's cap, with the figures.
    Called inside the award's transaction: the organisation's row is locked, so two awards to the
    same CSO in different calls are checked one after the other."""
    type(organization).objects.select_for_update().filter(pk=organization.pk).first()
    rates = Rates()
    support = supports([organization], rates=rates, exclude_application=exclude_application).get(
        organization.pk, Support(organization)
    )
    new = rates.to_eur(amount, currency, day)
    cap = cap_eur()
    if support.total_eur + new > cap:
        raise ValidationError(
            _(
                "This would bring the programme's support to %(organization)s to EUR %(total)s (EUR %(before)s "
                "already committed + EUR %(new)s now), above the cap of EUR %(cap)s per organisation."
            )
            % {
                "organization": organization.name,
                "total": f"{support.total_eur + new:,.2f}",
                "before": f"{support.total_eur:,.2f}",
                "new": f"{new:,.2f}",
                "cap": f"{cap:,.2f}",
            }
        )


def paid_total(agreement: GrantAgreement) -> Decimal:
    return Payment.objects.filter(tranche__agreement=agreement).aggregate(total=Sum("amount"))["total"] or Decimal("0")
