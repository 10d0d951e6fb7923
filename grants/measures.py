"""The measures of the grants app (core.measures): grants awarded, amounts committed and paid, and
the people the grantees reached.

A grant is awarded in a period when its agreement is signed in it: the agreement is active or closed
and the later of its two signatures (the CSO's, the programme's) is dated in the period. The amount
committed is the agreement's amount less its cancelled tranches (grants.rules.ledger); amounts are in
the agreement's currency, so a total adds currencies together unless the indicator filters on one
(the `currency` filter) or reads the `currency` split. An agreement whose call has several themes
counts under each theme (so the theme split adds up to more than the total).

People reached come from the approved reports, by the date of their approval; the reports count
people in three age groups (under 15, 15-29, 30 and over), which the `beneficiary_age` dimension
names: 30 and over does not map onto the 30-44, 45-64 and 65+ bands of core.measures.AGE_BANDS.
"""

from decimal import Decimal
from typing import Any

from django.db.models import F, Q, QuerySet, Sum
from django.db.models.functions import Greatest
from django.utils.translation import gettext_lazy as _

from core import measures
from core.measures import Dimension, Figures, Label, Measure, Query, Unit, split
from grants.models import GrantAgreement, GrantReport, Payment, ReportStatus
from grants.models.agreements import AgreementStatus
from grants.models.money import Currency
from grants.rules.ledger import committed_agreements
from organizations.measures import cso_led_of, led_values
from organizations.models import ThematicArea

# (field of GrantReport, sex, beneficiary_age)
BENEFICIARIES = (
    ("girls", "female", "<15"),
    ("boys", "male", "<15"),
    ("women_youth", "female", "15-29"),
    ("men_youth", "male", "15-29"),
    ("women_adult", "female", "30+"),
    ("men_adult", "male", "30+"),
)
BENEFICIARY_AGES: list[tuple[str, Label]] = [("<15", _("Under 15")), ("15-29", "15-29"), ("30+", _("30 and over"))]


def _in_window(field: str, query: Query) -> Q:
    window = Q(**{f"{field}__lte": query.end})
    return window & Q(**{f"{field}__gte": query.start}) if query.start else window


def signed_in(query: Query, agreements: QuerySet[GrantAgreement] | None = None) -> QuerySet[GrantAgreement]:
    """The agreements signed in the window, filtered by the call's theme and the currency if asked."""
    agreements = (agreements if agreements is not None else GrantAgreement.objects.all()).annotate(
        signed_on=Greatest("signed_by_cso_on", "signed_by_programme_on")
    )
    agreements = agreements.filter(
        _in_window("signed_on", query), status__in=[AgreementStatus.ACTIVE, AgreementStatus.CLOSED]
    )
    if query.filters.get("theme"):
        agreements = agreements.filter(application__call__themes__contains=[query.filters["theme"]])
    if query.filters.get("currency"):
        agreements = agreements.filter(currency=query.filters["currency"])
    return agreements


def grants_awarded(query: Query, dimensions: tuple[str, ...]) -> Figures:
    """One query for the agreements, one more for the leadership when cso_led is asked."""
    rows = list(
        signed_in(query).values(
            "application__organization_id",
            "application__organization__governorate",
            "application__organization__nearest_centre_id",
            "application__call__themes",
        )
    )
    led = (
        cso_led_of({row["application__organization_id"] for row in rows}, query.end) if "cso_led" in dimensions else {}
    )
    return split(
        rows,
        dimensions,
        {
            "grant_theme": lambda row: row["application__call__themes"],
            "governorate": lambda row: [row["application__organization__governorate"]],
            "centre": lambda row: [str(row["application__organization__nearest_centre_id"])],
            "cso_led": lambda row: led_values(led, row["application__organization_id"]),
        },
    )


def amount_committed(query: Query, dimensions: tuple[str, ...]) -> Figures:
    """The commitment (amount less cancelled tranches) of the agreements signed in the window."""
    rows = (
        signed_in(query, committed_agreements())
        .annotate(commitment=F("amount") - F("cancelled"))
        .values("currency", "application__call__themes", "commitment")
    )
    return split(
        rows,
        dimensions,
        {"currency": lambda row: [row["currency"]], "grant_theme": lambda row: row["application__call__themes"]},
        weight=lambda row: row["commitment"],
    )


def amount_paid(query: Query, dimensions: tuple[str, ...]) -> Figures:
    """Payments dated (paid on) in the window, less the reversals dated in it, in the grant's
    currency; one aggregate query."""
    payments = Payment.objects.filter(_in_window("paid_on", query))
    if query.filters.get("currency"):
        payments = payments.filter(tranche__agreement__currency=query.filters["currency"])
    per_currency = payments.values(currency=F("tranche__agreement__currency")).annotate(paid=Sum("amount")).order_by()
    by_currency = {str(row["currency"]): Decimal(row["paid"] or 0) for row in per_currency}
    figures = Figures(total=sum(by_currency.values(), Decimal(0)))
    if "currency" in dimensions:
        figures.by["currency"] = by_currency
    return figures


def people_reached(query: Query, dimensions: tuple[str, ...]) -> Figures:
    """The beneficiaries of the reports approved in the window (one aggregate query)."""
    reports = GrantReport.objects.filter(_in_window("reviewed_at__date", query), status=ReportStatus.APPROVED)
    if query.filters.get("theme"):
        reports = reports.filter(agreement__application__call__themes__contains=[query.filters["theme"]])
    sums: dict[str, Any] = reports.aggregate(**{name: Sum(name) for name, _sex, _age in BENEFICIARIES})
    cells = [(Decimal(sums[name] or 0), sex, age) for name, sex, age in BENEFICIARIES]
    return split(
        cells,
        dimensions,
        {"sex": lambda cell: [cell[1]], "beneficiary_age": lambda cell: [cell[2]]},
        weight=lambda cell: cell[0],
    )


def register() -> None:
    measures.register_dimension(Dimension("grant_theme", _("Theme of the grant"), lambda: list(ThematicArea.choices)))
    measures.register_dimension(Dimension("currency", _("Currency"), lambda: list(Currency.choices)))
    measures.register_dimension(Dimension("beneficiary_age", _("Age group (grant reports)"), lambda: BENEFICIARY_AGES))
    for code, label, unit, compute, dimensions, filters, people, description in (
        (
            "grants.grants_awarded",
            _("Grants awarded"),
            Unit.NUMBER,
            grants_awarded,
            frozenset({"grant_theme", "governorate", "centre", "cso_led"}),
            frozenset({"theme"}),
            False,
            _("Grant agreements signed in the period."),
        ),
        (
            "grants.amount_committed",
            _("Grant amounts committed"),
            Unit.AMOUNT,
            amount_committed,
            frozenset({"currency", "grant_theme"}),
            frozenset({"theme", "currency"}),
            False,
            _("The amount of the agreements signed in the period, less their cancelled tranches."),
        ),
        (
            "grants.amount_paid",
            _("Grant amounts paid"),
            Unit.AMOUNT,
            amount_paid,
            frozenset({"currency"}),
            frozenset({"currency"}),
            False,
            _("Payments made in the period, less the reversals."),
        ),
        (
            "grants.people_reached",
            _("People reached by the grantees"),
            Unit.NUMBER,
            people_reached,
            frozenset({"sex", "beneficiary_age"}),
            frozenset({"theme"}),
            True,
            _("The people the grant reports approved in the period say were reached."),
        ),
    ):
        measures.register(
            Measure(
                code=code,
                label=label,
                unit=unit,
                compute=compute,
                area="grants",
                dimensions=dimensions,
                filters=filters,
                counts_people=people,
                description=description,
            )
        )
