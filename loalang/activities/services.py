"""Writes to the activity log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import models, transaction

from loalang.activities.models import Activity
from loalang.core.audit import audit_log, snapshot
from loalang.core.channels import Channel

_KIND_CHANNEL = {
    Activity.Kind.PORTAL_POST: Channel.PORTAL,
    Activity.Kind.SOCIAL_POST: Channel.SOCIAL,
    Activity.Kind.RADIO_BROADCAST: Channel.RADIO,
    Activity.Kind.VISUAL: Channel.VISUAL,
    Activity.Kind.BULLETIN: Channel.BULLETIN,
    Activity.Kind.PRINTED: Channel.PRINTED,
    Activity.Kind.EVENT: Channel.EVENT,
    Activity.Kind.TEAM_GUIDANCE: Channel.TEAM_GUIDANCE,
    Activity.Kind.PROPAGANDIST: Channel.PROPAGANDIST,
    Activity.Kind.SMS: Channel.SMS,
}


def channel_for_kind(kind: str) -> str:
    return str(_KIND_CHANNEL[Activity.Kind(kind)])


@transaction.atomic
def activity_record_automatic(
    *,
    commune: Any,
    kind: str,
    source: models.Model,
    title: str,
    held_on: dt.date,
    reach: int | None = None,
    minutes: int | None = None,
    themes: Iterable[Any] = (),
    villages: Iterable[Any] = (),
    plan: Any = None,
    description: str = "",
    actor: Any = None,
) -> Activity:
    """Record (or update) the activity that another module's record stands for.

    Idempotent per source: publishing an article twice, or confirming a broadcast again,
    updates the one activity instead of adding a second. Automatic records are verified at
    once: the system itself saw the work happen.
    """
    source_type = source._meta.label_lower
    existing = (
        Activity.objects.select_for_update()
        .filter(source_type=source_type, source_id=str(source.pk))
        .first()
    )
    before = snapshot(existing) if existing else None
    activity = existing or Activity(source_type=source_type, source_id=str(source.pk))
    activity.commune = commune
    activity.kind = kind
    activity.channel = channel_for_kind(kind)
    activity.title = title[:300]
    activity.description = description
    activity.held_on = held_on
    activity.reach = reach
    activity.minutes = minutes
    activity.plan = plan
    activity.status = Activity.Status.VERIFIED
    if actor is not None and getattr(actor, "is_authenticated", False):
        activity.recorded_by = actor
    activity.full_clean()
    activity.save()
    activity.themes.set(list(themes))
    activity.villages.set(list(villages))
    audit_log(
        actor=actor,
        verb="activity.updated" if existing else "activity.recorded",
        target=activity,
        before=before,
        commune=commune,
    )
    return activity
