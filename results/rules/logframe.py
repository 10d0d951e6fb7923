"""What the logframe refuses: checks shared by the forms, the spreadsheet upload and the services."""

from decimal import Decimal

from django.utils.translation import gettext as _

from core import measures
from results.models import PARENT_LEVEL, Level, Unit


def parent_problem(level: str, parent_level: str | None) -> str | None:
    expected = PARENT_LEVEL[Level(level)]
    if expected is None and parent_level is not None:
        return _("The overall objective serves no other result.")
    if expected is not None and parent_level != expected:
        return _("A result of this level serves a result of the level “%(level)s”.") % {"level": Level(expected).label}
    return None


def value_problem(unit: str, value: Decimal | None) -> str | None:
    if value is None:
        return None
    if value < 0:
        return _("A value cannot be negative.")
    if unit == Unit.PERCENTAGE and value > 100:
        return _("A percentage cannot be above 100.")
    if unit == Unit.YESNO and value not in (0, 1):
        return _("Enter 1 for yes or 0 for no.")
    return None


def measure_problems(measure_code: str, unit: str, disaggregations: list[str], filters: dict) -> dict[str, str]:
    """{field: message} for a binding that cannot work: an unknown measure, a unit that is not the
    measure's, a split the measure cannot make, a filter it does not know."""
    known_dimensions = {d.code for d in measures.all_dimensions()}
    problems: dict[str, str] = {}
    unknown = [d for d in disaggregations if d not in known_dimensions]
    if unknown:
        problems["disaggregations"] = _("Unknown disaggregation: %(codes)s.") % {"codes": ", ".join(unknown)}
    if not measure_code:
        return problems
    measure = measures.get(measure_code)
    if measure is None:
        problems["measure"] = _("There is no measure “%(code)s”.") % {"code": measure_code}
        return problems
    if measure.unit != unit:
        problems["unit"] = _("The measure counts in “%(unit)s”: give the indicator the same unit.") % {
            "unit": Unit(measure.unit).label
        }
    cannot = [d for d in disaggregations if d in known_dimensions and d not in measure.dimensions]
    if cannot:
        labels = [str(measures.dimension(d).label) for d in cannot]  # type: ignore[union-attr]
        problems["disaggregations"] = _("The measure cannot be split by: %(dimensions)s.") % {
            "dimensions": ", ".join(labels)
        }
    unknown_filters = sorted(set(filters) - measure.filters)
    if unknown_filters:
        problems["filters"] = _("The measure has no filter %(filters)s.") % {"filters": ", ".join(unknown_filters)}
    return problems
