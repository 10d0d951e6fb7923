"""The measures of the platform (core.measures): entries published, and CSOs that used an entry.

An entry counts in the period it was first published in, if it is published today (a hidden or
declined one does not). A CSO counts once for the period in which it first marked an entry as used
(a second entry used later in the same period does not count it again), by its governorate and by
its leadership on the last day of the period (organizations.measures). Only counts leave this
module: no person, no name.
"""

from django.db.models import Min, Q
from django.utils.translation import gettext_lazy as _

from commons.models import Entry, EntryKind, EntryStatus, Uptake
from core import measures
from core.measures import Dimension, Figures, Measure, Query, Unit, split
from organizations.measures import cso_led_of, led_values


def _window(field: str, query: Query) -> Q:
    window = Q(**{f"{field}__lte": query.end})
    return window & Q(**{f"{field}__gte": query.start}) if query.start else window


def entries_published(query: Query, dimensions: tuple[str, ...]) -> Figures:
    entries = Entry.objects.filter(_window("published_at__date", query), status=EntryStatus.PUBLISHED)
    return split(entries.values("kind", "language"), dimensions, {"entry_kind": lambda row: [row["kind"]]})


def csos_adopting(query: Query, dimensions: tuple[str, ...]) -> Figures:
    """The CSOs whose first "we used this" of an entry falls in the window."""
    first = (
        Uptake.objects.values("organization_id", "organization__governorate")
        .annotate(first=Min("used_on"))
        .filter(_window("first", query))
        .order_by()
    )
    rows = list(first)
    led = cso_led_of([row["organization_id"] for row in rows], query.end) if "cso_led" in dimensions else {}
    return split(
        rows,
        dimensions,
        {
            "governorate": lambda row: [row["organization__governorate"]],
            "cso_led": lambda row: led_values(led, row["organization_id"]),
        },
    )


def register() -> None:
    measures.register_dimension(Dimension("entry_kind", _("Type of entry"), lambda: list(EntryKind.choices)))
    measures.register(
        Measure(
            code="commons.entries_published",
            label=_("Entries published on the platform"),
            unit=Unit.NUMBER,
            compute=entries_published,
            area="commons",
            dimensions=frozenset({"entry_kind"}),
            description=_("Tools, practices and guides first published in the period and still shown."),
        )
    )
    measures.register(
        Measure(
            code="commons.csos_adopting",
            label=_("CSOs that used an entry of the platform"),
            unit=Unit.NUMBER,
            compute=csos_adopting,
            area="commons",
            dimensions=frozenset({"governorate", "cso_led"}),
            description=_("CSOs that marked for the first time, in the period, an entry of another CSO as used."),
        )
    )
