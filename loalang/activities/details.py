"""Per-form details of an activity, evidence files and locked periods (ADR 0020).

Each form of activity has a one-to-one detail table whose related name is the form's code
(`activity.social_post`, `activity.visual`…; the event's lives in `events.Event`), so
`getattr(activity, activity.kind)` finds it. Every number is a typed column so reports can
aggregate with SQL (`Sum("printed__copies_printed")`). Two forms repeat per row:
copies distributed per village (PrintedDistribution) and people guided per platform
(GuidanceCount).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from loalang.core.files import private_storage
from loalang.core.models import BaseModel


def _detail(related_name: str) -> models.OneToOneField:
    return models.OneToOneField(
        "activities.Activity",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name=related_name,
    )


class PortalPost(BaseModel):
    activity = _detail("portal_post")
    url = models.URLField(_("đường dẫn bài viết"), max_length=500, blank=True)
    views = models.PositiveIntegerField(_("lượt xem"), null=True, blank=True)

    class Meta:
        verbose_name = _("tin, bài trên trang thông tin điện tử")


class SocialPost(BaseModel):
    class Platform(models.TextChoices):
        FACEBOOK = "facebook", _("Trang Facebook")
        ZALO_OA = "zalo_oa", _("Zalo OA")
        ZALO_GROUP = "zalo_group", _("Nhóm Zalo")
        YOUTUBE = "youtube", _("YouTube")
        TIKTOK = "tiktok", _("TikTok")
        OTHER = "other", _("Khác")

    activity = _detail("social_post")
    platform = models.CharField(_("nền tảng"), max_length=12, choices=Platform.choices)
    url = models.URLField(_("đường dẫn bài đăng"), max_length=500, blank=True)
    views = models.PositiveIntegerField(_("lượt xem"), null=True, blank=True)
    reactions = models.PositiveIntegerField(_("lượt thích, bày tỏ cảm xúc"), null=True, blank=True)
    comments = models.PositiveIntegerField(_("lượt bình luận"), null=True, blank=True)
    shares = models.PositiveIntegerField(_("lượt chia sẻ"), null=True, blank=True)

    class Meta:
        verbose_name = _("bài đăng mạng xã hội")

    @property
    def engagement(self) -> int:
        return (self.reactions or 0) + (self.comments or 0) + (self.shares or 0)


class RadioBroadcast(BaseModel):
    """Manual entry for stations not run in Loa Làng (the radio app records its own)."""

    activity = _detail("radio_broadcast")
    station = models.CharField(_("đài, cụm loa"), max_length=200)
    times_aired = models.PositiveSmallIntegerField(_("số lần phát"), default=1)

    class Meta:
        verbose_name = _("buổi phát thanh")


class VisualItem(BaseModel):
    class ItemKind(models.TextChoices):
        BANNER = "banner", _("Băng rôn")
        SLOGAN = "slogan", _("Khẩu hiệu")
        POSTER = "poster", _("Áp phích")
        PANEL = "panel", _("Pa nô")
        LED_BOARD = "led_board", _("Bảng LED")
        NOTICE_BOARD = "notice_board", _("Bảng tin công cộng")

    activity = _detail("visual")
    item_kind = models.CharField(_("loại"), max_length=14, choices=ItemKind.choices)
    text = models.TextField(_("nội dung khẩu hiệu, thông báo"))
    village = models.ForeignKey(
        "places.Village",
        verbose_name=_("đặt tại thôn"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    location = models.CharField(_("vị trí"), max_length=200, blank=True)
    latitude = models.DecimalField(
        _("vĩ độ"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("kinh độ"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    quantity = models.PositiveIntegerField(_("số lượng"), default=1)
    put_up_on = models.DateField(_("ngày treo, dựng"), null=True, blank=True)
    taken_down_on = models.DateField(_("ngày tháo dỡ"), null=True, blank=True)

    class Meta:
        verbose_name = _("cổ động trực quan")


class BulletinIssue(BaseModel):
    activity = _detail("bulletin")
    issue = models.CharField(_("số bản tin"), max_length=40, blank=True)
    copies = models.PositiveIntegerField(_("số bản"), default=0)

    class Meta:
        verbose_name = _("bản tin")


class PrintedMaterial(BaseModel):
    class MaterialKind(models.TextChoices):
        LEAFLET = "leaflet", _("Tờ rơi, tờ gấp")
        HANDBOOK = "handbook", _("Sổ tay, cẩm nang")
        POSTER = "poster", _("Áp phích, tranh cổ động")
        DOCUMENT = "document", _("Tài liệu tuyên truyền")
        OTHER = "other", _("Khác")

    activity = _detail("printed")
    material_kind = models.CharField(_("loại ấn phẩm"), max_length=10, choices=MaterialKind.choices)
    copies_printed = models.PositiveIntegerField(_("số bản in"), default=0)

    class Meta:
        verbose_name = _("tài liệu in ấn")


class PrintedDistribution(BaseModel):
    printed = models.ForeignKey(
        PrintedMaterial, on_delete=models.CASCADE, related_name="distributions"
    )
    village = models.ForeignKey("places.Village", on_delete=models.PROTECT, related_name="+")
    copies = models.PositiveIntegerField(_("số bản phát"))

    class Meta:
        verbose_name = _("phát tài liệu theo thôn")
        constraints = [
            models.UniqueConstraint(fields=["printed", "village"], name="uniq_printed_village")
        ]


class TeamGuidance(BaseModel):
    """A Community Digital Technology Team's door-to-door round."""

    activity = _detail("team_guidance")
    households = models.PositiveIntegerField(
        _("số hộ được hướng dẫn"),
        default=0,
        help_text=_("Mỗi hộ tính một lần dù được hướng dẫn nhiều nền tảng."),
    )
    people = models.PositiveIntegerField(_("số người được hướng dẫn"), default=0)

    class Meta:
        verbose_name = _("tổ công nghệ số hướng dẫn")


class GuidanceCount(BaseModel):
    class Platform(models.TextChoices):
        VNEID_LEVEL2 = "vneid_level2", _("Tài khoản định danh điện tử VNeID mức 2")
        PUBLIC_SERVICE = "public_service", _("Cổng Dịch vụ công quốc gia")
        CASHLESS = "cashless", _("Thanh toán không dùng tiền mặt")
        ECOMMERCE = "ecommerce", _("Sàn thương mại điện tử, nông sản")
        BDHVS_ENROLLED = "bdhvs_enrolled", _("Bình dân học vụ số: đăng ký học")
        BDHVS_COMPLETED = "bdhvs_completed", _("Bình dân học vụ số: hoàn thành")

    guidance = models.ForeignKey(TeamGuidance, on_delete=models.CASCADE, related_name="counts")
    platform = models.CharField(_("nền tảng"), max_length=16, choices=Platform.choices)
    households = models.PositiveIntegerField(_("số hộ"), default=0)
    people = models.PositiveIntegerField(_("số người"), default=0)

    class Meta:
        verbose_name = _("số được hướng dẫn theo nền tảng")
        ordering = ["guidance", "platform"]
        constraints = [
            models.UniqueConstraint(fields=["guidance", "platform"], name="uniq_guidance_platform")
        ]


class PropagandistSession(BaseModel):
    activity = _detail("propagandist")
    propagandist = models.ForeignKey(
        "people.Person",
        verbose_name=_("tuyên truyền viên"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sessions = models.PositiveSmallIntegerField(_("số buổi"), default=1)
    place = models.CharField(_("địa điểm"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("buổi tuyên truyền trực tiếp")


class SmsCampaign(BaseModel):
    activity = _detail("sms")
    provider = models.CharField(_("nhà mạng, đơn vị gửi"), max_length=120, blank=True)
    messages_sent = models.PositiveIntegerField(_("số tin đã gửi"), default=0)
    messages_delivered = models.PositiveIntegerField(
        _("số tin gửi thành công"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("đợt nhắn tin SMS")


def _evidence_path(instance: Evidence, filename: str) -> str:
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"evidence/{instance.activity.commune_id}/{uuid.uuid4().hex}.{ext}"


class Evidence(BaseModel):
    """A photo, scan or document proving an activity. Served only by an access-checked view."""

    class Purpose(models.TextChoices):
        PHOTO = "photo", _("Ảnh hoạt động")
        SIGN_IN_SHEET = "sign_in_sheet", _("Danh sách ký tên (bản chụp)")
        DOCUMENT = "document", _("Văn bản, tài liệu")

    activity = models.ForeignKey(
        "activities.Activity", on_delete=models.CASCADE, related_name="evidence"
    )
    purpose = models.CharField(
        _("loại minh chứng"), max_length=14, choices=Purpose.choices, default=Purpose.PHOTO
    )
    file = models.FileField(
        _("tệp"), upload_to=_evidence_path, max_length=255, storage=private_storage
    )
    content_type = models.CharField(max_length=60)
    size_bytes = models.PositiveIntegerField()
    original_name = models.CharField(_("tên tệp gốc"), max_length=200, blank=True)
    sha256 = models.CharField(max_length=64)
    has_location = models.BooleanField(
        _("giữ thông tin vị trí"),
        default=False,
        help_text=_("Người tải lên chủ động giữ toạ độ GPS trong ảnh."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")
        ordering = ["activity", "id"]

    def __str__(self) -> str:
        return self.original_name or self.file.name  # type: ignore[return-value]

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class PeriodLock(BaseModel):
    """A month the Culture-Social officer has closed: its activities can no longer change."""

    commune = models.ForeignKey("places.Commune", on_delete=models.CASCADE, related_name="+")
    month = models.DateField(_("tháng"), help_text=_("Ngày đầu tháng"))
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("kỳ đã khoá sổ")
        verbose_name_plural = _("kỳ đã khoá sổ")
        ordering = ["commune", "-month"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "month"], name="uniq_period_lock")
        ]

    def __str__(self) -> str:
        return f"{self.month:%m/%Y}"


class CoverageCell(models.Model):
    """Verified activities per commune, month, theme letter and channel (ADR 0025).

    Derived data, rebuilt by `coverage.coverage_refresh` whenever a service changes what
    counts. `letter` "" = activities with no theme; "*" = every activity once (distinct
    counts per channel, whatever its themes).
    """

    commune = models.ForeignKey("places.Commune", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    month = models.PositiveSmallIntegerField()
    letter = models.CharField(max_length=3, blank=True)
    channel = models.CharField(max_length=20)
    count = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["year", "commune"], name="coverage_cell_year")]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "year", "month", "letter", "channel"], name="uniq_coverage_cell"
            )
        ]

    def __str__(self) -> str:
        return f"{self.month}/{self.year} {self.letter} {self.channel}: {self.count}"


class VillageMonthCell(models.Model):
    """Verified activities per commune, month and village; village NULL = commune-wide."""

    commune = models.ForeignKey("places.Commune", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    month = models.PositiveSmallIntegerField()
    village = models.ForeignKey(
        "places.Village", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    count = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["commune", "year"], name="village_cell_year")]

    def __str__(self) -> str:
        return f"{self.month}/{self.year} {self.village_id}: {self.count}"


class ProvinceCoverageCell(models.Model):
    """CoverageCell summed over the communes of a province, so a province-year matrix reads
    at most 12 × letters × channels rows whatever the number of communes and activities."""

    province = models.ForeignKey("places.Province", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    month = models.PositiveSmallIntegerField()
    letter = models.CharField(max_length=3, blank=True)
    channel = models.CharField(max_length=20)
    count = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["province", "year", "month", "letter", "channel"],
                name="uniq_province_coverage_cell",
            )
        ]

    def __str__(self) -> str:
        return f"{self.month}/{self.year} {self.letter} {self.channel}: {self.count}"
