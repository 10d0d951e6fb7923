"""Reporting periods from the programme's dates, and PRAG's due dates.

Interim periods of `months` months follow one another from the programme's start; the last period
runs to the programme's end and is the final report's. PRAG (General Conditions, art. 2): an interim
report is due 60 days after the end of its period, the final report three months after the end of
the implementation period. A stub of less than a month before the end is folded into the final
period, so the final report never covers a few days."""

import calendar
import datetime as dt
from dataclasses import dataclass

INTERIM_DUE_DAYS = 60
FINAL_DUE_MONTHS = 3


@dataclass(frozen=True)
class PeriodPlan:
    number: int
    kind: str  # "interim" or "final"
    start: dt.date
    end: dt.date
    due: dt.date


def add_months(day: dt.date, months: int) -> dt.date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def final_due(end: dt.date) -> dt.date:
    """Three months after the end: the last day of the third month after the end's month when the
    action ends on a month's last day (30 June -> 30 September), else the same day three months on."""
    if end.day == calendar.monthrange(end.year, end.month)[1]:
        last = add_months(end.replace(day=1), FINAL_DUE_MONTHS)
        return last.replace(day=calendar.monthrange(last.year, last.month)[1])
    return add_months(end, FINAL_DUE_MONTHS)


def plan(start: dt.date, end: dt.date, months: int = 12) -> list[PeriodPlan]:
    if end < start:
        raise ValueError("the programme ends before it starts")
    periods: list[PeriodPlan] = []
    period_start = start
    while True:
        period_end = add_months(period_start, months) - dt.timedelta(days=1)
        # The last period: it reaches the end, or what would remain after it is less than a month.
        if period_end >= end or add_months(period_end, 1) > end:
            periods.append(PeriodPlan(len(periods) + 1, "final", period_start, end, final_due(end)))
            return periods
        periods.append(
            PeriodPlan(
                len(periods) + 1, "interim", period_start, period_end, period_end + dt.timedelta(days=INTERIM_DUE_DAYS)
            )
        )
        period_start = period_end + dt.timedelta(days=1)
