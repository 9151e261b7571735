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


class PlanAssignment(BaseModel):
    """'IV. Tổ chức thực hiện': one responsible unit and its ordered duties."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="assignments")
    org_unit = models.ForeignKey(
        "people.OrgUnit",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan_assignments",
    )
    unit_label = models.CharField(
        _("tên đơn vị trong văn bản"),
        max_length=255,
        help_text=_("Ví dụ: Công chức Văn hóa - Xã hội; Đề nghị MTTQ và các đoàn thể"),
    )
    intro = models.TextField(_("đoạn mở đầu"), blank=True)
    is_standing = models.BooleanField(_("bộ phận thường trực"), default=False)
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("phân công")
        verbose_name_plural = _("phân công")
        ordering = ["plan", "sort_order", "id"]

    def __str__(self) -> str:
        return self.unit_label


class PlanDuty(BaseModel):
    assignment = models.ForeignKey(PlanAssignment, on_delete=models.CASCADE, related_name="duties")
    text = models.TextField(_("nhiệm vụ"))
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("nhiệm vụ được giao")
        verbose_name_plural = _("nhiệm vụ được giao")
        ordering = ["assignment", "sort_order", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class PlanTarget(BaseModel):
    """A measurable target, e.g. 'every village airs a DX bulletin at least twice a month'.

    Measured by the activities app from verified activities (see activities.selectors).
    """

    class Metric(models.TextChoices):
        ACTIVITY_COUNT = "activity_count", _("Số hoạt động")
        REACH = "reach", _("Số người được tiếp cận")
        MINUTES = "minutes", _("Số phút phát thanh")
        HOUSEHOLDS = "households", _("Số hộ được hướng dẫn")
        PARTICIPANTS = "participants", _("Số người tham dự")
        COPIES = "copies", _("Số bản tài liệu phát hành")

    class Period(models.TextChoices):
        TOTAL = "total", _("Cả kỳ kế hoạch")
        MONTH = "month", _("Mỗi tháng")
        QUARTER = "quarter", _("Mỗi quý")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="targets")
    description = models.CharField(_("chỉ tiêu"), max_length=300)
    metric = models.CharField(_("đo bằng"), max_length=20, choices=Metric.choices)
    channel = models.CharField(
        _("chỉ tính kênh"), max_length=20, choices=Channel.choices, blank=True
    )
    activity_kind = models.CharField(_("chỉ tính hình thức"), max_length=20, blank=True)
    target_value = models.PositiveIntegerField(_("mức cần đạt"))
    unit = models.CharField(_("đơn vị tính"), max_length=40, blank=True)
    period = models.CharField(
        _("tính theo"), max_length=10, choices=Period.choices, default=Period.TOTAL
    )
    per_village = models.BooleanField(_("áp dụng cho từng thôn"), default=False)
    village = models.ForeignKey(
        "places.Village", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    due_on = models.DateField(_("hạn"), null=True, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["plan", "sort_order", "id"]

    def __str__(self) -> str:
        return self.description
