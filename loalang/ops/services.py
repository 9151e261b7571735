"""Writes of the ops app: the daily backup run and its retention."""

from __future__ import annotations

import logging
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from loalang.ops import backup, retention
from loalang.ops.models import BackupRun

log = logging.getLogger(__name__)


def backup_daily_run(*, folder: Path | None = None) -> BackupRun | None:
    """Take today's backup into `folder` (LOALANG_BACKUP_DIR) and prune by retention.

    Returns None when today's backup was already taken or is being taken by another process
    (the unique `day` decides). A failed run is recorded with its error and may be retried.
    """
    folder = Path(folder or settings.LOALANG_BACKUP_DIR)
    now = timezone.localtime()
    today = now.date()
    try:
        with transaction.atomic():
            BackupRun.objects.filter(day=today, status=BackupRun.Status.FAILED).delete()
            run = BackupRun.objects.create(day=today, status=BackupRun.Status.RUNNING)
    except IntegrityError:
        log.info("backup.skipped", extra={"day": str(today)})
        return None
    try:
        result = backup.create_backup(folder / retention.archive_name(now.replace(tzinfo=None)))
    except Exception as exc:
        run.status = BackupRun.Status.FAILED
        run.error = f"{type(exc).__name__}: {exc}"[:4000]
        run.finished_at = timezone.now()
        run.save()
        log.exception("backup.failed", extra={"day": str(today)})
        raise
    run.status = BackupRun.Status.DONE
    run.path = str(result.path)
    run.size = result.size
    run.sha256 = result.sha256
    run.finished_at = timezone.now()
    run.full_clean()
    run.save()
    removed = prune(folder)
    log.info(
        "backup.done",
        extra={
            "day": str(today),
            "path": str(result.path),
            "size": result.size,
            "rows": result.rows,
            "files": result.files,
            "pruned": len(removed),
        },
    )
    return run


def prune(folder: Path) -> list[Path]:
    """Delete the archives in `folder` that retention does not keep; return them."""
    doomed = retention.to_delete(
        retention.archives(folder),
        keep_daily=settings.LOALANG_BACKUP_KEEP_DAILY,
        keep_monthly=settings.LOALANG_BACKUP_KEEP_MONTHLY,
    )
    for path in doomed:
        path.unlink(missing_ok=True)
    return doomed
