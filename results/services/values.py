"""Values entered by hand for indicators without a measure, approved by a second person."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.audit import actor_context
from results import permissions
from results.models import Indicator, ManualValue, Period, Unit
from results.rules.reports import value_submit_problems
from results.workflows import MANUAL_VALUE


def _check_value(indicator: Indicator, value: Decimal) -> None:
    if value < 0:
        raise ValidationError({"value": _("A value cannot be negative.")})
    if indicator.unit == Unit.PERCENTAGE and value > 100:
        raise ValidationError({"value": _("A percentage cannot be above 100.")})
    if indicator.unit == Unit.YESNO and value not in (0, 1):
        raise ValidationError({"value": _("Enter 1 for yes or 0 for no.")})


@transaction.atomic
def value_save(
    *, actor: User, indicator: Indicator, period: Period, data: dict[str, Any], submit: bool = False
) -> ManualValue:
    """Saves the value as a draft (or submits it for approval), updating the one row of the
    indicator and period in place."""
    if indicator.measure:
        raise ValidationError(_("This indicator is computed from the records; its values are not entered by hand."))
    if period.logframe_id != indicator.logframe_id:
        raise ValidationError(_("This period is not one of the programme's."))
    value = ManualValue.objects.select_for_update().filter(indicator=indicator, period=period).first()
    if not permissions.can_enter_value(actor, value):
        raise PermissionDenied
    _check_value(indicator, data["value"])
    value = value or ManualValue(indicator=indicator, period=period, entered_by=actor)
    for name in ("value", "by", "evidence_link", "comment"):
        if name in data:
            setattr(value, name, data[name])
    if data.get("evidence_file"):
        value.evidence_file = data["evidence_file"]
    value.entered_by = actor
    with actor_context(actor, action="results_value_save"):
        value.save()
        if submit:
            problems = value_submit_problems(value)
            if problems:
                raise ValidationError(problems)
            MANUAL_VALUE.apply("submit", value, actor)
            value.save(update_fields=["status"])
    return value


@transaction.atomic
def value_review(*, actor: User, value: ManualValue, approve: bool, comment: str = "") -> ManualValue:
    value = ManualValue.objects.select_for_update().get(pk=value.pk)
    if value.entered_by_id == actor.pk:
        raise ValidationError(_("A value is approved by someone other than the person who entered it."))
    if not approve and not comment.strip():
        raise ValidationError({"comment": _("Say what needs to be corrected.")})
    MANUAL_VALUE.apply("approve" if approve else "return", value, actor)
    value.reviewed_by, value.reviewed_at, value.review_comment = actor, timezone.now(), comment.strip()
    with actor_context(actor, action="results_value_review"):
        value.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_comment"])
    return value


def is_open(period: Period, today: dt.date | None = None) -> bool:
    """Values may be entered for a period once it has begun."""
    return period.start <= (today or timezone.localdate())
