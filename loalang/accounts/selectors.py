"""Reads about a commune's people and their roles."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from loalang.accounts.access import CAPS, Cap
from loalang.accounts.models import Membership, Role


@dataclass(frozen=True)
class Manager:
    name: str
    role: str


def managers_of(commune: Any) -> list[Manager]:
    """Who grants rights in `commune` (the roles holding Cap.MANAGE_ORG), Chair first."""
    roles = CAPS[Cap.MANAGE_ORG] - {Role.PROVINCE_VIEWER}
    rows = list(
        Membership.objects.filter(
            commune=commune, role__in=roles, is_active=True, user__is_active=True
        ).select_related("user")
    )
    rows.sort(key=lambda m: (m.role != Role.CHAIR, m.role, m.user_id))
    return [Manager(name=m.user.get_full_name(), role=str(Role(m.role).label)) for m in rows]
