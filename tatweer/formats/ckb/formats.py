"""Central Kurdish: Django's separators, with digits grouped by thousands (1,234,567.89)."""

from django.conf.locale.ckb.formats import *  # noqa: F403

NUMBER_GROUPING = 3
