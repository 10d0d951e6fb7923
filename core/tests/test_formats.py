"""Dates as Iraq writes them, in English too: day before month, the 24-hour clock."""

import datetime as dt

from django import forms
from django.template import Context, Template
from django.utils import translation


class _Dated(forms.Form):
    day = forms.DateField()


def test_english_dates_are_day_first_with_the_24_hour_clock():
    moment = dt.datetime(2026, 12, 17, 14, 30)  # noqa: DTZ001 naive: rendered as it is
    with translation.override("en"):
        rendered = Template(
            '{{ m|date:"DATE_FORMAT" }}|{{ m|date:"SHORT_DATE_FORMAT" }}|{{ m|time:"TIME_FORMAT" }}'
        ).render(Context({"m": moment}))
    assert rendered == "17 December 2026|17/12/2026|14:30"


def _read(typed: str) -> dt.date | None:
    form = _Dated({"day": typed})
    return form.cleaned_data["day"] if form.is_valid() else None


def test_a_typed_english_date_is_read_day_first_and_iso_still_works():
    with translation.override("en"):
        assert _read("03/04/2026") == dt.date(2026, 4, 3)
        assert _read("2026-04-03") == dt.date(2026, 4, 3)
        assert _read("12/17/2026") is None  # no 17th month
