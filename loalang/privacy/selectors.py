"""Reads of the privacy app, always scoped by commune."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from loalang.accounts.access import CAPS, Cap
from loalang.accounts.models import User
from loalang.privacy.deadline import Deadline, deadline_for
from loalang.privacy.models import Incident


def incident_list(*, commune: Any) -> QuerySet[Incident]:
    return Incident.objects.filter(commune=commune).order_by("-found_at", "-id")


def incident_get(*, commune: Any, pk: int) -> Incident:
    """The commune's incident, or 404 (another commune's id is never found)."""
    return get_object_or_404(
        Incident.objects.select_related("commune", "recorded_by"), pk=pk, commune=commune
    )


def incident_list_unnotified(*, commune: Any, now: dt.datetime) -> list[tuple[Incident, Deadline]]:
    """Open incidents the authority has not been told about, soonest deadline first."""
    rows = (
        Incident.objects.filter(commune=commune, authority_notified_at__isnull=True)
        .exclude(status=Incident.Status.CLOSED)
        .order_by("found_at", "id")
    )
    return [(i, deadline_for(i, now)) for i in rows]


def privacy_managers(*, commune: Any) -> list[User]:
    """Active users holding a role with `Cap.PRIVACY` in the commune (who get reminders)."""
    return list(
        User.objects.filter(
            is_active=True,
            memberships__commune=commune,
            memberships__is_active=True,
            memberships__role__in=CAPS[Cap.PRIVACY],
        )
        .distinct()
        .order_by("pk")
    )
