"""Vietnamese formatting filters, available in every template (a builtin)."""

from __future__ import annotations

import datetime as dt

from django import template

from loalang.core import text

register = template.Library()


@register.filter
def vnd(value: int | None) -> str:
    """{{ 12500000|vnd }} → 12.500.000 đ"""
    return text.format_vnd(value) if value is not None and value != "" else ""


@register.filter
def num(value: int | float | None, decimals: int = 0) -> str:
    """{{ 2500|num }} → 2.500"""
    if value is None or value == "":
        return ""
    return text.format_number(value, int(decimals))


@register.filter
def date_long(value: dt.date | None) -> str:
    """{{ d|date_long }} → ngày 05 tháng 01 năm 2023"""
    return text.date_long(value) if value else ""


@register.filter
def mask_phone(value: str | None) -> str:
    return text.mask_phone(value or "")


@register.filter
def fold(value: str | None) -> str:
    return text.fold(value or "")


@register.filter
def when(value: object) -> str:
    """{{ "2026-12-03T01:16:18+07:00"|when }} → 01:16 03/12/2026; {{ "2023-01-01"|when }} →
    01/01/2023. For ISO text kept in JSON (snapshots, audit diffs); other values unchanged."""
    from django.utils import timezone

    return text.when(value, timezone.get_current_timezone())
