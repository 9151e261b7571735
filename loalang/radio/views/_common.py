from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.utils import timezone


def day_from(request: HttpRequest, default_offset: int = 0) -> dt.date:
    """?date=YYYY-MM-DD, or today (+ offset) in Vietnam time."""
    raw = request.GET.get("date", "")
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        return timezone.localdate() + dt.timedelta(days=default_offset)
