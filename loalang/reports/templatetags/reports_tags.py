from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html

from loalang.reports.document import NO_DATA, fmt

register = template.Library()


@register.filter
def value(v: Any) -> str:
    """A number the Vietnamese way, or a muted "không có số liệu" (never a false 0)."""
    if v is None:
        return format_html('<span class="nodata">{}</span>', NO_DATA)
    return fmt(v)


@register.filter
def get(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key) if mapping else None
