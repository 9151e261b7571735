"""`{% load access %}{% if request|can:"radio_edit" %}…{% endif %}`: show a link or a button
only to the roles that may use it (the view checks again; this only avoids dead ends)."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def can(request_or_scope: Any, capability: str) -> bool:
    """True when the request's commune scope (set by `commune_view`) has `capability`."""
    scope = getattr(request_or_scope, "scope", request_or_scope)
    check = getattr(scope, "can", None)
    return bool(check and check(capability))
