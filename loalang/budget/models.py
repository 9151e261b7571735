"""Funding. The foundation defines FundingSource so activities can point at it; the budget
issue adds estimate lines, approvals and spending here."""

from __future__ import annotations

from django.conf import settings
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


class EstimateLine(BaseModel):
    """A line of the budget estimate (dự toán) under one funding source.

    Proposed by Culture-Social, approved (or returned) by the Chair, then recorded in the
    books by Finance. Only approved or recorded lines count as the plan's estimate.
    """

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Đề xuất")
        APPROVED = "approved", _("Đã duyệt")
        RETURNED = "returned", _("Trả lại")
        RECORDED = "recorded", _("Đã ghi sổ")

    funding_source = models.ForeignKey(
        FundingSource,
        verbose_name=_("nguồn kinh phí"),
        on_delete=models.PROTECT,
        related_name="estimate_lines",
    )
    title = models.CharField(_("nội dung chi"), max_length=300)
    description = models.TextField(_("thuyết minh"), blank=True)
    amount_vnd = models.PositiveBigIntegerField(_("số tiền dự toán (đồng)"))
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)
    decision_note = models.TextField(_("ý kiến"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("ghi sổ lúc"), null=True, blank=True)
    voucher_ref = models.CharField(_("số chứng từ, quyết định"), max_length=100, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("dòng dự toán")
        verbose_name_plural = _("dòng dự toán")
        ordering = ["funding_source", "sort_order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_vnd__gt=0), name="estimate_amount_positive"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def counts_as_estimate(self) -> bool:
        return self.status in (self.Status.APPROVED, self.Status.RECORDED)


class Spending(BaseModel):
    """Finance books (part of) a verified activity's cost against an estimate line.

    Only spending whose activity is still verified counts as actual. Booking past the line's
    estimate needs an explicit override with a reason (budget.services.spending_record).
    """

    line = models.ForeignKey(
        EstimateLine,
        verbose_name=_("dòng dự toán"),
        on_delete=models.PROTECT,
        related_name="spendings",
    )
    activity = models.ForeignKey(
        "activities.Activity",
        verbose_name=_("hoạt động"),
        on_delete=models.PROTECT,
        related_name="spendings",
    )
    amount_vnd = models.PositiveBigIntegerField(_("số tiền (đồng)"))
    spent_on = models.DateField(_("ngày chi"))
    is_override = models.BooleanField(_("chi vượt dự toán"), default=False)
    override_reason = models.TextField(_("lý do chi vượt"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("khoản chi")
        verbose_name_plural = _("khoản chi")
        ordering = ["-spent_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount_vnd__gt=0), name="spending_positive"),
            models.CheckConstraint(
                condition=models.Q(is_override=False) | ~models.Q(override_reason=""),
                name="spending_override_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.line} — {self.amount_vnd}"
