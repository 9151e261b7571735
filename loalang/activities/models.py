"""The activity log. The foundation defines Activity's core so radio, portal and reports can
point at it; the activities issue adds the per-form details, evidence and workflow."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from loalang.core.channels import Channel
from loalang.core.models import BaseModel


class Activity(BaseModel):
    class Kind(models.TextChoices):
        PORTAL_POST = "portal_post", _("Tin, bài trên trang thông tin điện tử")
        SOCIAL_POST = "social_post", _("Bài đăng mạng xã hội, nhóm nhắn tin")
        RADIO_BROADCAST = "radio_broadcast", _("Phát thanh")
        VISUAL = "visual", _("Cổ động trực quan, bảng tin")
        BULLETIN = "bulletin", _("Bản tin, thông tin nội bộ")
        PRINTED = "printed", _("Tài liệu, tờ rơi in ấn")
        EVENT = "event", _("Hội nghị, tập huấn, sinh hoạt cộng đồng")
        TEAM_GUIDANCE = "team_guidance", _("Tổ công nghệ số hướng dẫn người dân")
        PROPAGANDIST = "propagandist", _("Tuyên truyền trực tiếp")
        SMS = "sms", _("Tin nhắn SMS")

    class Status(models.TextChoices):
        REPORTED = "reported", _("Đã báo cáo, chờ xác nhận")
        VERIFIED = "verified", _("Đã xác nhận")
        RETURNED = "returned", _("Trả lại để bổ sung")

    commune = models.ForeignKey("places.Commune", on_delete=models.PROTECT, related_name="activities")
    plan = models.ForeignKey(
        "plans.Plan",
        verbose_name=_("kế hoạch"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities",
    )
    kind = models.CharField(_("hình thức"), max_length=20, choices=Kind.choices)
    channel = models.CharField(_("kênh"), max_length=20, choices=Channel.choices)
    title = models.CharField(_("tiêu đề"), max_length=300)
    description = models.TextField(_("mô tả"), blank=True)
    held_on = models.DateField(_("ngày thực hiện"), db_index=True)
    ended_on = models.DateField(_("đến ngày"), null=True, blank=True)
    reach = models.PositiveIntegerField(_("số người được tiếp cận"), null=True, blank=True)
    cost_vnd = models.PositiveBigIntegerField(_("kinh phí (đồng)"), default=0)
    funding_source = models.ForeignKey(
        "budget.FundingSource",
        verbose_name=_("nguồn kinh phí"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities",
    )
    minutes = models.PositiveIntegerField(
        _("thời lượng (phút)"), null=True, blank=True, help_text=_("Phát thanh: số phút đã phát")
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.REPORTED
    )
    themes = models.ManyToManyField(
        "plans.PlanTheme", verbose_name=_("nội dung"), blank=True, related_name="activities"
    )
    villages = models.ManyToManyField(
        "places.Village", verbose_name=_("thôn"), blank=True, related_name="activities"
    )
    org_unit = models.ForeignKey(
        "people.OrgUnit",
        verbose_name=_("đơn vị thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
    )
    # Set when another module created this activity (a portal article, an aired bulletin…).
    source_type = models.CharField(max_length=80, blank=True)
    source_id = models.CharField(max_length=40, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recorded_activities",
    )

    class Meta:
        verbose_name = _("hoạt động")
        verbose_name_plural = _("hoạt động")
        ordering = ["-held_on", "-id"]
        indexes = [
            models.Index(fields=["commune", "held_on"], name="activity_commune_held"),
            models.Index(fields=["source_type", "source_id"], name="activity_source"),
        ]

    def __str__(self) -> str:
        return self.title
