"""Money: the currencies of the programme and the precision of every amount."""

from django.db import models
from django.utils.translation import gettext_lazy as _

MONEY = {"max_digits": 18, "decimal_places": 3}


class Currency(models.TextChoices):
    IQD = "IQD", _("Iraqi dinar (IQD)")
    USD = "USD", _("US dollar (USD)")
    EUR = "EUR", _("Euro (EUR)")
