"""Query shapes shared by the lists: counting related rows without a fan-out join, and a translated
field's value in the active language (`localized`).

A list that annotates `Count("registrations", distinct=True)` joins every registration (and, with a
second count, their product) before it can group, sort and cut the page; at ten times the demo's data
the events and participants lists spent over a second in that join (`make bench --profile`). A
correlated subquery counts the rows of the 25 shown only, whatever the table holds."""

from django.db.models import F, IntegerField, QuerySet, Subquery, TextField, Value
from django.db.models.functions import Coalesce, NullIf
from modeltranslation.utils import get_language, resolution_order


class SubqueryCount(Subquery):
    """How many rows a subquery returns, as an integer column (0 when none)."""

    template = "(SELECT count(*) FROM (%(subquery)s) _count)"
    output_field = IntegerField()


def count_of(queryset: QuerySet) -> Coalesce:
    """The number of rows of `queryset` (filtered on OuterRef(...)), as an annotation: one index
    lookup per row shown, where a Count over a join reads every related row first."""
    return Coalesce(SubqueryCount(queryset.values("pk")), 0)


def localized(path: str) -> Coalesce:
    """The value of a translated field (modeltranslation) in the active language, falling back as an
    instance's attribute does (MODELTRANSLATION_FALLBACK_LANGUAGES; an empty text falls back), then
    to the original column: for a query that reads the field without loading its row, such as
    `values()` or `order_by()` across a relation, `localized("session__event__title")`. Built in the
    language active when it is called."""
    columns = [NullIf(F(f"{path}_{language}"), Value("")) for language in resolution_order(get_language())]
    return Coalesce(*columns, F(path), output_field=TextField())
