"""Indicator sets (data, versioned) and reports upward (BC).

An indicator is either computed by a rule from the registry in `reports.rules` (its
parameters stored on the indicator) or entered by hand on each report. A report keeps a
snapshot of every value it showed when it was issued, plus the files it was issued as.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from loalang.core.files import private_storage
from loalang.core.models import BaseModel


class IndicatorSet(BaseModel):
    """A versioned list of indicators. A new version is a copy; reports keep the old one.

    `province` empty: the system-wide set. A province set with no communes applies to every
    commune of the province; with communes, only to those (see selectors.indicator_set_for).
    """

    code = models.SlugField(_("mã bộ chỉ tiêu"), max_length=60)
    version = models.PositiveSmallIntegerField(_("phiên bản"), default=1)
    name = models.CharField(_("tên bộ chỉ tiêu"), max_length=200)
    province = models.ForeignKey(
        "places.Province",
        verbose_name=_("tỉnh ban hành"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="indicator_sets",
    )
    communes = models.ManyToManyField(
        "places.Commune",
        verbose_name=_("áp dụng cho các xã"),
        blank=True,
        related_name="indicator_sets",
        help_text=_("Để trống: áp dụng cho mọi xã của tỉnh."),
    )
    is_active = models.BooleanField(_("đang áp dụng"), default=True)
    recipients = models.TextField(
        _("cơ quan nhận báo cáo"),
        blank=True,
        help_text=_(
            "Mỗi dòng một cơ quan (Kính gửi); {tinh} được thay bằng tên tỉnh. Ví dụ: "
            "Sở Khoa học và Công nghệ tỉnh {tinh}."
        ),
    )
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("bộ chỉ tiêu báo cáo")
        verbose_name_plural = _("bộ chỉ tiêu báo cáo")
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="uniq_indicator_set_version")
        ]

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"


class Indicator(BaseModel):
    indicator_set = models.ForeignKey(
        IndicatorSet, on_delete=models.CASCADE, related_name="indicators"
    )
    code = models.CharField(_("mã"), max_length=20)
    group = models.CharField(_("nhóm"), max_length=120)
    name = models.CharField(_("tên chỉ tiêu"), max_length=300)
    unit = models.CharField(_("đơn vị tính"), max_length=40)
    rule = models.CharField(
        _("quy tắc tính"),
        max_length=40,
        blank=True,
        help_text=_("Để trống: nhập tay trên từng báo cáo."),
    )
    params = models.JSONField(_("tham số"), default=dict, blank=True)
    is_key = models.BooleanField(
        _("chỉ tiêu chính"),
        default=False,
        help_text=_("Hiển thị theo từng thôn và từng nội dung tuyên truyền."),
    )
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    target_value = models.DecimalField(
        _("chỉ tiêu giao"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Mức tỉnh giao cho kỳ báo cáo; để trống nếu không chấm điểm."),
    )
    max_points = models.DecimalField(
        _("điểm tối đa"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Điểm = đạt được / chỉ tiêu giao × điểm tối đa (không vượt điểm tối đa)."),
    )

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["indicator_set", "sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["indicator_set", "code"], name="uniq_indicator_code")
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"

    @property
    def is_manual(self) -> bool:
        return not self.rule

    def clean(self) -> None:
        from loalang.reports.rules import RuleError, validate_rule

        if not self.rule:
            return
        try:
            validate_rule(self.rule, self.params or {})
        except RuleError as exc:
            raise ValidationError({"rule": str(exc)}) from exc


def _report_file_path(instance: Report, filename: str) -> str:
    return f"reports/{instance.commune_id}/{instance.pk}/{filename}"


class Report(BaseModel):
    class Kind(models.TextChoices):
        PERIODIC = "periodic", _("Định kỳ")
        AD_HOC = "ad_hoc", _("Đột xuất, theo yêu cầu")

    class Period(models.TextChoices):
        MONTH = "month", _("Tháng")
        QUARTER = "quarter", _("Quý")
        HALF = "half", _("Sáu tháng")
        YEAR = "year", _("Năm")
        CUSTOM = "custom", _("Tùy chọn")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        SUBMITTED = "submitted", _("Chờ Chủ tịch duyệt")
        ISSUED = "issued", _("Đã duyệt, ban hành")

    commune = models.ForeignKey("places.Commune", on_delete=models.PROTECT, related_name="reports")
    indicator_set = models.ForeignKey(
        IndicatorSet,
        verbose_name=_("bộ chỉ tiêu"),
        on_delete=models.PROTECT,
        related_name="reports",
    )
    kind = models.CharField(_("loại báo cáo"), max_length=10, choices=Kind.choices)
    period = models.CharField(_("kỳ báo cáo"), max_length=10, choices=Period.choices)
    date_from = models.DateField(_("từ ngày"))
    date_to = models.DateField(_("đến ngày"))
    title = models.CharField(
        _("trích yếu"),
        max_length=300,
        help_text=_("Ví dụ: Kết quả công tác truyền thông chuyển đổi số năm 2023"),
    )
    request_reference = models.CharField(
        _("văn bản yêu cầu báo cáo"),
        max_length=300,
        blank=True,
        help_text=_("Báo cáo đột xuất: số, ngày và cơ quan ban hành văn bản yêu cầu."),
    )
    recipients = models.TextField(_("kính gửi"), help_text=_("Mỗi dòng một cơ quan nhận báo cáo."))
    distribution = models.TextField(
        _("nơi nhận khác"),
        blank=True,
        help_text=_("Mỗi dòng một nơi nhận; '- Như trên;' và dòng Lưu được thêm tự động."),
    )
    results_text = models.TextField(_("I. Kết quả đạt được"), blank=True)
    shortcomings_text = models.TextField(_("II. Tồn tại, hạn chế và nguyên nhân"), blank=True)
    next_tasks_text = models.TextField(_("III. Nhiệm vụ trọng tâm kỳ tới"), blank=True)
    proposals_text = models.TextField(_("IV. Đề xuất, kiến nghị"), blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    symbol = models.CharField(_("ký hiệu"), max_length=30, default="BC-UBND")
    number = models.PositiveIntegerField(_("số"), null=True, blank=True, editable=False)
    number_year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True, editable=False)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signer_authority = models.CharField(
        _("thẩm quyền ký"), max_length=80, blank=True, help_text=_("Ví dụ: TM. ỦY BAN NHÂN DÂN")
    )
    signer_deputy = models.CharField(
        _("ký thay"), max_length=80, blank=True, help_text=_("Ví dụ: KT. CHỦ TỊCH")
    )
    signer_title = models.CharField(
        _("chức vụ người ký"), max_length=120, blank=True, help_text=_("Ví dụ: CHỦ TỊCH")
    )
    signer_name = models.CharField(_("người ký"), max_length=150, blank=True)
    signed_pdf = models.FileField(
        _("bản PDF đã ký"),
        upload_to=_report_file_path,
        max_length=255,
        blank=True,
        storage=private_storage,
    )
    snapshot = models.JSONField(null=True, blank=True, editable=False)
    docx_file = models.FileField(
        upload_to=_report_file_path, max_length=255, blank=True, storage=private_storage
    )
    pdf_file = models.FileField(
        upload_to=_report_file_path, max_length=255, blank=True, storage=private_storage
    )
    xlsx_file = models.FileField(
        upload_to=_report_file_path, max_length=255, blank=True, storage=private_storage
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The Chair's comment when a submitted report is sent back; cleared when it is submitted
    # again. Its author sees it on the report and on the home page until then.
    review_note = models.TextField(_("ý kiến khi trả lại"), blank=True)

    class Meta:
        verbose_name = _("báo cáo")
        verbose_name_plural = _("báo cáo")
        ordering = ["-date_to", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "symbol", "number_year", "number"],
                condition=models.Q(number__isnull=False),
                name="uniq_report_number",
            ),
            models.CheckConstraint(
                condition=models.Q(date_from__lte=models.F("date_to")),
                name="report_period_ordered",
            ),
            # An issued report always carries its number, date and signer (Decree 30/2020).
            models.CheckConstraint(
                condition=~models.Q(status="issued")
                | (
                    models.Q(number__isnull=False, issued_on__isnull=False)
                    & ~models.Q(signer_title="")
                    & ~models.Q(signer_name="")
                ),
                name="report_issued_has_number_date_signer",
                violation_error_message=_(
                    "Văn bản đã ban hành phải có số, ngày ban hành và người ký."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number_label or _('Dự thảo')} — {self.title}"

    @property
    def number_label(self) -> str:
        if self.number is None:
            return ""
        return f"{self.number:02d}/{self.symbol}"

    @property
    def is_issued(self) -> bool:
        return self.status == self.Status.ISSUED

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def recipient_list(self) -> list[str]:
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]

    @property
    def distribution_list(self) -> list[str]:
        return [
            line.strip().lstrip("-").strip()
            for line in self.distribution.splitlines()
            if line.strip()
        ]

    def clean(self) -> None:
        errors = {}
        if self.date_from and self.date_to and self.date_from > self.date_to:
            errors["date_to"] = _("Ngày kết thúc phải sau ngày bắt đầu.")
        if self.kind == self.Kind.AD_HOC and not self.request_reference.strip():
            errors["request_reference"] = _(
                "Báo cáo đột xuất cần ghi văn bản yêu cầu (số, ngày, cơ quan)."
            )
        if (
            self.date_to
            and self.date_from
            and (self.date_to - self.date_from) > dt.timedelta(days=3 * 366)
        ):
            errors["date_to"] = _("Kỳ báo cáo không được dài quá 3 năm.")
        if not self.recipient_list:
            errors["recipients"] = _("Cần ít nhất một cơ quan nhận báo cáo (Kính gửi).")
        if errors:
            raise ValidationError(errors)


class ManualValue(BaseModel):
    """A value typed in for a manual indicator. No row (or an empty value) means no data."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="manual_values")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    period_value = models.DecimalField(
        _("trong kỳ"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    cumulative_value = models.DecimalField(
        _("lũy kế"), max_digits=14, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = _("số liệu nhập tay")
        verbose_name_plural = _("số liệu nhập tay")
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="uniq_manual_value")
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code}: {self.period_value}"


class ReportFact(models.Model):
    """Verified activity numbers summed per commune × month (ADR 0075): derived data.

    One row per source table (`reports.rules.Source.key`), breakdown (`dim`: commune, village
    or theme, with the village or theme id; None = none given) and combination of the
    source's key columns (`k1`–`k3`, as text; "" = empty). `n` counts rows, `s1`–`s6` sum the
    source's value columns (NULL when every summed value was unknown). Rebuilt by
    `reports.facts` in the same transaction as the activity change; never edited by hand.
    """

    commune = models.ForeignKey("places.Commune", on_delete=models.CASCADE, related_name="+")
    ym = models.PositiveIntegerField()  # year × 100 + month
    source = models.CharField(max_length=20)
    dim = models.CharField(max_length=1)  # c (commune) / v (village) / t (theme)
    dim_id = models.BigIntegerField(null=True)
    k1 = models.CharField(max_length=40, default="")
    k2 = models.CharField(max_length=40, default="")
    k3 = models.CharField(max_length=40, default="")
    n = models.PositiveIntegerField()
    s1 = models.BigIntegerField(null=True)
    s2 = models.BigIntegerField(null=True)
    s3 = models.BigIntegerField(null=True)
    s4 = models.BigIntegerField(null=True)
    s5 = models.BigIntegerField(null=True)
    s6 = models.BigIntegerField(null=True)

    class Meta:
        indexes = [
            models.Index(fields=["source", "dim", "commune", "ym"], name="reportfact_lookup"),
            models.Index(fields=["commune", "ym"], name="reportfact_commune_month"),
        ]

    def __str__(self) -> str:
        return f"{self.commune_id} {self.ym} {self.source}/{self.dim}: {self.n}"


class ReportFactMonth(models.Model):
    """A commune-month whose facts are built (and kept current). A month without a row is
    computed from the live tables, so a missing or half-built summary never shows wrong
    numbers, only slower ones."""

    commune = models.ForeignKey("places.Commune", on_delete=models.CASCADE, related_name="+")
    ym = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["commune", "ym"], name="reportfactmonth_unique")
        ]

    def __str__(self) -> str:
        return f"{self.commune_id} {self.ym}"
