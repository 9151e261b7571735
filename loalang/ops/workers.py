"""Worker liveness: heartbeats, and putting back jobs whose worker died (ADR 0062).

django-tasks-db marks a job RUNNING when a worker claims it and never looks at it again; a
worker killed mid-job (OOM, SIGKILL, a machine lost) would leave it RUNNING for ever. Every
`ops_worker` writes a heartbeat; any of them requeues jobs whose worker has gone quiet.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from loalang.ops.models import WorkerHeartbeat

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 3


def beat(worker_id: str) -> None:
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "hostname": socket.gethostname()[:255],
            "pid": os.getpid(),
            "seen_at": timezone.now(),
        },
    )


def forget(worker_id: str) -> None:
    """A worker that stops on purpose removes its heartbeat: /healthz reports only workers
    that went quiet without saying goodbye (killed, hung, machine lost)."""
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


def requeue_orphans(*, stale_after: dt.timedelta | None = None) -> list[str]:
    """Put RUNNING jobs of silent workers back to READY (or FAILED after MAX_ATTEMPTS).

    Safe to run from several workers at once: each job is changed by a conditional UPDATE
    that only one of them can win.
    """
    if stale_after is None:
        stale_after = dt.timedelta(seconds=settings.LOALANG_WORKER_STALE_SECONDS)
    cutoff = timezone.now() - stale_after
    alive = set(
        WorkerHeartbeat.objects.filter(seen_at__gte=cutoff).values_list("worker_id", flat=True)
    )
    changed = []
    for job in DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, started_at__lt=cutoff):
        last_worker = job.worker_ids[-1] if job.worker_ids else ""
        if last_worker in alive:
            continue
        with transaction.atomic():
            if len(job.worker_ids) >= MAX_ATTEMPTS:
                won = DBTaskResult.objects.filter(
                    pk=job.pk, status=TaskResultStatus.RUNNING, worker_ids=job.worker_ids
                ).update(
                    status=TaskResultStatus.FAILED,
                    finished_at=timezone.now(),
                    exception_class_path="loalang.ops.workers.WorkerLost",
                    traceback=f"Worker {last_worker} stopped during attempt {len(job.worker_ids)}",
                )
                verb = "failed"
            else:
                won = DBTaskResult.objects.filter(
                    pk=job.pk, status=TaskResultStatus.RUNNING, worker_ids=job.worker_ids
                ).update(status=TaskResultStatus.READY, started_at=None)
                verb = "requeued"
        if won:
            log.warning("job.%s", verb, extra={"task_id": str(job.pk), "worker": last_worker})
            changed.append(str(job.pk))
    return changed


def prune_heartbeats(*, older_than: dt.timedelta = dt.timedelta(days=1)) -> None:
    WorkerHeartbeat.objects.filter(seen_at__lt=timezone.now() - older_than).delete()
