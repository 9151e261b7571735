"""Reads of commendations: for staff pages, for reports and for the public portal."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, QuerySet

from loalang.commendations.models import Commendation


def commendation_list(
    *, commune: Any, date_from: dt.date | None = None, date_to: dt.date | None = None
) -> QuerySet[Commendation]:
    """Every commendation of `commune` awarded in [date_from, date_to] (either end optional),
    newest first, with its linked activities prefetched (for reports: section I)."""
    qs = Commendation.objects.filter(commune=commune)
    if date_from:
        qs = qs.filter(awarded_on__gte=date_from)
    if date_to:
        qs = qs.filter(awarded_on__lte=date_to)
    return (
        qs.select_related("plan")
        .prefetch_related("activities")
        .annotate(activity_count=Count("activities"))
        .order_by("-awarded_on", "-id")
    )


def commendation_list_public(*, commune: Any, limit: int = 10) -> list[Commendation]:
    """The latest commendations marked public, for the portal. Only public fields are meant
    to be shown: subject_name, subject_kind, reason, awarded_on, decision_ref."""
    return list(
        Commendation.objects.filter(commune=commune, is_public=True)
        .only("subject_kind", "subject_name", "reason", "awarded_on", "decision_ref", "commune_id")
        .order_by("-awarded_on", "-id")[:limit]
    )
