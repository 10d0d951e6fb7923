"""Making the reporting periods from the programme's dates, in place."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from core.audit import actor_context
from results import permissions
from results.models import Logframe, Period
from results.rules.periods import plan


@transaction.atomic
def periods_generate(*, actor: User | None, logframe: Logframe) -> list[Period]:
    """Creates or updates the periods so they follow the programme's dates and the logframe's period
    length. A period that has a report or values keeps its row (its dates move in place); a period
    no longer needed is removed only when nothing depends on it, else the change is refused."""
    if actor is not None and not permissions.manages_results(actor):
        raise PermissionDenied
    logframe = Logframe.objects.select_for_update().select_related("programme").get(pk=logframe.pk)
    planned = plan(logframe.programme.start_date, logframe.programme.end_date, logframe.period_months)
    existing = {p.number: p for p in logframe.periods.select_for_update()}
    with actor_context(actor, action="results_periods"):
        for item in planned:
            period = existing.pop(item.number, None) or Period(logframe=logframe, number=item.number)
            period.kind, period.start, period.end, period.due = item.kind, item.start, item.end, item.due
            period.save()
        for period in existing.values():
            if hasattr(period, "report") or period.manual_values.exists() or period.targets.exists():
                raise ValidationError(
                    _("Period %(number)s has a report, targets or values: it cannot be removed.")
                    % {"number": period.number}
                )
            period.delete()
    return list(logframe.periods.order_by("number"))
