"""The commune radio: loudspeaker clusters, bulletins and their language versions, recurring
slots, broadcast logs and the per-commune pronunciation lexicon.

Times of day are wall-clock Vietnam time (Asia/Ho_Chi_Minh, the project's TIME_ZONE).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from loalang.core.files import private_storage
from loalang.core.models import BaseModel


class Cluster(BaseModel):
    """A loudspeaker cluster (cụm loa): an IP cluster, a wired line or an FM zone."""

    class Kind(models.TextChoices):
        IP = "ip", _("Cụm thu phát thanh IP")
        WIRED = "wired", _("Truyền thanh có dây")
        FM = "fm", _("Truyền thanh không dây (FM)")

    class Status(models.TextChoices):
        WORKING = "working", _("Hoạt động tốt")
        BROKEN = "broken", _("Hỏng")
        REPAIR = "repair", _("Đang sửa chữa")

    commune = models.ForeignKey(
        "places.Commune", on_delete=models.CASCADE, related_name="radio_clusters"
    )
    name = models.CharField(_("tên cụm loa"), max_length=120)
    code = models.CharField(
        _("mã thiết bị"),
        max_length=60,
        blank=True,
        help_text=_("Mã cụm trong hệ thống của nhà cung cấp, dùng khi nhập nhật ký phát."),
    )
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices, default=Kind.IP)
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=Status.choices, default=Status.WORKING
    )
    villages = models.ManyToManyField(
        "places.Village", verbose_name=_("thôn, bản phủ sóng"), blank=True, related_name="+"
    )
    location = models.CharField(_("vị trí lắp đặt"), max_length=200, blank=True)
    notes = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("cụm loa")
        verbose_name_plural = _("cụm loa")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "name"], name="uniq_cluster_name_per_commune"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Bulletin(BaseModel):
    """A bulletin (bản tin): written by Culture-Social, approved by the Chair before it airs."""

    class Source(models.TextChoices):
        COMMUNE = "commune", _("Xã tự sản xuất")
        PROVINCE = "province", _("Tỉnh")
        CENTRAL = "central", _("Trung ương")

    # Circular 39/2020/TT-BTTTT, lowest to highest.
    class Priority(models.IntegerChoices):
        NORMAL = 0, _("Thông thường")
        PRIORITY = 1, _("Ưu tiên")
        EMERGENCY = 2, _("Khẩn cấp")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Bản nháp")
        PENDING = "pending", _("Chờ duyệt")
        APPROVED = "approved", _("Đã duyệt")
        RETURNED = "returned", _("Trả lại để sửa")
        WITHDRAWN = "withdrawn", _("Đã ngừng phát")

    commune = models.ForeignKey(
        "places.Commune", on_delete=models.CASCADE, related_name="radio_bulletins"
    )
    title = models.CharField(_("tiêu đề"), max_length=200)
    script = models.TextField(
        _("nội dung đọc"),
        blank=True,
        help_text=_("Văn bản để máy đọc tiếng Việt. Có thể để trống nếu tải lên bản ghi âm."),
    )
    source = models.CharField(
        _("nguồn"), max_length=10, choices=Source.choices, default=Source.COMMUNE
    )
    priority = models.PositiveSmallIntegerField(
        _("mức ưu tiên"), choices=Priority.choices, default=Priority.NORMAL
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    themes = models.ManyToManyField(
        "plans.PlanTheme", verbose_name=_("nội dung tuyên truyền"), blank=True, related_name="+"
    )
    clusters = models.ManyToManyField(
        Cluster,
        verbose_name=_("cụm loa"),
        blank=True,
        related_name="bulletins",
        help_text=_("Để trống để phát trên mọi cụm loa."),
    )
    # Which sessions air it (the morning one, the evening one, or both); none = every session.
    slots = models.ManyToManyField(
        "radio.Slot",
        verbose_name=_("buổi phát"),
        blank=True,
        related_name="bulletins",
        help_text=_("Để trống để phát ở mọi buổi phát."),
    )
    valid_from = models.DateField(_("phát từ ngày"), null=True, blank=True)
    valid_until = models.DateField(_("phát đến hết ngày"), null=True, blank=True)
    is_fallback = models.BooleanField(
        _("dùng để lấp chỗ trống"),
        default=False,
        help_text=_("Nội dung phát lại khi buổi phát không có bản tin mới, để loa không im lặng."),
    )
    voice = models.CharField(_("giọng đọc"), max_length=40, blank=True)
    rate = models.PositiveSmallIntegerField(_("tốc độ đọc (từ/phút)"), null=True, blank=True)
    external_ref = models.CharField(
        _("mã bản tin nguồn"),
        max_length=80,
        blank=True,
        help_text=_("Mã của bản tin trên hệ thống thông tin nguồn cấp trên."),
    )
    # What this bulletin was made from (a portal article, a feedback answer…), as type + id.
    origin_type = models.CharField(max_length=80, blank=True)
    origin_id = models.CharField(max_length=40, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("gửi duyệt lúc"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người duyệt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)
    # The last "Phát lại ngay" of an emergency (players air it again: player_feed).
    on_air_at = models.DateTimeField(_("phát lại khẩn cấp lúc"), null=True, blank=True)
    review_note = models.TextField(_("ý kiến người duyệt"), blank=True)

    class Meta:
        verbose_name = _("bản tin")
        verbose_name_plural = _("bản tin")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["commune", "status"], name="bulletin_commune_status")]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "external_ref"],
                condition=~models.Q(external_ref=""),
                name="uniq_bulletin_external_ref",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError(
                {"valid_until": _("Ngày kết thúc phải sau hoặc trùng ngày bắt đầu.")}
            )

    @property
    def is_emergency(self) -> bool:
        return self.priority == self.Priority.EMERGENCY

    def is_valid_on(self, day) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )


class Language(models.TextChoices):
    VIETNAMESE = "vi", _("Tiếng Việt")
    THAI = "tai", _("Tiếng Thái")
    MUONG = "mtq", _("Tiếng Mường")
    OTHER = "other", _("Tiếng dân tộc khác")


class BulletinVersion(BaseModel):
    """One language version of a bulletin: synthesised Vietnamese, or an uploaded recording."""

    class Kind(models.TextChoices):
        SYNTHESIZED = "synth", _("Máy đọc")
        RECORDED = "recorded", _("Bản ghi âm")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Đang chờ tạo âm thanh")
        RUNNING = "running", _("Đang tạo âm thanh")
        READY = "ready", _("Sẵn sàng")
        FAILED = "failed", _("Lỗi")

    bulletin = models.ForeignKey(Bulletin, on_delete=models.CASCADE, related_name="versions")
    language = models.CharField(
        _("ngôn ngữ"), max_length=8, choices=Language.choices, default=Language.VIETNAMESE
    )
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    audio_mp3 = models.FileField(
        _("tệp MP3"), upload_to="radio/audio/", blank=True, storage=private_storage
    )
    audio_ogg = models.FileField(
        _("tệp OGG"), upload_to="radio/audio/", blank=True, storage=private_storage
    )
    original = models.FileField(
        _("bản ghi gốc"),
        upload_to="radio/originals/",
        blank=True,
        storage=private_storage,
        help_text=_("Tệp ghi âm đúng như khi tải lên, trước khi cắt lặng và cân bằng âm lượng."),
    )
    duration_seconds = models.FloatField(_("thời lượng (giây)"), default=0)
    rms_dbfs = models.FloatField(_("độ lớn trung bình (dBFS)"), null=True, blank=True)
    peak_dbfs = models.FloatField(_("đỉnh (dBFS)"), null=True, blank=True)
    normalized_text = models.TextField(_("văn bản đã chuẩn hoá"), blank=True)
    engine = models.CharField(_("bộ đọc"), max_length=120, blank=True)
    voice = models.CharField(_("giọng đọc"), max_length=40, blank=True)
    rate = models.PositiveSmallIntegerField(_("tốc độ"), null=True, blank=True)
    error = models.TextField(_("lỗi"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("số lần thử"), default=0)
    started_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("phiên bản ngôn ngữ")
        verbose_name_plural = _("phiên bản ngôn ngữ")
        ordering = ["bulletin", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["bulletin", "language"], name="uniq_bulletin_version_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.bulletin} ({self.get_language_display()})"

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY and bool(self.audio_mp3)

    @property
    def duration_label(self) -> str:
        """'1 phút 05 giây', '45 giây': how long it plays, as people say it."""
        seconds = round(self.duration_seconds or 0)
        minutes, rest = divmod(seconds, 60)
        if not minutes:
            return _("%(s)s giây") % {"s": rest}
        return _("%(m)s phút %(s)02d giây") % {"m": minutes, "s": rest}

    @property
    def voice_label(self) -> str:
        from loalang.radio.speech.espeak import VOICES

        return next((str(v.label) for v in VOICES if v.id == self.voice), self.voice)


class Slot(BaseModel):
    """A recurring broadcast slot (e.g. daily 06:00), for some clusters or all of them."""

    class Languages(models.TextChoices):
        VIETNAMESE = "vi", _("Chỉ tiếng Việt")
        ALL = "all", _("Tất cả ngôn ngữ có sẵn")
        THAI = "tai", _("Chỉ tiếng Thái")
        MUONG = "mtq", _("Chỉ tiếng Mường")

    commune = models.ForeignKey(
        "places.Commune", on_delete=models.CASCADE, related_name="radio_slots"
    )
    name = models.CharField(_("tên buổi phát"), max_length=80)
    starts_at = models.TimeField(_("giờ phát (giờ Việt Nam)"))
    weekdays = models.CharField(
        _("ngày trong tuần"),
        max_length=7,
        default="1234567",
        help_text=_("1 = thứ Hai … 7 = Chủ nhật."),
    )
    clusters = models.ManyToManyField(
        Cluster,
        verbose_name=_("cụm loa"),
        blank=True,
        related_name="slots",
        help_text=_("Để trống để phát trên mọi cụm loa."),
    )
    languages = models.CharField(
        _("ngôn ngữ phát"), max_length=8, choices=Languages.choices, default=Languages.ALL
    )
    min_minutes = models.PositiveSmallIntegerField(
        _("thời lượng tối thiểu (phút)"),
        default=5,
        help_text=_("Nếu chưa đủ, chương trình được lấp bằng nội dung phát lại."),
    )
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("buổi phát")
        verbose_name_plural = _("buổi phát")
        ordering = ["starts_at", "name"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "name"], name="uniq_slot_name_per_commune")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.starts_at:%H:%M})"

    def clean(self) -> None:
        if not self.weekdays or any(c not in "1234567" for c in self.weekdays):
            raise ValidationError({"weekdays": _("Chọn ít nhất một ngày trong tuần.")})

    def runs_on(self, day) -> bool:
        return self.is_active and str(day.isoweekday()) in self.weekdays


class BroadcastLog(BaseModel):
    """One bulletin aired once (in a slot on a day, or at once as an emergency), and where.

    Planned items come from the programme (selectors.programme_for_day); a log exists only
    for what was actually aired. Its clusters are the clusters that aired it.
    """

    class Source(models.TextChoices):
        OPERATOR = "operator", _("Cán bộ xác nhận")
        VENDOR = "vendor", _("Nhập từ nhật ký thiết bị")
        EMERGENCY = "emergency", _("Phát khẩn cấp")
        PLAYER = "player", _("Máy phát Loa Làng tự báo")

    commune = models.ForeignKey(
        "places.Commune", on_delete=models.CASCADE, related_name="radio_logs"
    )
    bulletin = models.ForeignKey(Bulletin, on_delete=models.PROTECT, related_name="logs")
    slot = models.ForeignKey(
        Slot, null=True, blank=True, on_delete=models.SET_NULL, related_name="logs"
    )
    aired_on = models.DateField(_("ngày phát"), db_index=True)
    aired_at = models.DateTimeField(_("phát lúc"))
    seconds_aired = models.PositiveIntegerField(_("thời lượng đã phát (giây)"))
    language = models.CharField(
        _("ngôn ngữ"), max_length=8, choices=Language.choices, default=Language.VIETNAMESE
    )
    clusters = models.ManyToManyField(
        Cluster, verbose_name=_("cụm loa đã phát"), blank=True, related_name="logs"
    )
    source = models.CharField(_("nguồn ghi"), max_length=10, choices=Source.choices)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("nhật ký phát")
        verbose_name_plural = _("nhật ký phát")
        ordering = ["-aired_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["bulletin", "slot", "aired_on", "language"],
                condition=models.Q(slot__isnull=False),
                name="uniq_log_per_slot_day",
            )
        ]

    def __str__(self) -> str:
        return f"{self.bulletin} — {self.aired_on:%d/%m/%Y}"

    @property
    def minutes(self) -> int:
        """Minutes aired, rounded up (a 61-second bulletin took two minutes of airtime)."""
        return -(-self.seconds_aired // 60)


class LexiconEntry(BaseModel):
    """How the commune wants a written form read aloud: 'UBND' → 'ủy ban nhân dân'."""

    commune = models.ForeignKey(
        "places.Commune", on_delete=models.CASCADE, related_name="radio_lexicon"
    )
    written = models.CharField(_("chữ viết"), max_length=60)
    spoken = models.CharField(_("cách đọc"), max_length=200)

    class Meta:
        verbose_name = _("cách đọc từ viết tắt")
        verbose_name_plural = _("từ điển cách đọc")
        ordering = ["written"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "written"], name="uniq_lexicon_per_commune")
        ]

    def __str__(self) -> str:
        return f"{self.written} → {self.spoken}"


class RadioSettings(BaseModel):
    """Per-commune station settings: default voice, jingles and the HTTP push target."""

    commune = models.OneToOneField(
        "places.Commune", on_delete=models.CASCADE, related_name="radio_settings"
    )
    voice = models.CharField(_("giọng đọc mặc định"), max_length=40, default="vi")
    rate = models.PositiveSmallIntegerField(_("tốc độ đọc (từ/phút)"), default=150)
    opening_jingle = models.FileField(
        _("nhạc hiệu mở đầu"), upload_to="radio/jingles/", blank=True, storage=private_storage
    )
    closing_jingle = models.FileField(
        _("nhạc hiệu kết thúc"), upload_to="radio/jingles/", blank=True, storage=private_storage
    )
    push_url = models.URLField(
        _("địa chỉ nhận bản tin (HTTP)"),
        blank=True,
        help_text=_("Hệ thống truyền thanh thông minh nhận gói phát qua HTTP POST."),
    )
    push_token = models.CharField(_("mã xác thực"), max_length=200, blank=True)
    last_push_at = models.DateTimeField(_("lần gửi gần nhất"), null=True, blank=True)
    last_push_result = models.CharField(_("kết quả gửi gần nhất"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("cấu hình đài")
        verbose_name_plural = _("cấu hình đài")

    def __str__(self) -> str:
        return f"{self.commune}"


class PlayerDevice(BaseModel):
    """A Loa Làng Player (a small computer beside a cluster's amplifier) and its access token.

    The token is shown once when issued; only its SHA-256 is stored. A device reads and
    reports for its one cluster. Health fields come from its heartbeats (ADR 0055).
    """

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="players")
    name = models.CharField(_("tên thiết bị"), max_length=80)
    token_prefix = models.CharField(_("đầu mã"), max_length=20)
    token_digest = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    last_seen_at = models.DateTimeField(_("liên lạc lần cuối"), null=True, blank=True)
    version = models.CharField(_("phiên bản"), max_length=40, blank=True)
    free_disk_bytes = models.BigIntegerField(_("dung lượng trống (byte)"), null=True, blank=True)
    last_sync_at = models.DateTimeField(_("đồng bộ lịch lần cuối"), null=True, blank=True)
    audio_status = models.CharField(_("thiết bị âm thanh"), max_length=120, blank=True)
    is_clock_trusted = models.BooleanField(_("đồng hồ tin cậy"), default=True)
    now_playing = models.CharField(_("đang phát"), max_length=200, blank=True)
    offline_notified_at = models.DateTimeField(null=True, blank=True)

    # Not a column: the cluster's commune, set (from the cache when it can) by
    # radio.services.players.player_for_token on the device it returns.
    _commune_id: int

    class Meta:
        verbose_name = _("máy phát")
        verbose_name_plural = _("máy phát")
        ordering = ["cluster", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.cluster})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class AsRunReport(BaseModel):
    """One item a player says it aired: kept as received (idempotent by the device's own id),
    and linked to the broadcast log it filled."""

    class Kind(models.TextChoices):
        PROGRAMME = "programme", _("Theo lịch")
        EMERGENCY = "emergency", _("Khẩn cấp")
        FALLBACK = "fallback", _("Lấp chỗ trống")

    device = models.ForeignKey(PlayerDevice, on_delete=models.CASCADE, related_name="reports")
    client_id = models.CharField(max_length=64)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    bulletin = models.ForeignKey(
        Bulletin, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    slot = models.ForeignKey(
        Slot, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    language = models.CharField(max_length=8, default=Language.VIETNAMESE)
    session_on = models.DateField(null=True, blank=True)
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField()
    seconds = models.PositiveIntegerField(default=0)
    file_sha256 = models.CharField(max_length=64, blank=True)
    is_interrupted = models.BooleanField(default=False)
    interruption = models.CharField(max_length=200, blank=True)
    is_clock_trusted = models.BooleanField(default=True)
    log = models.ForeignKey(
        BroadcastLog, null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )

    class Meta:
        verbose_name = _("báo cáo phát của máy phát")
        verbose_name_plural = _("báo cáo phát của máy phát")
        ordering = ["started_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["device", "client_id"], name="uniq_asrun_per_device")
        ]

    def __str__(self) -> str:
        return f"{self.device} {self.client_id}"


class PlayerAlert(BaseModel):
    """A notification already sent about a device (so the watch job sends each one once)."""

    device = models.ForeignKey(PlayerDevice, on_delete=models.CASCADE, related_name="alerts")
    key = models.CharField(max_length=80)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["device", "key"], name="uniq_player_alert")]


class AudioDigest(models.Model):
    """SHA-256 and size of a stored audio file, by storage name (names never get new content:
    a new audio file gets a new name), so the programme does not hash files on every request."""

    name = models.CharField(max_length=255, unique=True)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()

    def __str__(self) -> str:
        return self.name
