"""Arabic as written in Iraq's programme documents: Western digits, 1,234,567.89 (Django's Arabic
default writes 1234567,89, with no grouping, which misreads amounts in dinar)."""

from django.conf.locale.ar.formats import *  # noqa: F403

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
# Django's Arabic formats have no date-and-time format; the English default reads "نوفمبر 28, 2026".
DATETIME_FORMAT = "j F Y، g:i A"
SHORT_DATETIME_FORMAT = "d‏/m‏/Y g:i A"
