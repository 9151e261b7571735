from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class BaseModel(models.Model):
    """Timestamps for every record, and a flag for generated sample data."""

    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    is_sample = models.BooleanField(
        _("dữ liệu mẫu"),
        default=False,
        help_text=_("Bản ghi minh hoạ, không phải số liệu thật của địa phương."),
    )

    class Meta:
        abstract = True


class AuditEntry(models.Model):
    """One staff write: who, when, what, and the record before and after.

    Written only by core.audit.audit_log; never edited from the UI (the admin is read-only).
    """

    at = models.DateTimeField(_("lúc"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_name = models.CharField(_("tên người thực hiện"), max_length=150, blank=True)
    # The commune model is the project's to name (settings.LOALANG_COMMUNE_MODEL, like
    # AUTH_USER_MODEL): core imports no other app (ADR 0090).
    commune = models.ForeignKey(
        settings.LOALANG_COMMUNE_MODEL,
        verbose_name=_("xã"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries",
    )
    verb = models.CharField(_("hành động"), max_length=80)
    target_type = models.CharField(_("loại đối tượng"), max_length=80)
    target_id = models.CharField(_("mã đối tượng"), max_length=40, blank=True)
    target_repr = models.CharField(_("đối tượng"), max_length=255, blank=True)
    before = models.JSONField(_("trước"), null=True, blank=True)
    after = models.JSONField(_("sau"), null=True, blank=True)

    class Meta:
        verbose_name = _("nhật ký thao tác")
        verbose_name_plural = _("nhật ký thao tác")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["commune", "-at"], name="audit_commune_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.verb} {self.target_repr}"

    def changes(self) -> list[tuple[str, object, object]]:
        before = self.before or {}
        after = self.after or {}
        keys = sorted(set(before) | set(after))
        return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]
