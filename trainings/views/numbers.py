"""Participation numbers for reporting (aggregates only, so the donor may see them)."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from core import freshness
from core.permissions import require
from organizations.permissions import can_view_indicators
from trainings import reporting
from trainings.forms import NumbersFilterForm


@require(can_view_indicators)
def numbers(request):
    form = NumbersFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    # The same figures for everyone who may see them: kept until the data changes (core.freshness).
    asked = request.GET.urlencode() if filters else ""
    data = freshness.cached_today(
        request, "trainings.numbers", (asked,), lambda: reporting.participation_numbers(filters)
    )
    context = {
        "form": form,
        "events": data["events"],
        "tables": [
            (_("Unique participants"), data["unique"].total, reporting.rows(data["unique"])),
            (_("Participations"), data["participations"].total, reporting.rows(data["participations"])),
        ],
    }
    return render(request, "trainings/numbers.html", context)
