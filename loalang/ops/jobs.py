"""Background jobs of the ops app. The daily backup books its own next run (ADR 0061)."""

from __future__ import annotations

import datetime as dt
import logging

from django.db import IntegrityError, transaction
from django_tasks import TaskContext, task

from loalang.core.schedule import book_daily
from loalang.ops import services
from loalang.ops.models import JobProbe

log = logging.getLogger(__name__)


@task()
def backup_daily() -> str:
    """Take today's backup (once per day across all machines), prune old archives, and book
    tomorrow's run (ADR 0061)."""
    try:
        run = services.backup_daily_run()
    finally:
        schedule_next_backup()
    return run.status if run else "skipped"


BACKUP_AT = dt.time(2, 30)  # site time


def schedule_next_backup(now: dt.datetime | None = None) -> dt.datetime | None:
    """Book the next 02:30 run unless one is booked; None if the backend cannot defer (the
    Immediate backend in tests) or a run is already waiting."""
    return book_daily(backup_daily, BACKUP_AT, now)


@task(takes_context=True)
def job_probe(context: TaskContext, label: str, hold_seconds: float = 0.0) -> str:
    """Record that the queue ran this job. Idempotent by task id: a retry after a worker died
    half-way finds the record and does nothing more.

    `hold_seconds` keeps the first attempt busy (for the fault tests: kill the worker
    mid-job); a retry does not wait."""
    import time

    task_id = str(context.task_result.id)
    worker = (context.task_result.worker_ids or [""])[-1]
    if hold_seconds and len(context.task_result.worker_ids or []) <= 1:
        time.sleep(min(float(hold_seconds), 30.0))  # first attempt only: a retry runs at once
    try:
        with transaction.atomic():
            JobProbe.objects.create(label=label[:100], task_id=task_id, worker_id=worker[:64])
    except IntegrityError:
        return "already-done"
    return "done"
