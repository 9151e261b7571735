from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    READ = "read", _("Đọc kế hoạch, hoạt động, tin bài, bản tin, chỉ tiêu, báo cáo")
    ACTIVITIES_WRITE = "activities:write", _("Ghi hoạt động (nhật ký phát thanh…)")
    BULLETINS_WRITE = "bulletins:write", _("Gửi bản tin xuống xã")
    OPS = "ops", _("Kiểm tra vận hành (hàng đợi việc)")


class ApiToken(models.Model):
    """A key a program uses to call the API for one commune, with a set of scopes.

    Only a SHA-256 of the key is stored (the key is 256 random bits, so a fast hash is
    enough); the key itself is shown once, when it is made. Revoked or expired keys fail.
    """

    commune = models.ForeignKey(
        "places.Commune", verbose_name=_("xã"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("dùng cho"), max_length=120)
    prefix = models.CharField(_("tiền tố"), max_length=16, db_index=True)
    digest = models.CharField(max_length=64, unique=True)
    scopes = models.JSONField(_("quyền"), default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    expires_at = models.DateTimeField(_("hết hạn lúc"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("khóa API")
        verbose_name_plural = _("khóa API")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        if self.revoked_at is not None:
            return False
        return self.expires_at is None or self.expires_at > timezone.now()

    def allows(self, scope: str) -> bool:
        return scope in (self.scopes or [])


class IdempotencyRecord(models.Model):
    """The answer to a write sent with an `Idempotency-Key` header (loalang.api.idempotency).

    Per token: the same key with the same request gets the stored answer again; with another
    request, 409. Kept a day.
    """

    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200)
    fingerprint = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField(default=0)
    response = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("khóa chống ghi trùng")
        verbose_name_plural = _("khóa chống ghi trùng")
        constraints = [
            models.UniqueConstraint(fields=["token", "key"], name="uniq_idempotency_key_per_token")
        ]

    def __str__(self) -> str:
        return self.key
