"""The audit page in words (issue 15 item 5): "Kế hoạch — ban hành" and field labels instead of
"plan.issued" and "is_featured"; yes/no instead of True/False."""

from __future__ import annotations

from typing import Any

from django import template
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

register = template.Library()

VERBS = {
    "created": gettext_lazy("tạo mới"),
    "updated": gettext_lazy("sửa"),
    "deleted": gettext_lazy("xoá"),
    "submitted": gettext_lazy("gửi duyệt"),
    "returned": gettext_lazy("trả lại"),
    "recorded": gettext_lazy("ghi nhận"),
    "imported": gettext_lazy("nhập từ tệp"),
    "withdrawn": gettext_lazy("rút lại"),
    "revoked": gettext_lazy("thu hồi"),
    "published": gettext_lazy("đăng"),
    "uploaded": gettext_lazy("tải lên"),
    "sent": gettext_lazy("gửi"),
    "approved": gettext_lazy("duyệt"),
    "issued": gettext_lazy("ban hành"),
    "locked": gettext_lazy("khoá"),
    "unlocked": gettext_lazy("mở khoá"),
    "verified": gettext_lazy("xác nhận"),
    "added": gettext_lazy("thêm"),
    "removed": gettext_lazy("bỏ"),
    "archived": gettext_lazy("lưu trữ"),
    "answered": gettext_lazy("trả lời"),
    "scheduled": gettext_lazy("hẹn giờ"),
    "superseded": gettext_lazy("thay thế"),
}


def _model(label: str) -> Any:
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


@register.filter
def audit_action(entry: Any) -> str:
    """'Kế hoạch — ban hành' for plan.issued (the code stays in the title attribute)."""
    thing, _dot, verb = entry.verb.partition(".")
    model = _model(entry.target_type)
    noun = str(model._meta.verbose_name).capitalize() if model else thing.replace("_", " ")
    said = VERBS.get(verb)
    return f"{noun} — {said}" if said else f"{noun} — {verb.replace('_', ' ')}"


@register.filter
def audit_field(key: str, entry: Any) -> str:
    model = _model(entry.target_type)
    if model is not None:
        try:
            return capfirst(str(model._meta.get_field(key).verbose_name))
        except FieldDoesNotExist:
            pass
    return key.replace("_", " ")


@register.filter
def audit_value(value: Any) -> Any:
    if value is None or value == "":
        return _("(trống)")
    if value is True:
        return _("có")
    if value is False:
        return _("không")
    return value


@register.simple_tag
def audit_shown(entry: Any, key: str, value: Any) -> Any:
    """A recorded value as the form showed it: a choice's label ("Xã tự làm", not "commune"),
    yes/no, "(trống)"; anything else as it was recorded."""
    model = _model(entry.target_type)
    if model is not None and isinstance(value, str) and value:
        try:
            field = model._meta.get_field(key)
        except FieldDoesNotExist:
            field = None
        choices = dict(getattr(field, "flatchoices", None) or [])
        if value in choices:
            return str(choices[value])
    return audit_value(value)
