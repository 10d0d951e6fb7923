"""Looking up a record by an id that came from a visitor (a posted field, a query parameter)."""

from django.http import Http404
from django.shortcuts import get_object_or_404


def get_by_posted_id_or_404(queryset, value, **filters):
    """The record of `queryset` whose primary key is `value`, or 404.

    `value` is whatever the visitor sent: an id that is not a whole number ('', 'abc', '1e309', a
    5,000-digit number) is simply not found, never a 500 from the database layer."""
    text = str(value or "").strip()
    if not text.isascii() or not text.isdigit() or len(text) > 18:
        raise Http404
    return get_object_or_404(queryset, pk=int(text), **filters)
