"""What stops a call from being published."""

from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grants.models import GrantCall

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def publication_problems(call: GrantCall) -> list["StrOrPromise"]:
    problems: list[StrOrPromise] = []
    criteria = list(call.evaluation_criteria.all())
    if not criteria:
        problems.append(_("Add the evaluation grid."))
    elif sum(c.weight for c in criteria) != Decimal("100"):
        problems.append(_("The weights of the evaluation grid must add up to 100."))
    if call.closes_at <= timezone.now():
        problems.append(_("The closing date has passed."))
    for field in ("title_ar", "title_ckb", "description_ar", "description_ckb"):
        if not getattr(call, field):
            problems.append(_("Give the title and description in Arabic and Kurdish too."))
            break
    return problems
