from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class BackupRun(models.Model):
    """One run of the scheduled daily backup.

    `day` is unique, so however many machines fire the schedule, one backup is taken a day.
    """

    class Status(models.TextChoices):
        RUNNING = "running", _("Đang chạy")
        DONE = "done", _("Hoàn tất")
        FAILED = "failed", _("Lỗi")

    day = models.DateField(_("ngày"), unique=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices)
    started_at = models.DateTimeField(_("bắt đầu lúc"), auto_now_add=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)
    path = models.CharField(_("tệp"), max_length=500, blank=True)
    size = models.BigIntegerField(_("dung lượng (byte)"), default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    error = models.TextField(_("lỗi"), blank=True)

    class Meta:
        verbose_name = _("lần sao lưu")
        verbose_name_plural = _("các lần sao lưu")
        ordering = ["-day"]

    def __str__(self) -> str:
        return f"{self.day} {self.get_status_display()}"


class WorkerHeartbeat(models.Model):
    """A job worker's sign of life, written every few seconds by `manage.py ops_worker`.

    A job left RUNNING by a worker whose heartbeat stopped is put back in the queue.
    """

    worker_id = models.CharField(_("mã tiến trình"), max_length=64, unique=True)
    hostname = models.CharField(_("máy"), max_length=255, blank=True)
    pid = models.IntegerField(_("PID"), default=0)
    seen_at = models.DateTimeField(_("lần cuối"), db_index=True)

    class Meta:
        verbose_name = _("nhịp tiến trình chạy việc")
        verbose_name_plural = _("nhịp tiến trình chạy việc")

    def __str__(self) -> str:
        return f"{self.worker_id} {self.seen_at:%H:%M:%S}"


class JobProbe(models.Model):
    """One end-to-end check of the job queue: enqueued by the API, run by a worker.

    `task_id` is unique: the probe's effect is written once even if its job is retried after
    a worker died half-way (the pattern every job with side effects follows; ADR 0062).
    """

    label = models.CharField(_("nhãn"), max_length=100)
    task_id = models.CharField(_("mã việc"), max_length=64, unique=True)
    worker_id = models.CharField(_("tiến trình chạy"), max_length=64, blank=True)
    ran_at = models.DateTimeField(_("chạy lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("phép thử hàng đợi")
        verbose_name_plural = _("phép thử hàng đợi")

    def __str__(self) -> str:
        return f"{self.label} {self.task_id}"
