"""Pieces the grants forms share."""

from decimal import Decimal
from typing import Final, TypedDict

from django import forms

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class _Bounds(TypedDict):
    validate_max: bool
    can_delete: bool


# Every formset has a maximum far above a real call and far below harm: a post that claims more
# forms is refused with a form error after building at most `absolute_max` forms.
BOUNDS: Final = _Bounds(validate_max=True, can_delete=True)


def line_amount(row, *, initial) -> forms.DecimalField:
    """An amount for one budget line (spending in a report, a new amount in a reallocation)."""
    return forms.DecimalField(
        label=row.line.description,
        required=False,
        min_value=Decimal("0"),
        max_digits=18,
        decimal_places=3,
        initial=initial,
        widget=forms.NumberInput(attrs={"step": "0.001", "dir": "ltr"}),
    )
