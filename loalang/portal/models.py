"""The public side of a commune: articles, published documents, public events, citizen questions.

Every model keeps a `search_text` column holding the accent-folded text (core.text.fold) so that
a search without accents works the same on SQLite and PostgreSQL (ADR 0040).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from loalang.core.files import private_storage
from loalang.core.models import BaseModel


class Article(BaseModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Bản nháp")
        REVIEW = "review", _("Chờ duyệt")
        PUBLISHED = "published", _("Đã đăng")
        ARCHIVED = "archived", _("Lưu trữ")

    commune = models.ForeignKey(
        "places.Commune", on_delete=models.CASCADE, related_name="portal_articles"
    )
    title = models.CharField(_("tiêu đề"), max_length=250)
    slug = models.SlugField(_("đường dẫn"), max_length=120, allow_unicode=False)
    summary = models.TextField(_("tóm tắt"), max_length=600, blank=True)
    body = models.TextField(
        _("nội dung"), blank=True, help_text=_("Đã lọc theo danh sách thẻ cho phép.")
    )
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    themes = models.ManyToManyField(
        "plans.PlanTheme", verbose_name=_("nội dung tuyên truyền"), blank=True, related_name="+"
    )
    cover = models.ForeignKey(
        "portal.ArticleImage",
        verbose_name=_("ảnh đại diện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_featured = models.BooleanField(
        _("mô hình điểm nổi bật"), default=False, help_text=_("Hiện trong mục mô hình điểm.")
    )
    publish_at = models.DateTimeField(_("hẹn giờ đăng"), null=True, blank=True)
    expire_at = models.DateTimeField(_("hết hạn lúc"), null=True, blank=True)
    published_at = models.DateTimeField(_("đăng lúc"), null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    search_text = models.TextField(editable=False, blank=True)
    # The folded title alone: a search word found in the title ranks the article higher.
    search_title = models.CharField(max_length=300, editable=False, blank=True)
    revision_count = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("tin, bài")
        verbose_name_plural = _("tin, bài")
        ordering = ["-published_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "slug"], name="uniq_article_slug_per_commune"
            )
        ]
        indexes = [
            models.Index(fields=["commune", "status", "-published_at"], name="article_public"),
            models.Index(fields=["status", "publish_at"], name="article_scheduled"),
            models.Index(
                fields=["commune", "status", "is_featured", "-published_at"],
                name="article_featured",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "portal:article", kwargs={"commune_slug": self.commune.slug, "slug": self.slug}
        )

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED


class ArticleRevision(models.Model):
    """What an article said at each save: kept for editors, never shown to the public."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=250)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    status = models.CharField(max_length=12)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="uniq_revision_number")
        ]

    def __str__(self) -> str:
        return f"{self.article_id} r{self.number}"


class ArticleImage(BaseModel):
    """An uploaded picture and its renditions (widths in RENDITION_WIDTHS, JPEG/PNG)."""

    commune = models.ForeignKey(
        "places.Commune", on_delete=models.CASCADE, related_name="portal_images"
    )
    original = models.FileField(_("ảnh gốc"), upload_to="portal/img/", storage=private_storage)
    has_location = models.BooleanField(
        _("giữ thông tin vị trí"),
        default=False,
        help_text=_("Người tải lên chủ động giữ toạ độ GPS trong ảnh gốc."),
    )
    alt_text = models.CharField(
        _("mô tả ảnh"), max_length=250, help_text=_("Bắt buộc: người khiếm thị nghe mô tả này.")
    )
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    renditions = models.JSONField(default=dict, blank=True)  # {"320": "portal/img/…-320.jpg"}

    class Meta:
        verbose_name = _("ảnh")
        verbose_name_plural = _("ảnh")

    def __str__(self) -> str:
        return self.alt_text

    def rendition_url(self, width: int) -> str:
        from loalang.core.files import public_storage

        # Only renditions are public; the original lives in private storage, never linked.
        name = self.renditions.get(str(width))
        return public_storage().url(name) if name else ""


class PublishedDocument(BaseModel):
    """A document the commune must publish (Decree 42/2022): type, number, date, issuer, PDF."""

    class DocType(models.TextChoices):
        PLAN = "ke_hoach", _("Kế hoạch")
        DECISION = "quyet_dinh", _("Quyết định")
        REPORT = "bao_cao", _("Báo cáo")
        NOTICE = "thong_bao", _("Thông báo")
        DIRECTIVE = "chi_thi", _("Chỉ thị")
        OFFICIAL_LETTER = "cong_van", _("Công văn")
        OTHER = "khac", _("Văn bản khác")

    commune = models.ForeignKey(
        "places.Commune", on_delete=models.CASCADE, related_name="published_documents"
    )
    doc_type = models.CharField(_("loại văn bản"), max_length=20, choices=DocType.choices)
    number = models.CharField(_("số, ký hiệu"), max_length=60)
    issued_on = models.DateField(_("ngày ban hành"))
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200)
    title = models.CharField(_("trích yếu"), max_length=400)
    summary = models.TextField(_("tóm tắt"), blank=True)
    pdf = models.FileField(_("tệp PDF"), upload_to="portal/docs/", storage=private_storage)
    filename = models.CharField(_("tên tệp"), max_length=200)
    published_at = models.DateTimeField(_("đăng lúc"), auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source_type = models.CharField(max_length=80, blank=True)
    source_id = models.CharField(max_length=40, blank=True)
    is_withdrawn = models.BooleanField(_("đã gỡ"), default=False)
    search_text = models.TextField(editable=False, blank=True)

    class Meta:
        verbose_name = _("văn bản công bố")
        verbose_name_plural = _("văn bản công bố")
        ordering = ["-issued_on", "-id"]
        indexes = [models.Index(fields=["commune", "-issued_on"], name="pubdoc_commune_issued")]

    def __str__(self) -> str:
        return f"{self.get_doc_type_display()} {self.number}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("portal:document", kwargs={"commune_slug": self.commune.slug, "pk": self.pk})


class PublicEvent(BaseModel):
    """An event on the public calendar (and in the ICS feed), in Vietnam time."""

    commune = models.ForeignKey(
        "places.Commune", on_delete=models.CASCADE, related_name="public_events"
    )
    title = models.CharField(_("tên sự kiện"), max_length=250)
    starts_at = models.DateTimeField(_("bắt đầu"))
    ends_at = models.DateTimeField(_("kết thúc"), null=True, blank=True)
    place = models.CharField(_("địa điểm"), max_length=250, blank=True)
    description = models.TextField(_("mô tả"), blank=True)
    themes = models.ManyToManyField(
        "plans.PlanTheme", verbose_name=_("nội dung tuyên truyền"), blank=True, related_name="+"
    )
    activity = models.ForeignKey(
        "activities.Activity",
        verbose_name=_("hoạt động"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_cancelled = models.BooleanField(_("đã huỷ"), default=False)

    class Meta:
        verbose_name = _("sự kiện công khai")
        verbose_name_plural = _("sự kiện công khai")
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["commune", "starts_at"], name="pubevent_commune_start")]

    def __str__(self) -> str:
        return self.title


class Question(BaseModel):
    """A citizen's question or feedback (Decree 49/2024), and the commune's answer."""

    class Category(models.TextChoices):
        DIGITAL_SERVICE = "dich_vu_cong", _("Dịch vụ công trực tuyến")
        ID_APP = "vneid", _("Định danh điện tử, VNeID")
        PAYMENT = "thanh_toan", _("Thanh toán không dùng tiền mặt")
        COMMERCE = "tmdt", _("Thương mại điện tử, bán hàng trên mạng")
        SAFETY = "an_toan", _("An toàn thông tin, lừa đảo trên mạng")
        OTHER = "khac", _("Câu hỏi, góp ý khác")

    class Status(models.TextChoices):
        NEW = "new", _("Mới")
        ASSIGNED = "assigned", _("Đã giao")
        ANSWERED = "answered", _("Đã trả lời")
        PUBLISHED = "published", _("Đã công khai")
        DECLINED = "declined", _("Không trả lời")

    commune = models.ForeignKey(
        "places.Commune", on_delete=models.CASCADE, related_name="portal_questions"
    )
    category = models.CharField(_("lĩnh vực"), max_length=20, choices=Category.choices)
    subject = models.CharField(_("tiêu đề"), max_length=200)
    body = models.TextField(_("nội dung câu hỏi"), max_length=4000)
    name = models.CharField(_("họ và tên"), max_length=120, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    has_consent = models.BooleanField(_("đồng ý cho liên hệ"), default=False)
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=Status.choices, default=Status.NEW
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người trả lời"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answer = models.TextField(_("trả lời"), blank=True, max_length=8000)
    answered_at = models.DateTimeField(_("trả lời lúc"), null=True, blank=True)
    published_at = models.DateTimeField(_("công khai lúc"), null=True, blank=True)
    decline_reason = models.CharField(_("lý do"), max_length=300, blank=True)
    search_text = models.TextField(editable=False, blank=True)
    # The number the citizen is given to look the question up: random, so nobody can walk
    # through other people's questions by counting.
    reference = models.CharField(_("mã tra cứu"), max_length=12, blank=True, editable=False)
    # The citizen's own words, kept when staff correct the wording before publishing.
    original_subject = models.CharField(
        _("tiêu đề người hỏi gửi"), max_length=200, blank=True, editable=False
    )
    original_body = models.TextField(_("câu hỏi người hỏi gửi"), blank=True, editable=False)

    class Meta:
        verbose_name = _("câu hỏi của người dân")
        verbose_name_plural = _("câu hỏi của người dân")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["commune", "status", "-created_at"], name="question_commune")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["reference"],
                condition=~models.Q(reference=""),
                name="uniq_question_reference",
            )
        ]

    def __str__(self) -> str:
        return self.subject


class PortalProfile(BaseModel):
    """Per-commune settings of the public section: the contact official (Decree 42 Art. 4)."""

    commune = models.OneToOneField(
        "places.Commune", on_delete=models.CASCADE, related_name="portal_profile"
    )
    intro = models.TextField(_("lời giới thiệu"), blank=True, max_length=1000)
    contact_name = models.CharField(_("họ tên người phụ trách"), max_length=120, blank=True)
    contact_position = models.CharField(_("chức vụ"), max_length=150, blank=True)
    contact_phone = models.CharField(_("điện thoại"), max_length=40, blank=True)
    contact_email = models.EmailField(_("thư điện tử"), blank=True)
    contact_address = models.CharField(_("địa chỉ"), max_length=250, blank=True)

    class Meta:
        verbose_name = _("thông tin trang công khai")
        verbose_name_plural = _("thông tin trang công khai")

    def __str__(self) -> str:
        return str(self.commune)
