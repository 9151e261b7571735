from __future__ import annotations

from typing import Any

from django import template

from loalang.accounts.models import Membership, Role
from loalang.places.models import Province

register = template.Library()


@register.simple_tag
def admin_provinces(user: Any) -> list[Province]:
    """Provinces the user administers (for the link to /quan-tri-tinh/)."""
    if not getattr(user, "is_authenticated", False):
        return []
    ids = Membership.objects.filter(user=user, is_active=True, role=Role.PROVINCE_ADMIN).values(
        "province_id"
    )
    return list(Province.objects.filter(pk__in=ids).order_by("name"))
