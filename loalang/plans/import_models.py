"""A plan import being reviewed: the pasted or uploaded text, what the parser proposed and
the officer's corrections so far. Kept in the database (not the session, which expires after
30 idle minutes) so that neither a failed save nor a logout loses the text or the edits.
Deleted when the plan is saved or the officer discards it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from loalang.core.models import BaseModel


class PlanImportDraft(BaseModel):
    commune = models.ForeignKey(
        "places.Commune", on_delete=models.CASCADE, related_name="plan_import_drafts"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    source_name = models.CharField(_("tệp gốc"), max_length=200, blank=True)
    source_text = models.TextField(_("văn bản gốc"))
    data = models.JSONField(_("kết quả phân tích"))
    notes = models.JSONField(_("lưu ý theo trường"), default=dict, blank=True)
    warnings = models.JSONField(_("lưu ý"), default=list, blank=True)
    unplaced = models.JSONField(_("đoạn chưa xếp"), default=list, blank=True)
    sections = models.JSONField(_("các phần"), default=list, blank=True)
    original_number = models.CharField(_("số gốc"), max_length=60, blank=True)
    # The review form as last submitted (field name → list of values): corrections survive
    # a failed save, a reload and a new login.
    form_state = models.JSONField(_("bản sửa"), null=True, blank=True)

    class Meta:
        verbose_name = _("bản nhập kế hoạch")
        verbose_name_plural = _("bản nhập kế hoạch")
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return self.data.get("title") or self.source_name or str(self.pk)
