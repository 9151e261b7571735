"""Jobs that run at a time of day, without cron: the one scheduling helper (ADR 0030, 0061).

django-tasks has no scheduler. A daily job books its own next run: `book_daily(job, at)` at
the end of each run (in a `finally`, so one bad day does not stop the chain) and once from a
management command on start. It does nothing when a run is already waiting in the database
backend, so calling it again is harmless; the job itself must still be idempotent per day
(a unique row per day), because a second chain or an operator's timer can always fire it.
Backends that cannot defer (the Immediate backend in tests) book nothing ahead.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

from django.conf import settings
from django.utils import timezone


def next_daily_at(at: dt.time, now: dt.datetime | None = None) -> dt.datetime:
    """The next `at` o'clock in the site's time zone strictly after `now`."""
    tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    local = (now or timezone.now()).astimezone(tz)
    candidate = dt.datetime.combine(local.date(), at, tzinfo=tz)
    if candidate <= local:
        candidate += dt.timedelta(days=1)
    return candidate


def _waiting(job: Any, now: dt.datetime) -> bool:
    """True when the database backend already holds a future run of `job`."""
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # another backend keeps its own queue: we cannot look
        return False
    return DBTaskResult.objects.filter(
        task_path=job.module_path, status="READY", run_after__gt=now
    ).exists()


def book_once(job: Any, when: dt.datetime, now: dt.datetime | None = None) -> dt.datetime | None:
    """Book a run of `job` at `when` unless a future run is already waiting; returns `when`, or
    None when nothing was booked (already booked, or a backend that cannot defer)."""
    if not job.get_backend().supports_defer:
        return None
    if _waiting(job, now or timezone.now()):
        return None
    job.using(run_after=when).enqueue()
    return when


def book_daily(job: Any, at: dt.time, now: dt.datetime | None = None) -> dt.datetime | None:
    """Book `job`'s next run at `at` (site time) unless one is waiting (see book_once)."""
    now = now or timezone.now()
    return book_once(job, next_daily_at(at, now), now)


def enqueue_at(job: Any, when: dt.datetime | None, *args: Any) -> None:
    """Run `job(*args)` at `when` on the job worker (no cron). A backend that cannot defer
    (the Immediate backend in tests) runs it now; the job itself checks whether it is due."""
    if when is not None and job.get_backend().supports_defer:
        job.using(run_after=when).enqueue(*args)
    else:
        job.enqueue(*args)
