"""Background jobs of notifications: sending through the outside channels (ADR 0100)."""

from __future__ import annotations

from django_tasks import task

from loalang.notifications.services import delivery_send


@task()
def delivery_send_job(delivery_id: int) -> str:
    return delivery_send(delivery_id=delivery_id)
