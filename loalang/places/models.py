from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from loalang.core.models import BaseModel


class Province(BaseModel):
    name = models.CharField(_("tên"), max_length=120)
    slug = models.SlugField(_("mã đường dẫn"), unique=True)
    code = models.CharField(_("mã đơn vị hành chính"), max_length=10, blank=True)
    domain = models.CharField(
        _("tên miền của tỉnh"),
        max_length=120,
        blank=True,
        help_text=_("Ví dụ: thanhhoa.gov.vn — cổng của xã sẽ là <xã>.thanhhoa.gov.vn"),
    )

    class Meta:
        verbose_name = _("tỉnh, thành phố")
        verbose_name_plural = _("tỉnh, thành phố")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class District(BaseModel):
    """A district (huyện). Abolished on 01/07/2025; kept only to render older documents."""

    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="districts")
    name = models.CharField(_("tên"), max_length=120, help_text=_("Ví dụ: huyện Bá Thước"))
    abolished_on = models.DateField(_("ngày chấm dứt hoạt động"), null=True, blank=True)

    class Meta:
        verbose_name = _("huyện (lịch sử)")
        verbose_name_plural = _("huyện (lịch sử)")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["province", "name"], name="uniq_district_per_province")
        ]

    def __str__(self) -> str:
        return self.name


class Commune(BaseModel):
    class Kind(models.TextChoices):
        COMMUNE = "xa", _("xã")
        WARD = "phuong", _("phường")
        SPECIAL_ZONE = "dac_khu", _("đặc khu")
        TOWNSHIP = "thi_tran", _("thị trấn")

    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="communes")
    district = models.ForeignKey(
        District,
        verbose_name=_("huyện (trước 01/07/2025)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="communes",
    )
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices, default=Kind.COMMUNE)
    name = models.CharField(_("tên"), max_length=120, help_text=_("Không kèm chữ 'xã'"))
    slug = models.SlugField(_("mã đường dẫn"), unique=True)
    code = models.CharField(_("mã đơn vị hành chính"), max_length=10, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=40, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    website = models.URLField(_("trang thông tin điện tử"), blank=True)
    numbers_from_register = models.BooleanField(
        _("lấy số văn bản từ sổ đăng ký của Ủy ban"),
        default=False,
        help_text=_(
            "Chọn khi văn thư cấp số văn bản trong sổ đăng ký của Ủy ban (thường là hệ thống "
            "quản lý văn bản của tỉnh): khi ban hành phải nhập số, ngày và tệp PDF đã ký. "
            "Bỏ chọn: Loa Làng tự cấp số tiếp theo."
        ),
    )
    # A deactivated commune keeps its records; its staff pages stay readable to the province.
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    # Set by a merge inside Loa Làng (places.merge): the old portal addresses redirect here.
    successor = models.ForeignKey(
        "self",
        verbose_name=_("đã sáp nhập vào"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
    )

    class Meta:
        verbose_name = _("xã, phường")
        verbose_name_plural = _("xã, phường")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        """'xã Ái Thượng' ('Ái Thượng commune' in English: one language per sentence)."""
        return pgettext("kind, name of a commune", "%(kind)s %(name)s") % {
            "kind": self.get_kind_display(),
            "name": self.name,
        }

    @property
    def committee_name(self) -> str:
        """'Ủy ban nhân dân xã Ái Thượng' as the issuing body of its documents."""
        return pgettext("issuing body", "Ủy ban nhân dân %(commune)s") % {"commune": self.full_name}

    def get_absolute_url(self) -> str:
        return reverse("home:commune_home", kwargs={"commune_slug": self.slug})


# First path segments the site uses itself: a commune with one of these slugs would have its
# public portal (/<slug>/) hidden behind the site's own pages. Held against config/urls.py by
# places/tests/test_slugs.py.
RESERVED_SLUGS = frozenset(
    {
        "admin",
        "api",
        "app",
        "healthz",
        "i18n",
        "media",
        "quan-tri-tinh",
        "static",
        "tai-khoan",
        "tinh",
    }
)
SLUG_BASE_CHARS = 40  # Commune.slug holds 50: room for "-<province>" or "-<code>"


class CommuneMerger(BaseModel):
    """A former commune merged into this one (the 2025 reorganisation, or earlier).

    Former → new is many-to-many: a former commune split between several new ones has one
    row per new commune, each with `is_partial` set (ADR 0120).
    """

    commune = models.ForeignKey(
        Commune, verbose_name=_("đơn vị mới"), on_delete=models.CASCADE, related_name="mergers"
    )
    former_name = models.CharField(_("tên đơn vị cũ"), max_length=150)
    former_code = models.CharField(_("mã đơn vị cũ"), max_length=10, blank=True)
    former_district = models.ForeignKey(
        District, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    former_commune = models.ForeignKey(
        Commune,
        verbose_name=_("bản ghi đơn vị cũ (nếu có)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_into",
    )
    effective_on = models.DateField(_("ngày có hiệu lực"))
    legal_basis = models.CharField(_("căn cứ"), max_length=255, blank=True)
    is_partial = models.BooleanField(
        _("chỉ một phần"),
        default=False,
        help_text=_(
            "Chọn khi chỉ một phần đơn vị cũ nhập vào đơn vị này (phần còn lại ở đơn vị khác)."
        ),
    )
    is_official = models.BooleanField(
        _("theo danh mục chính thức"),
        default=False,
        help_text=_("Nạp từ bảng chuyển đổi đơn vị hành chính chính thức, không nhập tay."),
    )

    class Meta:
        verbose_name = _("đơn vị đã sáp nhập")
        verbose_name_plural = _("đơn vị đã sáp nhập")
        ordering = ["effective_on", "former_name"]
        constraints = [
            # A code absorbed once on a date: the statistics office reused the codes of
            # pre-2025 units for new ones, so one commune may hold the same code twice (xã Cẩm
            # Giang 15148 in 2025, then today's xã Cẩm Tú 15148 merged later).
            models.UniqueConstraint(
                fields=["commune", "former_code", "effective_on"],
                condition=~models.Q(former_code=""),
                name="uniq_merger_former_code_date",
            )
        ]

    def __str__(self) -> str:
        return f"{self.former_name} → {self.commune} ({self.effective_on:%d/%m/%Y})"


class Village(BaseModel):
    class Kind(models.TextChoices):
        THON = "thon", _("thôn")
        BAN = "ban", _("bản")
        TO_DAN_PHO = "to_dan_pho", _("tổ dân phố")
        KHU_PHO = "khu_pho", _("khu phố")
        AP = "ap", _("ấp")

    commune = models.ForeignKey(Commune, on_delete=models.CASCADE, related_name="villages")
    kind = models.CharField(_("loại"), max_length=12, choices=Kind.choices, default=Kind.THON)
    name = models.CharField(_("tên"), max_length=120)
    households = models.PositiveIntegerField(_("số hộ"), null=True, blank=True)
    population = models.PositiveIntegerField(_("số nhân khẩu"), null=True, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("thôn, bản, tổ dân phố")
        verbose_name_plural = _("thôn, bản, tổ dân phố")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "name"], name="uniq_village_per_commune")
        ]

    def __str__(self) -> str:
        return village_label(self.get_kind_display(), self.name)


_KIND_WORDS = ("thôn", "bản", "tổ dân phố", "khu phố", "ấp", "làng", "xóm", "buôn", "khu", "tổ")


def village_label(kind_display: str, name: str) -> str:
    """'Thôn Đông Tâm' from the kind and the name; imported names often carry their kind already
    ("Thôn Đông Tâm"), so never "Thôn Thôn …"."""
    if village_name_has_kind(name):
        return name
    return f"{str(kind_display).capitalize()} {name}"


def village_name_has_kind(name: str) -> bool:
    """True when a village's name starts with a kind word ('Thôn Đông Tâm', 'bản Pác Nặm')."""
    lowered = name.strip().lower()
    return any(lowered.startswith(word + " ") for word in _KIND_WORDS)
