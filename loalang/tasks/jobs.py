"""Background jobs of the tasks app (run by `manage.py db_worker`). Never named tasks.py:
Task is a domain model here."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from loalang.core.schedule import book_daily
from loalang.tasks.followup import digest_send_all

DIGEST_AT = dt.time(7, 0)  # site time


@task()
def tasks_daily_digest_job() -> int:
    """Send today's digest in every commune, then book tomorrow's run (ADR 0030)."""
    try:
        return digest_send_all()
    finally:
        # Book the next run even if today's failed, so one bad day does not stop the chain.
        schedule_next_digest()


def schedule_next_digest(now: dt.datetime | None = None) -> dt.datetime | None:
    """Book the next 07:00 digest unless one is booked (`manage.py schedule_daily_jobs` books
    the first; exactly once per day is digest_send's DigestRun)."""
    return book_daily(tasks_daily_digest_job, DIGEST_AT, now)
