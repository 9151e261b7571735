"""Tasks (nhiệm vụ) and their follow-up (đôn đốc).

A task is one piece of work with a responsible unit, an assignee and a due date. A recurring
task ("báo cáo hằng tháng", "đăng bài hằng tuần") is a *series*: the row with a recurrence holds
the rule, and one ordinary task per period (an *occurrence*, `series` set) carries the due date
and status. "Overdue" is never stored: it is an open task whose due date has passed (ADR 0030).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from loalang.core.files import private_storage
from loalang.core.models import BaseModel


class Task(BaseModel):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Chưa bắt đầu")
        IN_PROGRESS = "in_progress", _("Đang thực hiện")
        DONE = "done", _("Đã hoàn thành")
        BLOCKED = "blocked", _("Vướng mắc")

    class Recurrence(models.TextChoices):
        NONE = "", _("Không lặp lại")
        WEEKLY = "weekly", _("Hằng tuần")
        MONTHLY = "monthly", _("Hằng tháng")
        QUARTERLY = "quarterly", _("Hằng quý")

    commune = models.ForeignKey("places.Commune", on_delete=models.CASCADE, related_name="tasks")
    plan = models.ForeignKey(
        "plans.Plan",
        verbose_name=_("kế hoạch"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tasks",
    )
    duty = models.ForeignKey(
        "plans.PlanDuty",
        verbose_name=_("nhiệm vụ trong kế hoạch"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tasks",
    )
    series = models.ForeignKey(
        "self",
        verbose_name=_("thuộc nhiệm vụ định kỳ"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="occurrences",
    )
    title = models.CharField(_("tên nhiệm vụ"), max_length=300)
    description = models.TextField(_("mô tả"), blank=True)
    org_unit = models.ForeignKey(
        "people.OrgUnit",
        verbose_name=_("đơn vị chủ trì"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tasks",
    )
    assignee_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện (tài khoản)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_tasks",
    )
    assignee_person = models.ForeignKey(
        "people.Person",
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_tasks",
    )
    starts_on = models.DateField(_("bắt đầu từ"), null=True, blank=True)
    due_on = models.DateField(_("hạn hoàn thành"), null=True, blank=True, db_index=True)
    recurrence = models.CharField(
        _("lặp lại"), max_length=10, choices=Recurrence.choices, default="", blank=True
    )
    repeat_until = models.DateField(_("lặp đến ngày"), null=True, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=Status.choices, default=Status.NOT_STARTED
    )
    progress_pct = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    completed_on = models.DateField(_("hoàn thành ngày"), null=True, blank=True)
    last_reminded_at = models.DateTimeField(_("nhắc lần cuối"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["commune", "status", "due_on"], name="task_open_due")]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "due_on"],
                condition=models.Q(series__isnull=False),
                name="uniq_occurrence_per_due_date",
            ),
            models.CheckConstraint(
                condition=models.Q(progress_pct__lte=100), name="task_progress_at_most_100"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_series(self) -> bool:
        return bool(self.recurrence)

    @property
    def is_open(self) -> bool:
        return self.status != self.Status.DONE

    def is_overdue_on(self, today: dt.date) -> bool:
        return (
            not self.is_series and self.is_open and self.due_on is not None and self.due_on < today
        )

    @property
    def assignee_name(self) -> str:
        if self.assignee_user_id:
            return str(self.assignee_user)
        if self.assignee_person_id:
            return str(self.assignee_person)
        return ""

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.recurrence:
            if self.series_id:
                errors["recurrence"] = _("Một lần thực hiện không thể tự lặp lại.")
            if not self.starts_on:
                errors["starts_on"] = _("Nhiệm vụ định kỳ cần ngày bắt đầu.")
            if not self.repeat_until:
                errors["repeat_until"] = _("Nhiệm vụ định kỳ cần ngày kết thúc.")
            elif self.starts_on and self.repeat_until < self.starts_on:
                errors["repeat_until"] = _("Ngày kết thúc phải sau ngày bắt đầu.")
            elif self.starts_on and (self.repeat_until - self.starts_on).days > 2 * 366:
                errors["repeat_until"] = _("Nhiệm vụ định kỳ kéo dài tối đa 2 năm.")
        elif self.starts_on and self.due_on and self.due_on < self.starts_on:
            errors["due_on"] = _("Hạn hoàn thành không thể trước ngày bắt đầu.")
        if self.status == self.Status.DONE and not self.completed_on:
            errors["status"] = _("Nhiệm vụ đã hoàn thành cần ngày hoàn thành.")
        if errors:
            raise ValidationError(errors)


class TaskUpdate(BaseModel):
    """One progress report on a task: a note, the status and progress it set, evidence files."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(_("ghi chú"), blank=True)
    status = models.CharField(_("trạng thái"), max_length=12, choices=Task.Status.choices)
    progress_pct = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)

    class Meta:
        verbose_name = _("cập nhật tiến độ")
        verbose_name_plural = _("cập nhật tiến độ")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.task} — {self.get_status_display()}"


def _evidence_path(instance: TaskEvidence, filename: str) -> str:
    # The name is chosen by the service (a random stem + the sniffed extension).
    return f"tasks/{instance.update.task.commune_id}/{filename}"


class TaskEvidence(BaseModel):
    update = models.ForeignKey(TaskUpdate, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(
        _("tệp"), upload_to=_evidence_path, max_length=300, storage=private_storage
    )
    original_name = models.CharField(_("tên tệp gốc"), max_length=255)
    content_type = models.CharField(_("loại tệp"), max_length=100)
    size_bytes = models.PositiveIntegerField(_("dung lượng"))

    class Meta:
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name


class TaskReminder(BaseModel):
    """One reminder (đôn đốc) sent about a task, and to whom."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reminders")
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recipients = models.TextField(_("người nhận"))
    emails_sent = models.PositiveSmallIntegerField(_("số thư điện tử đã gửi"), default=0)

    class Meta:
        verbose_name = _("lần nhắc việc")
        verbose_name_plural = _("lần nhắc việc")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.task} — {self.created_at:%d/%m/%Y}"


class DigestRun(models.Model):
    """The daily digest sent for one commune on one day. The unique key makes the digest job
    idempotent: a second chain of scheduled jobs, or a retry, cannot send it twice."""

    commune = models.ForeignKey("places.Commune", on_delete=models.CASCADE, related_name="+")
    sent_on = models.DateField()
    recipients = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["commune", "sent_on"], name="uniq_digest_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.commune_id} {self.sent_on}"
