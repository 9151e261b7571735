"""Plans. The foundation defines the parts other apps point at (Plan, PlanTheme,
PlanChannel); the plans issue grows the rest of the plan's structure here."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from loalang.core.channels import Channel
from loalang.core.models import BaseModel


class Plan(BaseModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        SUBMITTED = "submitted", _("Trình duyệt")
        APPROVED = "approved", _("Đã duyệt")
        ISSUED = "issued", _("Đã ban hành")
        CLOSED = "closed", _("Đã kết thúc")
        SUPERSEDED = "superseded", _("Đã được thay thế")

    commune = models.ForeignKey("places.Commune", on_delete=models.PROTECT, related_name="plans")
    title = models.CharField(
        _("trích yếu"),
        max_length=300,
        help_text=_("Ví dụ: Truyền thông thực hiện chuyển đổi số trên địa bàn xã năm 2023"),
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )

    class Meta:
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        ordering = ["-year", "-id"]

    def __str__(self) -> str:
        return self.title


class PlanTheme(BaseModel):
    """A content theme of a plan, lettered the Vietnamese way (a, b, c, d, đ, e, g…)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="themes")
    letter = models.CharField(_("ký hiệu"), max_length=3)
    short_name = models.CharField(_("tên ngắn"), max_length=120)
    text = models.TextField(_("nội dung"))
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("nội dung tuyên truyền")
        verbose_name_plural = _("nội dung tuyên truyền")
        ordering = ["plan", "sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "letter"], name="uniq_theme_letter_per_plan")
        ]

    def __str__(self) -> str:
        return f"{self.letter}) {self.short_name}"


class PlanChannel(BaseModel):
    """A communication form the plan names, with the plan's own wording and a channel code."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="channels")
    channel = models.CharField(_("kênh"), max_length=20, choices=Channel.choices)
    text = models.TextField(_("nội dung"), blank=True)
    is_emphasised = models.BooleanField(_("đặc biệt chú trọng"), default=False)
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("hình thức tuyên truyền")
        verbose_name_plural = _("hình thức tuyên truyền")
        ordering = ["plan", "sort_order", "id"]

    def __str__(self) -> str:
        return self.get_channel_display()
