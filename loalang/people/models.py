from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from loalang.core.models import BaseModel
from loalang.core.text import mask_phone


class OrgUnit(BaseModel):
    """An organisation of the commune: the People's Committee and its offices, the Fatherland
    Front and mass organisations, schools, police, businesses… Names are data."""

    class Kind(models.TextChoices):
        PARTY = "party", _("Đảng ủy")
        COUNCIL = "council", _("Hội đồng nhân dân")
        COMMITTEE = "committee", _("Ủy ban nhân dân")
        OFFICE = "office", _("Phòng, bộ phận chuyên môn")
        FRONT = "front", _("Mặt trận Tổ quốc")
        MASS_ORG = "mass_org", _("Đoàn thể")
        SCHOOL = "school", _("Trường học")
        POLICE = "police", _("Công an")
        HEALTH = "health", _("Trạm y tế")
        BUSINESS = "business", _("Doanh nghiệp, hợp tác xã")
        OTHER = "other", _("Khác")

    commune = models.ForeignKey(
        "places.Commune", on_delete=models.CASCADE, related_name="org_units"
    )
    kind = models.CharField(_("loại"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("tên"), max_length=200)
    short_name = models.CharField(_("tên viết tắt"), max_length=60, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("thuộc"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("cơ quan, đơn vị")
        verbose_name_plural = _("cơ quan, đơn vị")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "name"], name="uniq_orgunit_per_commune")
        ]

    def __str__(self) -> str:
        return self.name


class Person(BaseModel):
    commune = models.ForeignKey("places.Commune", on_delete=models.CASCADE, related_name="people")
    full_name = models.CharField(_("họ và tên"), max_length=150)
    position_title = models.CharField(
        _("chức vụ"), max_length=150, blank=True, help_text=_("Ví dụ: Công chức Văn hóa - Xã hội")
    )
    org_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("cơ quan, đơn vị"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    village = models.ForeignKey(
        "places.Village",
        verbose_name=_("thôn"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    is_active = models.BooleanField(_("đang công tác"), default=True)

    class Meta:
        verbose_name = _("cán bộ, người tham gia")
        verbose_name_plural = _("cán bộ, người tham gia")
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.phone)


class DigitalTeam(BaseModel):
    """Tổ công nghệ số cộng đồng: one per village, sometimes one at commune level."""

    commune = models.ForeignKey("places.Commune", on_delete=models.CASCADE, related_name="teams")
    village = models.ForeignKey(
        "places.Village",
        verbose_name=_("thôn"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="teams",
    )
    name = models.CharField(_("tên tổ"), max_length=150)
    established_on = models.DateField(_("ngày thành lập"), null=True, blank=True)

    class Meta:
        verbose_name = _("tổ công nghệ số cộng đồng")
        verbose_name_plural = _("tổ công nghệ số cộng đồng")
        ordering = ["village__sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "name"], name="uniq_team_per_commune")
        ]

    def __str__(self) -> str:
        return self.name


class TeamMember(BaseModel):
    class Role(models.TextChoices):
        LEADER = "leader", _("Tổ trưởng")
        DEPUTY = "deputy", _("Tổ phó")
        MEMBER = "member", _("Thành viên")

    team = models.ForeignKey(DigitalTeam, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="team_memberships")
    role = models.CharField(_("vai trò"), max_length=10, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        verbose_name = _("thành viên tổ")
        verbose_name_plural = _("thành viên tổ")
        ordering = ["team", "role", "person__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["team", "person"], name="uniq_member_per_team")
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()}, {self.team})"
