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
