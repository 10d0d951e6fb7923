"""Pieces the grants forms share."""

from decimal import Decimal
from typing import Final, TypedDict

from django import forms
from django.utils.translation import gettext_lazy as _

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


LANGUAGE_LABELS = {"en": _("in English"), "ar": _("in Arabic"), "ckb": _("in Kurdish")}


def label_translations(form, *names):
    """'Title in Arabic' and so on for modeltranslation's per-language fields; English is required."""
    for name in names:
        for language, suffix in LANGUAGE_LABELS.items():
            field = form.fields.get(f"{name}_{language}")
            if field is not None:
                field.label = f"{form._meta.model._meta.get_field(name).verbose_name.capitalize()} {suffix}"
                field.required = language == "en"


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
