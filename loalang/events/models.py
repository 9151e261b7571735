"""Events (conferences, trainings, community meetings), their optional attendee lists and the
personal-data records Law 91/2025 asks for (ADR 0023).

An Event is the detail of an `activities.Activity` of kind "event" (`activity.event`). Its
participant counts are typed columns that reports aggregate; attendee names stay here and
never leave the commune.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from loalang.core.models import BaseModel
from loalang.core.text import mask_phone


class Event(BaseModel):
    class EventKind(models.TextChoices):
        CONFERENCE = "conference", _("Hội nghị")
        TRAINING = "training", _("Tập huấn, bồi dưỡng")
        WORKSHOP = "workshop", _("Hội thảo")
        FORUM = "forum", _("Diễn đàn, toạ đàm")
        COMMUNITY_MEETING = "community", _("Sinh hoạt cộng đồng, họp thôn")

    activity = models.OneToOneField(
        "activities.Activity", on_delete=models.CASCADE, primary_key=True, related_name="event"
    )
    event_kind = models.CharField(
        _("loại sự kiện"),
        max_length=12,
        choices=EventKind.choices,
        default=EventKind.COMMUNITY_MEETING,
    )
    place = models.CharField(_("địa điểm"), max_length=200, blank=True)
    organiser = models.CharField(_("đơn vị tổ chức"), max_length=200, blank=True)
    officials = models.PositiveIntegerField(_("cán bộ, công chức"), default=0)
    team_members = models.PositiveIntegerField(_("thành viên tổ công nghệ số"), default=0)
    residents = models.PositiveIntegerField(_("người dân"), default=0)
    # "Of which" counts: women and ethnic-minority people are among the three groups above.
    women = models.PositiveIntegerField(_("trong đó: nữ"), default=0)
    ethnic_minorities = models.PositiveIntegerField(
        _("trong đó: người dân tộc thiểu số"), default=0
    )
    # Computed by the database, so a total can never disagree with its groups.
    participants = models.GeneratedField(
        expression=models.F("officials") + models.F("team_members") + models.F("residents"),
        output_field=models.PositiveIntegerField(_("tổng số người tham dự")),
        db_persist=True,
        verbose_name=_("tổng số người tham dự"),
    )

    class Meta:
        verbose_name = _("sự kiện")
        verbose_name_plural = _("sự kiện")

    def __str__(self) -> str:
        return str(self.activity)

    @property
    def total(self) -> int:
        return (self.officials or 0) + (self.team_members or 0) + (self.residents or 0)

    def clean(self) -> None:
        errors = {}
        if self.women > self.total:
            errors["women"] = _("Số nữ không thể lớn hơn tổng số người tham dự.")
        if self.ethnic_minorities > self.total:
            errors["ethnic_minorities"] = _(
                "Số người dân tộc thiểu số không thể lớn hơn tổng số người tham dự."
            )
        if errors:
            raise ValidationError(errors)


class ConsentNotice(BaseModel):
    """A version of the notice read to, or printed for, attendees before their data is kept."""

    commune = models.ForeignKey("places.Commune", on_delete=models.CASCADE, related_name="+")
    version = models.CharField(_("phiên bản"), max_length=20)
    purpose = models.CharField(_("mục đích"), max_length=300)
    text = models.TextField(_("nội dung thông báo"))
    retention_months = models.PositiveSmallIntegerField(_("thời hạn lưu (tháng)"), default=24)

    class Meta:
        verbose_name = _("thông báo xử lý dữ liệu cá nhân")
        ordering = ["commune", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "version"], name="uniq_notice_version")
        ]

    def __str__(self) -> str:
        return self.version


class Attendee(BaseModel):
    class Group(models.TextChoices):
        OFFICIAL = "official", _("Cán bộ, công chức")
        TEAM_MEMBER = "team_member", _("Thành viên tổ công nghệ số")
        RESIDENT = "resident", _("Người dân")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="attendees")
    full_name = models.CharField(_("họ và tên"), max_length=150)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    village = models.ForeignKey(
        "places.Village",
        verbose_name=_("thôn"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    group = models.CharField(_("thành phần"), max_length=12, choices=Group.choices)
    is_woman = models.BooleanField(_("nữ"), default=False)
    is_ethnic_minority = models.BooleanField(_("dân tộc thiểu số"), default=False)

    class Meta:
        verbose_name = _("người tham dự")
        verbose_name_plural = _("người tham dự")
        ordering = ["event", "full_name", "id"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.phone)


class ConsentRecord(BaseModel):
    """When, for what and on which notice a person agreed; who collected it; withdrawal."""

    class Method(models.TextChoices):
        PAPER = "paper", _("Ký trên danh sách giấy")
        VERBAL = "verbal", _("Đồng ý trực tiếp, cán bộ ghi nhận")
        ONLINE = "online", _("Đồng ý trực tuyến")

    attendee = models.OneToOneField(Attendee, on_delete=models.CASCADE, related_name="consent")
    notice = models.ForeignKey(ConsentNotice, on_delete=models.PROTECT, related_name="consents")
    given_at = models.DateTimeField(_("đồng ý lúc"))
    method = models.CharField(_("hình thức"), max_length=8, choices=Method.choices)
    collected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_at = models.DateTimeField(_("rút lại lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("ghi nhận đồng ý")
        verbose_name_plural = _("ghi nhận đồng ý")

    def __str__(self) -> str:
        return f"{self.attendee_id} {self.notice}"


class DataRequest(BaseModel):
    """A data subject's request (export or erasure) and how it was handled."""

    class Kind(models.TextChoices):
        EXPORT = "export", _("Cung cấp dữ liệu")
        ERASE = "erase", _("Xoá dữ liệu")

    commune = models.ForeignKey("places.Commune", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("loại yêu cầu"), max_length=8, choices=Kind.choices)
    # Kept so the log shows whose request it was; masked once the data is erased.
    subject_name = models.CharField(_("người yêu cầu"), max_length=150)
    subject_phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    received_on = models.DateField(_("ngày nhận yêu cầu"))
    handled_at = models.DateTimeField(_("xử lý lúc"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    records_affected = models.PositiveIntegerField(_("số bản ghi"), default=0)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("yêu cầu về dữ liệu cá nhân")
        verbose_name_plural = _("yêu cầu về dữ liệu cá nhân")
        ordering = ["commune", "-received_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.subject_name}"
