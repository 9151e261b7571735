"""Reads of events for other modules: aggregates only (names never leave the commune)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Sum

from loalang.activities.models import Activity
from loalang.events.models import Event

GROUPS = ("officials", "team_members", "residents", "women", "ethnic_minorities", "participants")


def event_totals(*, communes: Any, start: dt.date, end: dt.date) -> dict[str, int]:
    """Verified events held in [start, end) in `communes` (a queryset or list): how many, and
    participants by group. No names, no phones: this is what may leave the commune."""
    qs = Event.objects.filter(
        activity__commune__in=communes,
        activity__status=Activity.Status.VERIFIED,
        activity__held_on__gte=start,
        activity__held_on__lt=end,
    )
    agg = qs.aggregate(events=Count("pk"), **{g: Sum(g) for g in GROUPS})
    return {k: v or 0 for k, v in agg.items()}
