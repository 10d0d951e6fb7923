"""Small numbers hidden from the donor, so that no figure identifies a person.

In donor views and donor exports, a count of persons between 1 and 4 is shown as "< 5" (zero
identifies no one and stays). Suppression is complementary: when a split has exactly one hidden cell,
the total minus the other cells would give it away, so the smallest other non-zero cell is hidden
too; a total under 5 hides the whole split. Staff see exact values. Amounts of money and counts of
organisations or events are not persons and are never suppressed."""

from decimal import Decimal

THRESHOLD = 5
HIDDEN = None  # a hidden cell; templates and exports show it as "< 5"


def small(value: Decimal | None) -> bool:
    return value is not None and 0 < value < THRESHOLD


def suppress_split(values: dict[str, Decimal | None], total: Decimal | None = None) -> dict[str, Decimal | None]:
    """The split with its small cells hidden, complementarily."""
    if total is not None and small(total):
        return {key: (HIDDEN if value else value) for key, value in values.items()}
    shown = {key: (HIDDEN if small(value) else value) for key, value in values.items()}
    hidden = [key for key, value in shown.items() if value is HIDDEN]
    if len(hidden) == 1:
        others = sorted(
            ((value, key) for key, value in shown.items() if value is not HIDDEN and value),
            key=lambda item: item[0],
        )
        if others:
            shown[others[0][1]] = HIDDEN
    return shown


def suppress_total(value: Decimal | None) -> Decimal | None:
    return HIDDEN if small(value) else value


def suppress_figures(figures: dict, people_measures: set[str]) -> dict:
    """A copy of an indicator table (results.selectors.indicator_table) as the donor may see it: the
    values of indicators counting persons, and their splits, suppressed; the beneficiary and
    activity tables likewise."""

    def as_number(value):
        return None if value is None else Decimal(value)

    def shown(value):
        return None if value is None else format(value, "f")

    def split(by: dict, total) -> dict:
        return {
            d: {k: shown(v) for k, v in suppress_split({k: as_number(v) for k, v in cells.items()}, total).items()}
            for d, cells in by.items()
        }

    result = dict(figures)
    rows = []
    for row in figures.get("indicators", []):
        row = dict(row)
        if row.get("query", {}).get("measure") in people_measures:
            total = as_number(row["value"])
            row["by"] = split(row.get("by", {}), total)
            row["value"] = shown(suppress_total(total))
            row["to_date"] = shown(suppress_total(as_number(row["to_date"])))
            row["suppressed"] = True
        rows.append(row)
    result["indicators"] = rows
    for table in ("beneficiaries", "activities"):
        result[table] = {
            code: (
                {
                    "total": shown(suppress_total(as_number(data["total"]))),
                    "by": split(data["by"], as_number(data["total"])),
                }
                if code in people_measures
                else data
            )
            for code, data in figures.get(table, {}).items()
        }
    result["suppressed"] = True
    return result
