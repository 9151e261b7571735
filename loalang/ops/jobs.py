"""Background jobs of the ops app. Scheduling: ADR 0061 (a timer enqueues backup_daily)."""

from __future__ import annotations

import logging

from django_tasks import task

from loalang.ops import services

log = logging.getLogger(__name__)


@task()
def backup_daily() -> str:
    """Take today's backup (once per day across all machines) and prune old archives."""
    run = services.backup_daily_run()
    return run.status if run else "skipped"
