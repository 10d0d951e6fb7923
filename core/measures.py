"""The measures registry: what each app can count, for the results framework.

A measure is a figure an app computes from the records it owns with aggregate queries (people trained,
grants committed, legal cases closed...). It has a stable code (an indicator of the logframe is bound
to it by that code, so the code never changes once used), a label, a unit and the dimensions it can
be split by. The results app (`results`) binds indicators to measures and computes them period by
period; the apps that register measures know nothing of it, as the base layer knows no app: each
app fills this registry from its AppConfig.ready().

A measure's `compute(query, dimensions)` returns a `Figures`: the total over the query's window and,
for each dimension asked for, the value per dimension value. It must make a bounded number of queries
whatever the volume of data (one or two aggregate queries, never one per record), because the
indicator table of a period calls every bound measure.

Dimensions are registered too, with the labels of their values: `sex`, `age_band`, `disability` and
`governorate` here, because their values are fixed; `centre` by the centers app (its values are rows).
An app may register a dimension of its own (a grant theme, a case outcome).
"""

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.geography import Governorate

Label = str | Promise


class Unit:
    NUMBER = "number"
    PERCENTAGE = "percentage"
    YESNO = "yesno"
    AMOUNT = "amount"  # money, in the currency the `currency` dimension names


@dataclass(frozen=True)
class Query:
    """The window of a computation: records dated from `start` to `end` (both inclusive; `start` None
    means from the beginning) and the filters of the indicator (keys the measure lists in `filters`,
    values as strings)."""

    end: dt.date
    start: dt.date | None = None
    filters: Mapping[str, str] = field(default_factory=dict)

    def key(self) -> tuple:
        return (self.start, self.end, tuple(sorted(self.filters.items())))


@dataclass
class Figures:
    """A measure's answer: the total and, per dimension asked for, {dimension value: value}."""

    total: Decimal = Decimal(0)
    by: dict[str, dict[str, Decimal]] = field(default_factory=dict)


@dataclass(frozen=True)
class Measure:
    code: str
    label: Label
    unit: str
    compute: Callable[[Query, tuple[str, ...]], Figures]
    area: str  # the programme area (key activity) that owns it: organizations, trainings, grants, legal_aid
    dimensions: frozenset[str] = frozenset()
    filters: frozenset[str] = frozenset()  # filter keys the measure understands, e.g. centre, kind
    counts_people: bool = False  # a count of persons: small cells are suppressed for the donor
    description: Label = ""


@dataclass(frozen=True)
class Dimension:
    code: str
    label: Label
    values: Callable[[], list[tuple[str, Label]]]  # (value, label), in display order


_measures: dict[str, Measure] = {}
_dimensions: dict[str, Dimension] = {}


def register(measure: Measure) -> None:
    unknown = measure.dimensions - set(_dimensions)
    if unknown:
        raise ValueError(f"measure {measure.code}: unknown dimensions {sorted(unknown)}")
    _measures[measure.code] = measure


def register_dimension(dimension: Dimension) -> None:
    _dimensions[dimension.code] = dimension


def get(code: str) -> Measure | None:
    return _measures.get(code)


def all_measures() -> list[Measure]:
    return sorted(_measures.values(), key=lambda m: (m.area, m.code))


def dimension(code: str) -> Dimension | None:
    return _dimensions.get(code)


def all_dimensions() -> list[Dimension]:
    return list(_dimensions.values())


def compute(measure: Measure, query: Query, dimensions: Iterable[str] = ()) -> Figures:
    """The measure's figures, with only the dimensions it can split by and the filters it knows."""
    asked = tuple(d for d in dimensions if d in measure.dimensions)
    known = {k: v for k, v in query.filters.items() if k in measure.filters and v not in ("", None)}
    figures = measure.compute(Query(end=query.end, start=query.start, filters=known), asked)
    figures.total = Decimal(figures.total or 0)
    figures.by = {d: {str(k): Decimal(v or 0) for k, v in figures.by.get(d, {}).items()} for d in asked}
    return figures


KeysOf = Callable[[Any], Iterable[str]]


def split(
    items: Iterable[Any],
    dimensions: Iterable[str],
    keys_of: Mapping[str, KeysOf],
    weight: Callable[[Any], Decimal] = lambda item: Decimal(1),
) -> Figures:
    """The total of `items` (each weighing `weight(item)`) and, for each dimension asked, the sum per
    value; `keys_of[dimension](item)` gives the item's values (several for an item counted under
    each, such as a CSO both women-led and youth-led). Pure Python over rows already fetched."""
    asked = list(dimensions)
    figures = Figures(total=Decimal(0), by={d: {} for d in asked})
    for item in items:
        value = weight(item)
        figures.total += value
        for dimension in asked:
            cells = figures.by[dimension]
            for key in keys_of[dimension](item):
                cells[str(key)] = cells.get(str(key), Decimal(0)) + value
    return figures


def percentage(part: Decimal, whole: Decimal) -> Decimal:
    return (Decimal(100) * part / whole).quantize(Decimal("0.1")) if whole else Decimal(0)


# Age bands of the programme's reporting (the EU's sex and age disaggregation); the same bands as
# trainings.reporting, where a participant's age is taken at the date of the session.
AGE_BANDS: list[tuple[int, int, str]] = [
    (0, 14, "<15"),
    (15, 29, "15-29"),
    (30, 44, "30-44"),
    (45, 64, "45-64"),
    (65, 200, "65+"),
]


def age_band(age: int) -> str:
    return next((label for low, high, label in AGE_BANDS if low <= age <= high), AGE_BANDS[-1][2])


register_dimension(
    Dimension(
        "sex", _("Sex"), lambda: [("female", pgettext_lazy("sex", "Women")), ("male", pgettext_lazy("sex", "Men"))]
    )
)
register_dimension(Dimension("age_band", _("Age band"), lambda: [(label, label) for _lo, _hi, label in AGE_BANDS]))
register_dimension(
    Dimension(
        "disability",
        _("Disability"),
        lambda: [("yes", _("With a disability")), ("no", _("Without a disability"))],
    )
)
register_dimension(Dimension("governorate", _("Governorate"), lambda: list(Governorate.choices)))
register_dimension(
    Dimension(
        "cso_led",
        _("Women-led / youth-led CSO"),
        lambda: [("women_led", _("Women-led")), ("youth_led", _("Youth-led")), ("other", _("Other CSOs"))],
    )
)
