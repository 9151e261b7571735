"""Due dates of a recurring task's occurrences: the last day of each week, month or quarter."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator

from django.utils.translation import gettext as _


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def occurrence_dates(
    recurrence: str, starts_on: dt.date, repeat_until: dt.date
) -> Iterator[dt.date]:
    """Every period end in [starts_on, repeat_until]; a period cut by repeat_until ends there."""
    if recurrence == "weekly":
        day = starts_on + dt.timedelta(days=6 - starts_on.weekday())  # that week's Sunday
        while day <= repeat_until:
            yield day
            day += dt.timedelta(days=7)
    elif recurrence in ("monthly", "quarterly"):
        step = 1 if recurrence == "monthly" else 3
        year, month = starts_on.year, starts_on.month
        if step == 3:
            month = ((month - 1) // 3) * 3 + 3  # the quarter's last month
        while True:
            day = _month_end(year, month)
            if day > repeat_until:
                break
            yield day
            month += step
            if month > 12:
                year, month = year + 1, month - 12
    else:
        raise ValueError(f"unknown recurrence {recurrence!r}")


def occurrence_label(recurrence: str, due_on: dt.date) -> str:
    if recurrence == "weekly":
        week = due_on.isocalendar()
        return _("tuần %(w)d/%(y)d") % {"w": week.week, "y": week.year}
    if recurrence == "quarterly":
        return _("quý %(q)d/%(y)d") % {"q": (due_on.month - 1) // 3 + 1, "y": due_on.year}
    return _("tháng %(m)d/%(y)d") % {"m": due_on.month, "y": due_on.year}
