from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext

from loalang.reports.document import fmt

register = template.Library()


@register.filter
def value(v: Any) -> str:
    """A number the Vietnamese way, or a muted "không có số liệu" (never a false 0)."""
    if v is None:
        # The document keeps NO_DATA in Vietnamese; the page speaks the reader's language.
        return format_html('<span class="nodata">{}</span>', gettext("không có số liệu"))
    return fmt(v)


@register.filter
def get(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key) if mapping else None


@register.simple_tag
def viewer_provinces(user: Any) -> list[Any]:
    """Provinces whose roll-up `user` may open (province viewers, system admins)."""
    if not getattr(user, "is_authenticated", False):
        return []
    from loalang.reports.selectors import provinces_for_user

    return list(provinces_for_user(user))
