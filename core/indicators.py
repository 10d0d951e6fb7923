"""The programme's indicators for the donor, in one export. Each app registers a source: a function
returning rows (area, indicator, breakdown, value), aggregates only. The base layer knows no app."""

from collections.abc import Callable, Iterable

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from core.exports import Exporter

_sources: list[tuple[int, Callable[[], Iterable[tuple]]]] = []


def register(source: Callable[[], Iterable[tuple]], *, order: int = 50) -> None:
    _sources.append((order, source))


def rows() -> list[list]:
    return [list(row) for _order, source in sorted(_sources, key=lambda s: s[0]) for row in source()]


def exporter(permission) -> Exporter:
    return Exporter(
        kind="indicators",
        title=lambda: _("Programme indicators"),
        permission=permission,
        columns=lambda: [pgettext("programme indicators", "Area"), _("Indicator"), _("Breakdown"), _("Value")],
        rows=lambda user, params: rows(),
        count=lambda user, params: len(rows()),
    )
