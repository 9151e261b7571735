"""Funding. The foundation defines FundingSource so activities can point at it; the budget
issue adds estimate lines, approvals and spending here."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from loalang.core.models import BaseModel


class FundingSource(BaseModel):
    class Kind(models.TextChoices):
        STATE_BUDGET = "state_budget", _("Ngân sách Nhà nước")
        INTEGRATED = "integrated", _("Lồng ghép từ chương trình, dự án khác")
        OTHER = "other", _("Nguồn hợp pháp khác")

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="funding_sources")
    kind = models.CharField(_("loại nguồn"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("tên nguồn"), max_length=255)
    planned_vnd = models.PositiveBigIntegerField(_("dự kiến (đồng)"), default=0)
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("nguồn kinh phí")
        verbose_name_plural = _("nguồn kinh phí")
        ordering = ["plan", "sort_order", "id"]

    def __str__(self) -> str:
        return self.name
