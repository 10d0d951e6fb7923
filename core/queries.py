"""Query shapes shared by the lists: counting related rows without a fan-out join.

A list that annotates `Count("registrations", distinct=True)` joins every registration (and, with a
second count, their product) before it can group, sort and cut the page; at ten times the demo's data
the events and participants lists spent over a second in that join (`make bench --profile`). A
correlated subquery counts the rows of the 25 shown only, whatever the table holds."""

from django.db.models import IntegerField, QuerySet, Subquery
from django.db.models.functions import Coalesce


class SubqueryCount(Subquery):
    """How many rows a subquery returns, as an integer column (0 when none)."""

    template = "(SELECT count(*) FROM (%(subquery)s) _count)"
    output_field = IntegerField()


def count_of(queryset: QuerySet) -> Coalesce:
    """The number of rows of `queryset` (filtered on OuterRef(...)), as an annotation: one index
    lookup per row shown, where a Count over a join reads every related row first."""
    return Coalesce(SubqueryCount(queryset.values("pk")), 0)
