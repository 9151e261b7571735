from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django_tasks import task

from loalang.core.schedule import book_daily, book_once, next_daily_at

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


@task()
def _probe_job() -> None:
    """A job for these tests; never run."""


def test_next_daily_at_is_strictly_after_now_in_site_time():
    at = dt.time(2, 30)
    assert next_daily_at(at, dt.datetime(2026, 3, 1, 2, 0, tzinfo=VN)) == dt.datetime(
        2026, 3, 1, 2, 30, tzinfo=VN
    )
    assert next_daily_at(at, dt.datetime(2026, 3, 1, 2, 30, tzinfo=VN)) == dt.datetime(
        2026, 3, 2, 2, 30, tzinfo=VN
    )


def test_a_backend_that_cannot_defer_books_nothing():
    assert book_once(_probe_job, dt.datetime(2030, 1, 1, tzinfo=VN)) is None
    assert book_daily(_probe_job, dt.time(7, 0)) is None


@pytest.mark.django_db
def test_one_waiting_run_at_most(settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    now = dt.datetime(2026, 3, 1, 9, 0, tzinfo=VN)
    when = now + dt.timedelta(minutes=2)
    assert book_once(_probe_job, when, now) == when
    assert book_once(_probe_job, when, now) is None
    assert book_daily(_probe_job, dt.time(7, 0), now) is None  # a run is already waiting
    assert DBTaskResult.objects.filter(task_path=_probe_job.module_path).count() == 1
