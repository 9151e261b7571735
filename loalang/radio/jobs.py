"""Background jobs of the radio app: take ids, call a service."""

from __future__ import annotations

from django_tasks import task

from loalang.radio.services.synthesis import version_synthesize


@task(queue_name="default")
def version_synthesize_job(version_id: int) -> None:
    version_synthesize(version_id=version_id)
