"""How the daily digest runs without cron (ADR 0030).

The digest job books its own next run with `run_after` (tomorrow 07:00, Vietnam time) when
it finishes; `manage.py schedule_daily_jobs` (run by `make run` before the worker starts, and
by a deployment's start script) books the first one. A second chain can never double-send:
digest_send keeps one DigestRun per commune and day. Backends that cannot defer (the
Immediate backend in tests) simply do not book ahead.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.conf import settings
from django.utils import timezone

DIGEST_AT = dt.time(7, 0)


def next_run_at(now: dt.datetime | None = None) -> dt.datetime:
    """The next DIGEST_AT in the site's time zone strictly after `now`."""
    tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    local = (now or timezone.now()).astimezone(tz)
    candidate = dt.datetime.combine(local.date(), DIGEST_AT, tzinfo=tz)
    if candidate <= local:
        candidate += dt.timedelta(days=1)
    return candidate


def _already_booked(task_path: str, now: dt.datetime) -> bool:
    """True when the database backend already holds a waiting run of the job."""
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # another backend: it keeps its own queue, we cannot look
        return False
    return DBTaskResult.objects.filter(
        task_path=task_path, status="READY", run_after__gt=now
    ).exists()


def schedule_next_digest(now: dt.datetime | None = None) -> dt.datetime | None:
    """Book the next digest run unless one is booked already; returns when, or None."""
    from loalang.tasks.jobs import tasks_daily_digest_job

    backend = tasks_daily_digest_job.get_backend()
    if not backend.supports_defer:
        return None
    now = now or timezone.now()
    if _already_booked(tasks_daily_digest_job.module_path, now):
        return None
    when = next_run_at(now)
    tasks_daily_digest_job.using(run_after=when).enqueue()
    return when
