"""Plans. The foundation defines the parts other apps point at (Plan, PlanTheme,
PlanChannel); the plans issue grows the rest of the plan's structure here."""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from loalang.core.channels import Channel
from loalang.core.files import private_storage
from loalang.core.models import BaseModel


def _signed_pdf_path(instance: Plan, filename: str) -> str:
    return f"plans/{instance.commune_id}/{instance.pk}/signed/{filename}"


# An issued document always carries its number, date and signer (Decree 30/2020 boxes 3, 4,
# 7): no path — service, admin, import or a bug — may store one without them.
ISSUED_STATES = ["issued", "closed", "superseded"]
ISSUED_IS_COMPLETE = models.Q(status__in=ISSUED_STATES, _negated=True) | (
    ~models.Q(number="")
    & models.Q(issued_on__isnull=False)
    & ~models.Q(signer_title="")
    & ~models.Q(signer_name="")
)


class Plan(BaseModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        SUBMITTED = "submitted", _("Chờ duyệt")
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
    # --- the document's header (Decree 30/2020 boxes 1–5) ---
    parent_issuer = models.CharField(_("cơ quan chủ quản"), max_length=200, blank=True)
    issuer = models.CharField(
        _("cơ quan ban hành"),
        max_length=200,
        blank=True,
        help_text=_("Mỗi dòng một dòng in, ví dụ: ỦY BAN NHÂN DÂN / XÃ ÁI THƯỢNG"),
    )
    type_name = models.CharField(_("loại văn bản"), max_length=40, default="Kế hoạch")
    number = models.CharField(_("số"), max_length=10, blank=True)
    symbol = models.CharField(_("ký hiệu"), max_length=40, default="KH-UBND")
    place = models.CharField(_("địa danh"), max_length=120, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issued_year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    # --- body ---
    preamble = models.TextField(_("đoạn mở đầu"), blank=True)
    funding_text = models.TextField(_("kinh phí"), blank=True)
    closing = models.TextField(_("đoạn kết"), blank=True)
    # --- signature block (boxes 7a–7c) ---
    signer_authority = models.CharField(
        _("thẩm quyền ký"), max_length=80, blank=True, help_text=_("Ví dụ: TM. ỦY BAN NHÂN DÂN")
    )
    signer_deputy = models.CharField(
        _("ký thay"), max_length=80, blank=True, help_text=_("Ví dụ: KT. CHỦ TỊCH")
    )
    signer_title = models.CharField(_("chức vụ người ký"), max_length=80, blank=True)
    signer_name = models.CharField(_("họ tên người ký"), max_length=120, blank=True)
    # The signed (often digitally signed) PDF from the committee's register: once issued it
    # is the legal document, shown and downloaded instead of Loa Làng's rendering.
    signed_pdf = models.FileField(
        _("bản PDF đã ký"),
        upload_to=_signed_pdf_path,
        max_length=255,
        blank=True,
        storage=private_storage,
    )
    # --- lifecycle ---
    version = models.PositiveSmallIntegerField(_("phiên bản"), default=1)
    supersedes = models.ForeignKey(
        "self",
        verbose_name=_("thay thế kế hoạch"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
    )
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    issued_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(_("ý kiến khi duyệt"), blank=True)

    class Meta:
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        ordering = ["-year", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "symbol", "issued_year", "number"],
                condition=~models.Q(number=""),
                name="uniq_plan_number_per_commune_symbol_year",
            ),
            models.CheckConstraint(
                condition=ISSUED_IS_COMPLETE,
                name="plan_issued_has_number_date_signer",
                violation_error_message=_(
                    "Văn bản đã ban hành phải có số, ngày ban hành và người ký."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors = {}
        if self.number and not re.fullmatch(r"\d{1,6}", self.number):
            errors["number"] = _("Số văn bản chỉ gồm chữ số, ví dụ: 07.")
        if self.symbol and not SYMBOL_RE.fullmatch(self.symbol):
            errors["symbol"] = _(
                "Ký hiệu viết hoa, các nhóm nối bằng dấu gạch ngang, không có khoảng trắng, "
                "ví dụ: KH-UBND."
            )
        if self.issued_on and self.year and abs(self.issued_on.year - self.year) > 1:
            errors["issued_on"] = _("Ngày ban hành không khớp với năm của kế hoạch.")
        if self.year and not 1945 <= self.year <= 2100:
            errors["year"] = _("Năm không hợp lệ.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_editable(self) -> bool:
        return self.status in {self.Status.DRAFT, self.Status.SUBMITTED}

    @property
    def number_symbol(self) -> str:
        if not self.number:
            return ""
        number = f"{int(self.number):02d}" if self.number.isdigit() else self.number
        return f"{number}/{self.symbol}"

    @property
    def issuer_lines(self) -> list[str]:
        return [line.strip() for line in self.issuer.splitlines() if line.strip()]


# Upper-case groups joined by "-" (KH-UBND, BC-VHXH, KH-BCĐ); Vietnamese capitals allowed.
# Symbols are mostly capitals, but not all: 'QĐ-TTg', 'TTr-STTTT', 'CTr/TU'.
SYMBOL_RE = re.compile(r"[A-Za-zĐđ0-9À-Ỹà-ỹ]+(?:[-/][A-Za-zĐđ0-9À-Ỹà-ỹ]+)*")
# Decrees and circulars carry their year: '49/2024/NĐ-CP' is number '49/2024'.
CITED_NUMBER_RE = re.compile(r"\d{1,6}(?:/(?:19|20)\d{2})?")


class LegalDocument(BaseModel):
    """A document a plan cites ('Thực hiện Kế hoạch số 65/KH-UBND ngày 30/3/2022 của UBND
    huyện Bá Thước về …'). Kept once and reused by every plan that cites it."""

    class DateStyle(models.TextChoices):
        PADDED = "padded", _("05/01/2023")
        SHORT = "short", _("5/1/2023")

    commune = models.ForeignKey(
        "places.Commune", on_delete=models.CASCADE, related_name="legal_documents"
    )
    doc_type = models.CharField(
        _("loại văn bản"),
        max_length=200,
        blank=True,
        help_text=_("Ví dụ: Kế hoạch, Nghị quyết; luật ghi cả tên: Luật Giao dịch điện tử"),
    )
    number = models.CharField(_("số"), max_length=10, blank=True)
    symbol = models.CharField(_("ký hiệu"), max_length=40, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    date_style = models.CharField(
        _("cách viết ngày"), max_length=8, choices=DateStyle.choices, default=DateStyle.PADDED
    )
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200, blank=True)
    summary = models.TextField(_("trích yếu"), blank=True)

    class Meta:
        verbose_name = _("văn bản căn cứ")
        verbose_name_plural = _("văn bản căn cứ")
        ordering = ["-issued_on", "doc_type"]

    def __str__(self) -> str:
        return self.citation

    def clean(self) -> None:
        errors = {}
        if self.number and not CITED_NUMBER_RE.fullmatch(self.number):
            errors["number"] = _("Số văn bản chỉ gồm chữ số, ví dụ: 65 (hoặc 49/2024).")
        if self.symbol and not SYMBOL_RE.fullmatch(self.symbol):
            errors["symbol"] = _("Ký hiệu không đúng dạng, ví dụ: KH-UBND hoặc NQ/TU.")
        if errors:
            raise ValidationError(errors)

    @property
    def reference(self) -> str:
        """'65/KH-UBND'; Party documents join with a dash ('06-NQ/TU')."""
        if not self.number:
            return self.symbol
        joiner = "-" if "/" in self.symbol else "/"
        return f"{self.number}{joiner}{self.symbol}" if self.symbol else self.number

    @property
    def date_text(self) -> str:
        d = self.issued_on
        if d is None:
            return ""
        if self.date_style == self.DateStyle.SHORT:
            return f"{d.day}/{d.month}/{d.year}"
        return f"{d.day:02d}/{d.month:02d}/{d.year}"

    @property
    def citation(self) -> str:
        parts = [self.doc_type] if self.doc_type else []
        if self.reference:
            parts.append(f"số {self.reference}")
        if self.date_text:
            parts.append(f"ngày {self.date_text}")
        if self.issuer:
            parts.append(f"của {self.issuer}")
        if self.summary:
            parts.append(self.summary)
        return " ".join(parts)


class PlanLegalBasis(BaseModel):
    class Verb(models.TextChoices):
        PURSUANT = "Căn cứ", _("Căn cứ")
        IMPLEMENTING = "Thực hiện", _("Thực hiện")
        DEPLOYING = "Triển khai", _("Triển khai")
        PROPOSED = "Theo đề nghị", _("Theo đề nghị")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="legal_bases")
    document = models.ForeignKey(
        LegalDocument, verbose_name=_("văn bản"), on_delete=models.PROTECT, related_name="+"
    )
    verb = models.CharField(_("mở đầu"), max_length=20, choices=Verb.choices, default=Verb.PURSUANT)
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("căn cứ")
        verbose_name_plural = _("căn cứ")
        ordering = ["plan", "sort_order", "id"]

    def __str__(self) -> str:
        return f"{self.verb} {self.document.citation}"


class PlanPoint(BaseModel):
    """One bullet under 'I. Mục đích, yêu cầu'."""

    class Kind(models.TextChoices):
        PURPOSE = "purpose", _("Mục đích")
        REQUIREMENT = "requirement", _("Yêu cầu")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="points")
    kind = models.CharField(_("loại"), max_length=12, choices=Kind.choices)
    text = models.TextField(_("nội dung"))
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("mục đích, yêu cầu")
        verbose_name_plural = _("mục đích, yêu cầu")
        ordering = ["plan", "kind", "sort_order", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class PlanRecipient(BaseModel):
    """A 'Nơi nhận' line: recipient and why it receives the plan ('để b/c', 'để t/h')."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="recipients")
    name = models.CharField(_("nơi nhận"), max_length=200)
    purpose = models.CharField(
        _("mục đích gửi"), max_length=40, blank=True, help_text=_("Ví dụ: để b/c; để t/h")
    )
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("nơi nhận")
        verbose_name_plural = _("nơi nhận")
        ordering = ["plan", "sort_order", "id"]

    def __str__(self) -> str:
        return self.line

    @property
    def line(self) -> str:
        return f"{self.name} ({self.purpose})" if self.purpose else self.name


class PlanRevision(models.Model):
    """A saved state of a plan's whole text, taken after every change, for history and diff."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_name = models.CharField(max_length=150, blank=True)
    verb = models.CharField(max_length=60)
    data = models.JSONField()

    class Meta:
        ordering = ["plan", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="uniq_plan_revision_number")
        ]

    def __str__(self) -> str:
        return f"{self.plan_id} r{self.number}"


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
    also_channels = models.JSONField(
        _("kênh khác trong cùng đoạn"),
        default=list,
        blank=True,
        help_text=_("Mã kênh khác mà đoạn văn này cũng nêu (ví dụ: cổ động trực quan)."),
    )
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    def clean(self) -> None:
        valid = set(Channel.values)
        bad = [c for c in self.also_channels or [] if c not in valid]
        if bad:
            raise ValidationError({"also_channels": _("Mã kênh không hợp lệ: %s") % ", ".join(bad)})

    @property
    def codes(self) -> list[str]:
        return [self.channel, *[c for c in self.also_channels or [] if c != self.channel]]

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

    def clean(self) -> None:
        """A target with a village is that one village's own target; "per village" means
        every village has to reach the value (activities.coverage measures it so), so the
        two do not go together. Only a village of the plan's own commune is accepted."""
        from loalang.places.models import Village

        if not self.village_id:
            return
        errors = {}
        villages = Village.objects.filter(pk=self.village_id)
        if not self.plan_id or not villages.filter(commune_id=self.plan.commune_id).exists():
            errors["village"] = _("Thôn được chọn không thuộc xã của kế hoạch này.")
        elif self.per_village:
            errors["per_village"] = _(
                "Chỉ tiêu đã chọn một thôn là chỉ tiêu riêng của thôn đó: bỏ chọn "
                "“Áp dụng cho từng thôn” (mục đó dành cho chỉ tiêu mà thôn nào cũng phải đạt)."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def village_label(self) -> str:
        """The village a village's own target is for ("Bản Khằm"), shown next to it."""
        return str(self.village) if self.village_id else ""


from loalang.plans.import_models import PlanImportDraft  # noqa: E402,F401 - registered with the app
