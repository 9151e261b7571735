"""Background jobs of the ops app. Scheduling: ADR 0061 (a timer enqueues backup_daily)."""

from __future__ import annotations

import logging

from django.db import IntegrityError, transaction
from django_tasks import TaskContext, task

from loalang.ops import services
from loalang.ops.models import JobProbe

log = logging.getLogger(__name__)


@task()
def backup_daily() -> str:
    """Take today's backup (once per day across all machines) and prune old archives."""
    run = services.backup_daily_run()
    return run.status if run else "skipped"


@task(takes_context=True)
def job_probe(context: TaskContext, label: str, hold_seconds: float = 0.0) -> str:
    """Record that the queue ran this job. Idempotent by task id: a retry after a worker died
    half-way finds the record and does nothing more.

    `hold_seconds` keeps the job busy (for the fault tests: kill the worker mid-job)."""
    import time

    task_id = str(context.task_result.id)
    worker = (context.task_result.worker_ids or [""])[-1]
    if hold_seconds:
        time.sleep(min(float(hold_seconds), 30.0))
    try:
        with transaction.atomic():
            JobProbe.objects.create(label=label[:100], task_id=task_id, worker_id=worker[:64])
    except IntegrityError:
        return "already-done"
    return "done"
