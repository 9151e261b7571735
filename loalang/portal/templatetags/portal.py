"""Template filters for the portal's pictures."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def rendition(image: Any, width: int) -> str:
    """{{ article.cover|rendition:640 }} → the URL of the 640 px rendition."""
    return image.rendition_url(int(width)) if image else ""


@register.filter
def rendition_height(image: Any, width: int) -> int:
    """The height of the rendition of that width, so the page does not jump as it loads."""
    if not image or not image.width:
        return 0
    width = min(int(width), image.width)
    return round(image.height * width / image.width)
