"""Commendations (biểu dương): a unit, village, team or person singled out as exemplary."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from loalang.core.models import BaseModel


class Commendation(BaseModel):
    class SubjectKind(models.TextChoices):
        ORG_UNIT = "org_unit", _("Cơ quan, đơn vị")
        VILLAGE = "village", _("Thôn, bản")
        TEAM = "team", _("Tổ công nghệ số cộng đồng")
        PERSON = "person", _("Cá nhân")

    commune = models.ForeignKey(
        "places.Commune", on_delete=models.CASCADE, related_name="commendations"
    )
    subject_kind = models.CharField(_("đối tượng"), max_length=10, choices=SubjectKind.choices)
    org_unit = models.ForeignKey(
        "people.OrgUnit",
        verbose_name=_("cơ quan, đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="commendations",
    )
    village = models.ForeignKey(
        "places.Village",
        verbose_name=_("thôn, bản"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="commendations",
    )
    team = models.ForeignKey(
        "people.DigitalTeam",
        verbose_name=_("tổ công nghệ số"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="commendations",
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("cá nhân"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="commendations",
    )
    subject_name = models.CharField(
        _("tên được biểu dương"),
        max_length=255,
        help_text=_("Lấy từ đối tượng đã chọn; giữ nguyên tên lúc biểu dương."),
    )
    reason = models.TextField(_("thành tích"))
    awarded_on = models.DateField(_("ngày biểu dương"), db_index=True)
    decision_ref = models.CharField(_("số quyết định, văn bản"), max_length=100, blank=True)
    plan = models.ForeignKey(
        "plans.Plan",
        verbose_name=_("kế hoạch"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="commendations",
    )
    activities = models.ManyToManyField(
        "activities.Activity",
        verbose_name=_("hoạt động tiêu biểu"),
        blank=True,
        related_name="commendations",
    )
    is_public = models.BooleanField(
        _("công bố trên cổng thông tin"),
        default=False,
        help_text=_("Biểu dương cá nhân: chỉ công bố khi người đó đã đồng ý."),
    )

    class Meta:
        verbose_name = _("biểu dương")
        verbose_name_plural = _("biểu dương")
        ordering = ["-awarded_on", "-id"]
        indexes = [
            models.Index(fields=["commune", "is_public", "-awarded_on"], name="commend_public")
        ]

    def __str__(self) -> str:
        return self.subject_name

    @property
    def subject(self) -> models.Model | None:
        return getattr(self, self.subject_kind, None) if self.subject_kind else None

    def clean(self) -> None:
        chosen = {kind: getattr(self, f"{kind}_id") for kind in self.SubjectKind.values}
        errors = {}
        if self.subject_kind and not chosen.get(self.subject_kind):
            errors[self.subject_kind] = _("Hãy chọn đối tượng được biểu dương.")
        for kind, value in chosen.items():
            if value and kind != self.subject_kind:
                errors[kind] = _("Chỉ chọn một đối tượng, đúng loại đã chọn.")
        if errors:
            raise ValidationError(errors)
