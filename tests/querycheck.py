"""What the list-page tests look for in the SQL a page ran, beside counting it."""

import re

# The shapes `make bench --profile` found growing with the data: a DISTINCT over a join (a list made
# unique after joining every related row) and a COUNT(DISTINCT ...) annotation (counting related rows
# through the same fan-out). core.queries.count_of and EXISTS filters do the same work per row shown.
FAN_OUT = re.compile(r"^\s*SELECT\s+DISTINCT\b|COUNT\(\s*DISTINCT\b", re.IGNORECASE)


def fan_outs(captured, table: str) -> list[str]:
    """The statements on `table` (e.g. "trainings_event") that have a fan-out shape."""
    return [q["sql"][:300] for q in captured.captured_queries if f'"{table}"' in q["sql"] and FAN_OUT.search(q["sql"])]
