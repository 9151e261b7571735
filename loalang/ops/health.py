"""What `/healthz` checks: each part of the running system, answered without raising.

Every check returns a `Part`; `detail` holds what only an operator should see (exception
classes, heartbeat ages), never shown on the public answer (ADR 0077).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.utils import timezone

from loalang.ops.models import WorkerHeartbeat

# A heartbeat older than this belongs to a worker that was removed, not to one that died: the
# worker prunes such rows when it starts (workers.prune_heartbeats).
FORGOTTEN_AFTER = dt.timedelta(days=1)


@dataclass(frozen=True)
class Part:
    name: str
    is_ok: bool
    detail: str = "ok"


def _failed(name: str, exc: Exception) -> Part:
    return Part(name, False, f"error: {type(exc).__name__}")


def check_database() -> Part:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # noqa: BLE001 - any failure is reported, not raised
        return _failed("database", exc)
    return Part("database", True)


def check_cache() -> Part:
    try:
        key = f"healthz:{uuid.uuid4().hex}"
        cache.set(key, "1", 5)
        kept = cache.get(key) == "1"
        cache.delete(key)
    except Exception as exc:  # noqa: BLE001
        return _failed("cache", exc)
    return Part("cache", kept, "ok" if kept else "error: value not kept")


def check_media() -> Part:
    try:
        name = default_storage.save(f"healthz/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
        default_storage.delete(name)
    except Exception as exc:  # noqa: BLE001
        return _failed("media", exc)
    return Part("media", True)


def check_workers() -> list[Part]:
    """One part per job worker that has beaten within a day: `worker:<id>`, failed when its
    last heartbeat is older than LOALANG_WORKER_STALE_SECONDS (it died or hangs). A worker that
    stops cleanly removes its heartbeat, so stopping one on purpose is not a failure."""
    now = timezone.now()
    stale_after = dt.timedelta(seconds=settings.LOALANG_WORKER_STALE_SECONDS)
    try:
        beats = list(
            WorkerHeartbeat.objects.filter(seen_at__gte=now - FORGOTTEN_AFTER)
            .order_by("worker_id")
            .values_list("worker_id", "seen_at")
        )
    except Exception as exc:  # noqa: BLE001
        return [_failed("workers", exc)]
    parts = []
    for worker_id, seen_at in beats:
        age = (now - seen_at).total_seconds()
        is_ok = age <= stale_after.total_seconds()
        state = "ok" if is_ok else "error: no heartbeat"
        parts.append(Part(f"worker:{worker_id}", is_ok, f"{state} ({age:.0f} s ago)"))
    return parts


def check_all() -> list[Part]:
    return [check_database(), check_cache(), check_media(), *check_workers()]
