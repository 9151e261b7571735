"""The audit log: every staff create/update/delete goes through audit_log()."""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from typing import Any

from django.db import models

from loalang.core.models import AuditEntry


def snapshot(obj: models.Model) -> dict[str, Any]:
    """A JSON-safe dict of the object's concrete fields (foreign keys as ids, files as names)."""
    data: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        value = getattr(obj, field.attname)
        data[field.attname] = _jsonable(value)
    return data


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, uuid.UUID)):
        return str(value)
    if hasattr(value, "name"):  # FieldFile
        return value.name or ""
    if isinstance(value, (list, dict)):
        return value
    return str(value)


def audit_log(
    *,
    actor: Any,
    verb: str,
    target: models.Model,
    commune: Any,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEntry:
    """Record one write. `after` defaults to a snapshot of `target` unless the verb deletes.

    `commune` is the commune the write belongs to, always given by the caller (None for a
    write that belongs to no commune: a user's own sign-in settings, province-wide indicator
    sets). Core never guesses it from the target: it cannot know the other apps' models
    (ADR 0090)."""
    if after is None and not verb.endswith(".deleted"):
        after = snapshot(target)
    actor_obj = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        actor=actor_obj,
        actor_name=(actor_obj.get_full_name() or actor_obj.get_username()) if actor_obj else "",
        commune=commune,
        verb=verb,
        target_type=target._meta.label_lower,
        target_id=str(target.pk or ""),
        target_repr=str(target)[:255],
        before=before,
        after=after,
    )


def last_actor(target: models.Model, verb: str) -> Any:
    """The user who last did `verb` to `target` (e.g. who submitted a plan), or None."""
    entry = (
        AuditEntry.objects.filter(
            target_type=target._meta.label_lower, target_id=str(target.pk), verb=verb
        )
        .exclude(actor=None)
        .select_related("actor")
        .order_by("-at", "-id")
        .first()
    )
    return entry.actor if entry else None
