"""Money: the currencies of the programme and the precision of every amount."""

from typing import Final, TypedDict

from django.db import models
from django.utils.translation import gettext_lazy as _


class _Precision(TypedDict):
    max_digits: int
    decimal_places: int


# A TypedDict, so that `DecimalField(..., **MONEY)` type-checks its keywords.
MONEY: Final = _Precision(max_digits=18, decimal_places=3)


class Currency(models.TextChoices):
    IQD = "IQD", _("Iraqi dinar (IQD)")
    USD = "USD", _("US dollar (USD)")
    EUR = "EUR", _("Euro (EUR)")
