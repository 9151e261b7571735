"""A job whose worker died is put back in the queue once, then fails after MAX_ATTEMPTS."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from loalang.ops import workers
from loalang.ops.models import WorkerHeartbeat


def running_job(worker_ids: list[str], started_ago: int = 120) -> DBTaskResult:
    return DBTaskResult.objects.create(
        status=TaskResultStatus.RUNNING,
        task_path="loalang.ops.jobs.job_probe",
        args_kwargs={"args": [], "kwargs": {"label": "x"}},
        queue_name="default",
        backend_name="default",
        priority=0,
        run_after=timezone.now(),
        started_at=timezone.now() - dt.timedelta(seconds=started_ago),
        worker_ids=worker_ids,
    )


@pytest.mark.django_db
def test_job_of_a_silent_worker_is_requeued(settings):
    settings.LOALANG_WORKER_STALE_SECONDS = 30
    WorkerHeartbeat.objects.create(
        worker_id="dead", seen_at=timezone.now() - dt.timedelta(minutes=5)
    )
    WorkerHeartbeat.objects.create(worker_id="alive", seen_at=timezone.now())
    orphan = running_job(["dead"])
    busy = running_job(["alive"])
    fresh = running_job(["dead"], started_ago=1)  # just claimed: give it time
    assert workers.requeue_orphans() == [str(orphan.pk)]
    orphan.refresh_from_db()
    assert orphan.status == TaskResultStatus.READY and orphan.started_at is None
    busy.refresh_from_db()
    fresh.refresh_from_db()
    assert busy.status == fresh.status == TaskResultStatus.RUNNING
    assert workers.requeue_orphans() == []  # a second reaper finds nothing to do


@pytest.mark.django_db
def test_job_that_keeps_killing_workers_fails_after_max_attempts():
    job = running_job(["w1", "w2", "w3"])
    workers.requeue_orphans()
    job.refresh_from_db()
    assert job.status == TaskResultStatus.FAILED
    assert job.exception_class_path == "loalang.ops.workers.WorkerLost"


@pytest.mark.django_db
def test_heartbeat_is_one_row_per_worker():
    workers.beat("w1")
    workers.beat("w1")
    assert WorkerHeartbeat.objects.count() == 1
