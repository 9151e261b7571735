"""Public events and the portal profile (contact official)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from loalang.core.audit import audit_log, snapshot
from loalang.portal import pagecache
from loalang.portal.models import PortalProfile, PublicEvent
from loalang.portal.richtext import clean_line, clean_text


@transaction.atomic
def event_save(
    *,
    commune: Any,
    actor: Any,
    title: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime | None = None,
    place: str = "",
    description: str = "",
    themes: Iterable[Any] = (),
    activity: Any = None,
    is_cancelled: bool = False,
    event: PublicEvent | None = None,
) -> PublicEvent:
    """Create or edit an event on the public calendar."""
    if ends_at and ends_at < starts_at:
        raise ValidationError({"ends_at": _("Giờ kết thúc phải sau giờ bắt đầu.")})
    before = snapshot(event) if event else None
    event = event or PublicEvent(commune=commune)
    event.title = clean_line(title)
    event.starts_at, event.ends_at = starts_at, ends_at
    event.place = clean_line(place)
    event.description = clean_text(description)
    event.activity = activity
    event.is_cancelled = is_cancelled
    event.full_clean()
    event.save()
    event.themes.set(list(themes))
    audit_log(
        actor=actor,
        verb="public_event.updated" if before else "public_event.created",
        target=event,
        commune=event.commune,
        before=before,
    )
    transaction.on_commit(lambda: pagecache.bump(commune))
    return event


@transaction.atomic
def profile_update(*, commune: Any, actor: Any, **fields: str) -> PortalProfile:
    """Edit the public section's introduction and contact official."""
    profile, _created = PortalProfile.objects.get_or_create(commune=commune)
    before = snapshot(profile)
    for name, value in fields.items():
        setattr(profile, name, clean_text(value) if name == "intro" else clean_line(value))
    profile.full_clean()
    profile.save()
    audit_log(
        actor=actor,
        verb="portal_profile.updated",
        target=profile,
        commune=profile.commune,
        before=before,
    )
    transaction.on_commit(lambda: pagecache.bump(commune))
    return profile
