"""The measures of the organisations app (core.measures): the CSOs registered in the programme, and
the shares of them that are women-led and youth-led.

A CSO is registered in the programme on a date when its profile is verified (verification status
"verified") by a decision taken on or before that date. It is women-led or youth-led on a date as
organizations.leadership defines it (the composition of its leadership that day, the definition of
selectors.leadership_indicators), not by today's derived flags, so a past period keeps its figures.

`cso_led_of` serves the other apps' measures too (a CSO trained, funded or helped is counted under the `cso_led` dimension the same way): a CSO both women-led and youth-led counts in
each, one that is neither under "other".
"""

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from core import measures
from core.measures import Figures, KeysOf, Measure, Query, Unit, percentage, split
from organizations.leadership import composition_on
from organizations.models import LeadershipMember, Organization, VerificationStatus

OTHER = "other"


def cso_led_of(organizations: Iterable[int] | QuerySet, at: dt.date) -> dict[int, list[str]]:
    """{organisation id: its `cso_led` values on `at`} ("women_led", "youth_led", or ["other"]), in
    one query (the leadership serving that day). An organisation with no leadership recorded is
    "other"; an id not in the answer is too."""
    members = LeadershipMember.objects.filter(organization_id__in=organizations, start_date__lte=at).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=at)
    )
    by_organization: dict[int, list[LeadershipMember]] = {}
    for member in members:
        by_organization.setdefault(member.organization_id, []).append(member)
    led: dict[int, list[str]] = {}
    for organization_id, serving in by_organization.items():
        composition = composition_on(serving, at)
        values = [v for v, yes in (("women_led", composition.women_led), ("youth_led", composition.youth_led)) if yes]
        led[organization_id] = values or [OTHER]
    return led


def led_values(led: Mapping[int, list[str]], organization_id: int | None) -> list[str]:
    return led.get(organization_id, [OTHER]) if organization_id is not None else [OTHER]


def registered_organizations(query: Query) -> QuerySet[Organization]:
    """The CSOs registered in the programme by the end of the window (a stock: the start is ignored)."""
    organizations = Organization.objects.filter(
        verification_status=VerificationStatus.VERIFIED, verified_at__date__lte=query.end
    )
    if query.filters.get("centre"):
        organizations = organizations.filter(nearest_centre_id=int(query.filters["centre"]))
    return organizations


def _registered_rows(query: Query) -> list[dict[str, Any]]:
    """Two queries: the registered CSOs, then their leadership on the last day of the window."""
    rows = list(registered_organizations(query).values("pk", "governorate", "nearest_centre_id"))
    led = cso_led_of([row["pk"] for row in rows], query.end)
    return [{**row, "cso_led": led_values(led, row["pk"])} for row in rows]


KEYS: dict[str, KeysOf] = {
    "governorate": lambda row: [row["governorate"]],
    "centre": lambda row: [str(row["nearest_centre_id"])],
    "cso_led": lambda row: row["cso_led"],
}


def csos_registered(query: Query, dimensions: tuple[str, ...]) -> Figures:
    if "cso_led" in dimensions:
        return split(_registered_rows(query), dimensions, KEYS)
    return split(registered_organizations(query).values("pk", "governorate", "nearest_centre_id"), dimensions, KEYS)


def _share(led_value: str) -> Callable[[Query, tuple[str, ...]], Figures]:
    def compute(query: Query, dimensions: tuple[str, ...]) -> Figures:
        rows = _registered_rows(query)
        counted = split(rows, dimensions, KEYS)
        led = split([row for row in rows if led_value in row["cso_led"]], dimensions, KEYS)
        return Figures(
            total=percentage(led.total, counted.total),
            by={
                d: {key: percentage(led.by[d].get(key, Decimal(0)), n) for key, n in counted.by[d].items()}
                for d in dimensions
            },
        )

    return compute


women_led_share = _share("women_led")
youth_led_share = _share("youth_led")


def register() -> None:
    centre = frozenset({"centre"})
    measures.register(
        Measure(
            code="organizations.csos_registered",
            label=_("CSOs registered in the programme"),
            unit=Unit.NUMBER,
            compute=csos_registered,
            dimensions=frozenset({"governorate", "centre", "cso_led"}),
            description=_("CSOs whose profile is verified, by the end of the period."),
            area="organizations",
            filters=centre,
        )
    )
    measures.register(
        Measure(
            code="organizations.women_led_share",
            label=_("Share of registered CSOs that are women-led"),
            unit=Unit.PERCENTAGE,
            compute=women_led_share,
            dimensions=frozenset({"governorate", "centre"}),
            description=_("Of the CSOs registered by the end of the period, the share led by women on its last day."),
            area="organizations",
            filters=centre,
        )
    )
    measures.register(
        Measure(
            code="organizations.youth_led_share",
            label=_("Share of registered CSOs that are youth-led"),
            unit=Unit.PERCENTAGE,
            compute=youth_led_share,
            dimensions=frozenset({"governorate", "centre"}),
            description=_("Of the CSOs registered by the end of the period, the share led by youth on its last day."),
            area="organizations",
            filters=centre,
        )
    )
