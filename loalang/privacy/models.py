"""Personal-data incidents (Law 91/2025/QH15): what leaked, whose, when found, what was done.

The notification deadline is not stored: it is `found_at` + the legal window in settings
(`privacy.deadline`), so changing the window (new guidance) changes every open incident.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from loalang.core.models import BaseModel
from loalang.privacy.registry import Category, SubjectGroup


def _check_choices(value: object, allowed: list[str]) -> None:
    if not isinstance(value, list) or any(v not in allowed for v in value):
        raise ValidationError(_("Có lựa chọn không hợp lệ."))


def validate_categories(value: object) -> None:
    _check_choices(value, Category.values)


def validate_subject_groups(value: object) -> None:
    _check_choices(value, SubjectGroup.values)


class Incident(BaseModel):
    class Status(models.TextChoices):
        OPEN = "open", _("Đang xử lý")
        CONTAINED = "contained", _("Đã ngăn chặn, đang khắc phục")
        CLOSED = "closed", _("Đã kết thúc")

    commune = models.ForeignKey(
        "places.Commune", on_delete=models.CASCADE, related_name="privacy_incidents"
    )
    title = models.CharField(_("tên sự cố"), max_length=200)
    description = models.TextField(
        _("diễn biến"),
        help_text=_("Việc gì đã xảy ra, ở đâu, bằng cách nào (ví dụ: gửi nhầm danh sách…)."),
    )
    data_categories = models.JSONField(
        _("loại dữ liệu bị ảnh hưởng"), default=list, validators=[validate_categories]
    )
    subject_groups = models.JSONField(
        _("chủ thể dữ liệu bị ảnh hưởng"), default=list, validators=[validate_subject_groups]
    )
    subjects_estimate = models.PositiveIntegerField(
        _("số người bị ảnh hưởng (ước tính)"), null=True, blank=True
    )
    records_estimate = models.PositiveIntegerField(
        _("số bản ghi bị ảnh hưởng (ước tính)"), null=True, blank=True
    )
    occurred_at = models.DateTimeField(
        _("xảy ra lúc"), null=True, blank=True, help_text=_("Để trống nếu chưa rõ.")
    )
    found_at = models.DateTimeField(_("phát hiện lúc"), db_index=True)
    found_by = models.CharField(
        _("người phát hiện"), max_length=200, help_text=_("Họ tên, đơn vị hoặc nguồn báo tin.")
    )
    consequences = models.TextField(_("hậu quả, thiệt hại có thể xảy ra"), blank=True)
    actions_taken = models.TextField(_("biện pháp đã thực hiện"), blank=True)
    contact_name = models.CharField(_("cán bộ đầu mối"), max_length=150, blank=True)
    contact_phone = models.CharField(_("điện thoại đầu mối"), max_length=20, blank=True)
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    authority_notified_at = models.DateTimeField(
        _("đã thông báo cơ quan chuyên trách lúc"), null=True, blank=True
    )
    authority_reference = models.CharField(
        _("số văn bản / hình thức thông báo"), max_length=200, blank=True
    )
    late_reason = models.TextField(
        _("lý do thông báo chậm"),
        blank=True,
        help_text=_("Bắt buộc khi thông báo sau thời hạn."),
    )
    subjects_notified_at = models.DateTimeField(
        _("đã thông báo chủ thể dữ liệu lúc"), null=True, blank=True
    )
    closed_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("người ghi nhận"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The last reminder stage sent ("", "opened", "due_soon", "overdue"): reminders are sent
    # at most once per stage, whichever worker or retry runs them.
    reminded_stage = models.CharField(max_length=10, blank=True, editable=False)

    class Meta:
        verbose_name = _("sự cố dữ liệu cá nhân")
        verbose_name_plural = _("sự cố dữ liệu cá nhân")
        ordering = ["-found_at", "-id"]
        indexes = [models.Index(fields=["commune", "status", "-found_at"], name="privacy_inc_open")]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors = {}
        if self.occurred_at and self.found_at and self.occurred_at > self.found_at:
            errors["occurred_at"] = _("Thời điểm xảy ra không thể sau thời điểm phát hiện.")
        for name in ("authority_notified_at", "subjects_notified_at"):
            at = getattr(self, name)
            if at and self.found_at and at < self.found_at:
                errors[name] = _("Thời điểm thông báo không thể trước thời điểm phát hiện.")
        if self.contact_phone and not self.contact_phone.isdigit():
            errors["contact_phone"] = _("Chỉ gồm chữ số.")
        if errors:
            raise ValidationError(errors)

    def get_data_categories_display(self) -> list[str]:
        return [str(Category(v).label) for v in self.data_categories if v in Category.values]

    def get_subject_groups_display(self) -> list[str]:
        return [str(SubjectGroup(v).label) for v in self.subject_groups if v in SubjectGroup.values]
