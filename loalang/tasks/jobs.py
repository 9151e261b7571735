"""Background jobs of the tasks app (run by `manage.py db_worker`). Never named tasks.py:
Task is a domain model here."""

from __future__ import annotations

from django_tasks import task

from loalang.tasks.followup import digest_send_all


@task()
def tasks_daily_digest_job() -> int:
    """Send today's digest in every commune, then book tomorrow's run (ADR 0030)."""
    from loalang.tasks.schedule import schedule_next_digest

    try:
        return digest_send_all()
    finally:
        # Book the next run even if today's failed, so one bad day does not stop the chain.
        schedule_next_digest()
