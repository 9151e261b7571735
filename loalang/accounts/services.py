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
        user = User(username=username, full_name=full_name, must_change_password=True)
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
    audit_log(
        actor=actor,
        verb="membership.deactivated",
        target=membership,
        commune=membership.commune,
        before=before,
    )
    return membership


@transaction.atomic
def password_change(*, user: User, new_password: str) -> User:
    """The user sets their own password (already validated by the form); the must-change
    flag is cleared. Other sessions of the user end (the session hash changes)."""
    user.set_password(new_password)
    user.must_change_password = False
    user.save(update_fields=["password", "must_change_password"])
    audit_log(actor=user, verb="user.password_changed", target=user, commune=None, after={})
    return user


def can_reset_password(*, actor: Any, commune: Any, target: User) -> bool:
    """The commune's user manager may reset a member's password when they could grant every
    role the member holds there; a system administrator always. Nobody resets a superuser
    but a superuser, and nobody their own password this way."""
    if target.pk == actor.pk or (target.is_superuser and not actor.is_superuser):
        return False
    if actor.is_superuser:
        return True
    roles = set(
        Membership.objects.filter(user=target, commune=commune, is_active=True).values_list(
            "role", flat=True
        )
    )
    return bool(roles) and roles <= set(grantable_roles(actor=actor, commune=commune))


@transaction.atomic
def password_reset_by_manager(*, actor: Any, commune: Any, target: User, new_password: str) -> User:
    """Give `target` a temporary password they must change at their next login.

    Guarantees: see can_reset_password; the password is validated; the target's sessions
    end; the audit entry never holds the password."""
    if not can_reset_password(actor=actor, commune=commune, target=target):
        raise PermissionDenied
    validate_password(new_password, target)
    target.set_password(new_password)
    target.must_change_password = True
    target.save(update_fields=["password", "must_change_password"])
    audit_log(actor=actor, verb="user.password_reset", target=target, commune=commune, after={})
    return target
