"""The unread count shown in the staff header (one COUNT query per page)."""

from __future__ import annotations

from typing import Any

from django import template

from loalang.notifications.selectors import notification_unread_count

register = template.Library()


@register.inclusion_tag("notifications/header_badge.html", takes_context=True)
def notifications_badge(context: Any) -> dict[str, Any]:
    request = context.get("request")
    commune = context.get("commune")
    scope = context.get("scope")
    user = getattr(request, "user", None)
    if commune is None or scope is None or not getattr(user, "is_authenticated", False):
        return {"show": False}
    return {
        "show": True,
        "commune": commune,
        "count": notification_unread_count(user=user, commune=commune),
    }
