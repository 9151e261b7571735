from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from loalang.core.models import BaseModel


class Role(models.TextChoices):
    CHAIR = "chair", _("Chủ tịch UBND")
    VICE_CHAIR = "vice_chair", _("Phó Chủ tịch UBND")
    CULTURE = "culture", _("Văn hóa - Xã hội (phụ trách truyền thông)")
    FINANCE = "finance", _("Tài chính - Ngân sách")
    ORG_REP = "org_rep", _("Đại diện cơ quan, đoàn thể")
    VILLAGE_HEAD = "village_head", _("Trưởng thôn")
    TEAM_MEMBER = "team_member", _("Thành viên Tổ công nghệ số")
    PROVINCE_VIEWER = "province_viewer", _("Cán bộ tỉnh (chỉ xem)")
    PROVINCE_ADMIN = "province_admin", _("Quản trị cấp tỉnh")


# Roles held for a whole province (Membership.province set, commune empty).
PROVINCE_ROLES = frozenset({Role.PROVINCE_VIEWER, Role.PROVINCE_ADMIN})


class User(AbstractUser):
    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("hồ sơ cán bộ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="users",
    )
    # Set when someone else chose the password (a new account, a reset by the user manager):
    # until the user picks their own, every page leads to the change form (accounts.middleware).
    must_change_password = models.BooleanField(_("phải đổi mật khẩu"), default=False)

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def get_full_name(self) -> str:
        return self.full_name or super().get_full_name() or self.username

    def __str__(self) -> str:
        return self.get_full_name()


class Membership(BaseModel):
    """A user's role in one commune (or, for a province viewer or administrator, in one province).

    Village heads, team members and organisation representatives are further limited to
    their village, team or unit.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    commune = models.ForeignKey(
        "places.Commune",
        verbose_name=_("xã"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    province = models.ForeignKey(
        "places.Province",
        verbose_name=_("tỉnh"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    village = models.ForeignKey(
        "places.Village", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    org_unit = models.ForeignKey(
        "people.OrgUnit", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    team = models.ForeignKey(
        "people.DigitalTeam", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    is_active = models.BooleanField(_("đang hiệu lực"), default=True)

    class Meta:
        verbose_name = _("vai trò người dùng")
        verbose_name_plural = _("vai trò người dùng")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        role__in=["province_viewer", "province_admin"],
                        province__isnull=False,
                        commune__isnull=True,
                    )
                    | (
                        ~models.Q(role__in=["province_viewer", "province_admin"])
                        & models.Q(commune__isnull=False)
                    )
                ),
                name="membership_scope_matches_role",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "commune", "province", "village", "org_unit", "team"],
                name="uniq_membership",
            ),
        ]

    def __str__(self) -> str:
        where = self.commune or self.province
        return f"{self.user} — {self.get_role_display()} — {where}"

    def clean(self) -> None:
        errors = {}
        if self.role == Role.VILLAGE_HEAD and not self.village_id:
            errors["village"] = _("Trưởng thôn phải gắn với một thôn.")
        if self.role == Role.TEAM_MEMBER and not self.team_id:
            errors["team"] = _("Thành viên tổ phải gắn với một tổ.")
        if self.role == Role.ORG_REP and not self.org_unit_id:
            errors["org_unit"] = _("Đại diện đơn vị phải gắn với một cơ quan, đơn vị.")
        if errors:
            raise ValidationError(errors)


class TOTPDevice(models.Model):
    """A user's authenticator app (RFC 6238 TOTP, 30 s, 6 digits); see accounts.totp.

    Unconfirmed until the user proves it with a first code; only a confirmed device is asked
    for at login. `last_step` is the last time step accepted, so a code is never used twice.
    """

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="totp_device")
    secret = models.CharField(_("khóa bí mật"), max_length=64)
    confirmed_at = models.DateTimeField(_("xác nhận lúc"), null=True, blank=True)
    last_step = models.BigIntegerField(default=0)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    # Wrong codes in a row, across logins; past a few, the second step waits (accounts.totp).
    failure_count = models.PositiveIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("ứng dụng xác thực")
        verbose_name_plural = _("ứng dụng xác thực")

    def __str__(self) -> str:
        return f"{self.user} — TOTP"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class RecoveryCode(models.Model):
    """A one-time code for the second step when the phone is lost. Only a SHA-256 is kept:
    the code is 50 random bits and every wrong one counts against the device's limit."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="recovery_codes")
    digest = models.CharField(max_length=64)
    used_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("mã khôi phục")
        verbose_name_plural = _("mã khôi phục")
        constraints = [
            models.UniqueConstraint(fields=["user", "digest"], name="uniq_recovery_code_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user} — mã khôi phục"


class LoginFailure(models.Model):
    """One wrong password (or one attempt still being checked); see accounts.throttle.

    `source` is what the failure is charged to: `d:<device id>` when the browser holds this
    account's device cookie, else `a:<client address>`. Rows older than a day are deleted.
    """

    username = models.CharField(max_length=150)
    source = models.CharField(max_length=80)
    is_known_device = models.BooleanField(default=False)
    at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("lần đăng nhập sai")
        verbose_name_plural = _("lần đăng nhập sai")
        indexes = [
            models.Index(fields=["username", "source", "at"], name="loginfailure_pair"),
            models.Index(fields=["username", "at"], name="loginfailure_account"),
        ]

    def __str__(self) -> str:
        return f"{self.username} @ {self.source}"
