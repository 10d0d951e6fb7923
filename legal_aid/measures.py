"""The measures of the legal aid app (core.measures): cases opened and closed, and the CSOs served.

A case is opened on the day the request for help is received (submitted online or recorded by the
centre), whatever became of it afterwards; it is closed on the day it was closed (a case reopened
since has no closing date, and counts again when it is closed again). The centre is the centre the
CSO chose for the case; the CSO counts under `cso_led` by its leadership on the last day of the
period (organizations.measures). Only counts leave this module: no case, no name.
"""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from core import measures
from core.measures import Dimension, Figures, Measure, Query, Unit, split
from legal_aid.models import Category, LegalCase, Outcome
from organizations.measures import cso_led_of, led_values


def _in_window(field: str, query: Query) -> Q:
    window = Q(**{f"{field}__lte": query.end})
    return window & Q(**{f"{field}__gte": query.start}) if query.start else window


def _filtered(cases: QuerySet[LegalCase], query: Query) -> QuerySet[LegalCase]:
    if query.filters.get("centre"):
        cases = cases.filter(preferred_centre_id=int(query.filters["centre"]))
    if query.filters.get("category"):
        cases = cases.filter(category=query.filters["category"])
    return cases


def opened_in(query: Query) -> QuerySet[LegalCase]:
    return _filtered(LegalCase.objects.filter(_in_window("created_at__date", query)), query)


def cases_opened(query: Query, dimensions: tuple[str, ...]) -> Figures:
    rows = list(opened_in(query).values("organization_id", "category", "preferred_centre_id"))
    led = cso_led_of({row["organization_id"] for row in rows}, query.end) if "cso_led" in dimensions else {}
    return split(
        rows,
        dimensions,
        {
            "legal_category": lambda row: [row["category"]],
            "centre": lambda row: [str(row["preferred_centre_id"])],
            "cso_led": lambda row: led_values(led, row["organization_id"]),
        },
    )


def cases_closed(query: Query, dimensions: tuple[str, ...]) -> Figures:
    closed = _filtered(LegalCase.objects.filter(_in_window("closed_at__date", query)), query)
    return split(closed.values("outcome"), dimensions, {"legal_outcome": lambda row: [row["outcome"]]})


def csos_served(query: Query, dimensions: tuple[str, ...]) -> Figures:
    """The distinct CSOs with a case opened in the window."""
    csos = list(
        opened_in(query)
        .values_list("organization_id", "organization__governorate")
        .order_by("organization_id")
        .distinct()
    )
    led = cso_led_of([pk for pk, _governorate in csos], query.end) if "cso_led" in dimensions else {}
    return split(
        csos,
        dimensions,
        {"governorate": lambda cso: [cso[1]], "cso_led": lambda cso: led_values(led, cso[0])},
    )


def register() -> None:
    measures.register_dimension(Dimension("legal_category", _("Legal matter"), lambda: list(Category.choices)))
    measures.register_dimension(Dimension("legal_outcome", _("Outcome of the case"), lambda: list(Outcome.choices)))
    filters = frozenset({"centre", "category"})
    for code, label, compute, dimensions, description in (
        (
            "legal_aid.cases_opened",
            _("Legal cases opened"),
            cases_opened,
            frozenset({"legal_category", "centre", "cso_led"}),
            _("Requests for legal help received in the period."),
        ),
        (
            "legal_aid.cases_closed",
            _("Legal cases closed"),
            cases_closed,
            frozenset({"legal_outcome"}),
            _("Legal cases closed in the period, by their outcome."),
        ),
        (
            "legal_aid.csos_served",
            _("CSOs given legal help"),
            csos_served,
            frozenset({"cso_led", "governorate"}),
            _("CSOs with a request for legal help received in the period."),
        ),
    ):
        measures.register(
            Measure(
                code=code,
                label=label,
                unit=Unit.NUMBER,
                compute=compute,
                area="legal_aid",
                dimensions=dimensions,
                filters=filters,
                description=description,
            )
        )
