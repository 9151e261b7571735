"""The scheduled daily backup: once a day however often it fires, with retention."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command

from loalang.ops import jobs, retention, services
from loalang.ops.backup import restore_backup
from loalang.ops.models import BackupRun


def test_retention_keeps_recent_days_and_one_per_month(tmp_path):
    start = dt.datetime(2026, 1, 1, 2, 30)
    for day in range(200):
        at = start + dt.timedelta(days=day)
        (tmp_path / retention.archive_name(at)).write_bytes(b"x")
        # a second run on some days: only the newest of the day is kept
        if day % 10 == 0:
            (tmp_path / retention.archive_name(at + dt.timedelta(hours=3))).write_bytes(b"x")
    (tmp_path / "notes.txt").write_text("not an archive")
    found = retention.archives(tmp_path)
    doomed = set(retention.to_delete(found, keep_daily=7, keep_monthly=6))
    kept = [at for at, path in found if path not in doomed]
    newest = found[0][0]
    assert len([at for at in kept if (newest - at).days < 7]) == 7
    months = {(at.year, at.month) for at in kept}
    assert len(months) == 6
    assert len(kept) <= 7 + 6
    assert (tmp_path / "notes.txt") not in doomed


@pytest.mark.django_db(transaction=True)
def test_daily_job_takes_one_backup_a_day_and_prunes(settings, tmp_path):
    settings.LOALANG_BACKUP_DIR = tmp_path / "backups"
    settings.LOALANG_BACKUP_KEEP_DAILY = 2
    settings.LOALANG_BACKUP_KEEP_MONTHLY = 0
    for day in (1, 2, 3):
        with time_machine.travel(dt.datetime(2026, 3, day, 2, 30, tzinfo=dt.UTC), tick=False):
            jobs.backup_daily.enqueue()
            jobs.backup_daily.enqueue()  # fired twice (two machines): still one backup
    runs = list(BackupRun.objects.order_by("day"))
    assert [r.day.day for r in runs] == [1, 2, 3]
    assert all(r.status == BackupRun.Status.DONE for r in runs)
    left = sorted(Path(settings.LOALANG_BACKUP_DIR).glob("*.tar.gz"))
    assert [p.name[8:16] for p in left] == ["20260302", "20260303"]
    restore_backup(left[-1])  # what the job wrote is a valid archive


@pytest.mark.django_db(transaction=True)
def test_failed_run_is_recorded_and_retried(settings, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    settings.LOALANG_BACKUP_DIR = blocker / "backups"  # cannot be created
    with pytest.raises(OSError):
        services.backup_daily_run()
    run = BackupRun.objects.get()
    assert run.status == BackupRun.Status.FAILED
    assert "FileExistsError" in run.error or "NotADirectoryError" in run.error
    settings.LOALANG_BACKUP_DIR = tmp_path / "ok"
    assert services.backup_daily_run().status == BackupRun.Status.DONE


@pytest.mark.django_db(transaction=True)
def test_command_enqueues_or_runs(settings, tmp_path):
    settings.LOALANG_BACKUP_DIR = tmp_path
    out = io.StringIO()
    call_command("backup_daily", enqueue=True, stdout=out)
    assert "enqueued" in out.getvalue()
    call_command("backup_daily", stdout=out)
    assert "already taken today" in out.getvalue()


@pytest.mark.django_db
def test_schedule_books_the_next_0230_once(settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    now = dt.datetime(2026, 3, 1, 10, 0, tzinfo=dt.UTC)  # 17:00 in Vietnam
    when = jobs.schedule_next_backup(now)
    assert when is not None
    assert (when.astimezone(dt.timezone(dt.timedelta(hours=7))).hour, when.minute) == (2, 30)
    assert when > now and when - now < dt.timedelta(days=1)
    assert jobs.schedule_next_backup(now) is None  # already booked
    assert DBTaskResult.objects.filter(task_path=jobs.backup_daily.module_path).count() == 1
