"""Writes for users and their roles in a commune."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from loalang.accounts.access import scope_for
from loalang.accounts.models import Membership, Role, User
from loalang.core.audit import audit_log, snapshot

# Roles the Culture-Social officer may hand out; the Chair (or a system admin) may hand out
# every commune role. Province viewers are created by system administrators only.
_CULTURE_GRANTS = {Role.VILLAGE_HEAD, Role.TEAM_MEMBER, Role.ORG_REP}
_CHAIR_GRANTS = _CULTURE_GRANTS | {Role.CHAIR, Role.VICE_CHAIR, Role.CULTURE, Role.FINANCE}


def grantable_roles(*, actor: Any, commune: Any) -> list[Role]:
    scope = scope_for(actor, commune)
    if scope.is_superuser or Role.CHAIR in scope.roles:
        allowed = _CHAIR_GRANTS
    elif Role.CULTURE in scope.roles:
        allowed = _CULTURE_GRANTS
    else:
        allowed = set()
    return [r for r in Role if r in allowed]


@transaction.atomic
def membership_grant(
    *,
    commune: Any,
    actor: Any,
    role: str,
    username: str,
    full_name: str = "",
    password: str = "",
    village: Any = None,
    team: Any = None,
    org_unit: Any = None,
) -> Membership:
    """Give `username` a role in `commune`, creating the account if it does not exist yet.

    Guarantees: the actor may grant that role; a new account gets a validated password; the
    village/team/unit belongs to the commune; one audit entry per record written.
    """
    if role not in grantable_roles(actor=actor, commune=commune):
        raise PermissionDenied
    for obj in (village, team, org_unit):
        if obj is not None and obj.commune_id != commune.pk:
            raise ValidationError(_("Thôn, tổ hoặc đơn vị không thuộc xã này."))
    user = User.objects.filter(username=username).first()
    if user is None:
        if not password:
            raise ValidationError({"password": _("Tài khoản mới cần mật khẩu ban đầu.")})
        user = User(username=username, full_name=full_name)
        validate_password(password, user)
        user.set_password(password)
        user.full_clean()
        user.save()
        audit_log(
            actor=actor,
            verb="user.created",
            target=user,
            commune=commune,
            after={"username": user.username, "full_name": user.full_name},
        )
    membership = Membership(
        user=user, role=role, commune=commune, village=village, team=team, org_unit=org_unit
    )
    membership.full_clean()
    membership.save()
    audit_log(actor=actor, verb="membership.created", target=membership, commune=commune)
    return membership


@transaction.atomic
def membership_deactivate(*, membership: Membership, actor: Any) -> Membership:
    if membership.role not in grantable_roles(actor=actor, commune=membership.commune):
        raise PermissionDenied
    if membership.user_id == actor.pk:
        raise ValidationError(_("Không thể tự thu hồi vai trò của chính mình."))
    before = snapshot(membership)
    membership.is_active = False
    membership.save(update_fields=["is_active", "updated_at"])
    audit_log(actor=actor, verb="membership.deactivated", target=membership, before=before)
    return membership
