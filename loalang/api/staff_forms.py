"""The staff form for making an API token (loalang/api/staff_views.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from loalang.api.models import Scope
from loalang.core.forms import DateInput


class TokenCreateForm(forms.Form):
    name = forms.CharField(
        label=_("Dùng cho"),
        max_length=120,
        help_text=_("Chương trình hoặc đơn vị dùng khóa, ví dụ: Đài tỉnh, phần mềm báo cáo huyện."),
        error_messages={
            "required": _("Hãy nhập chương trình hoặc đơn vị dùng khóa."),
            "max_length": _("Tên dài quá %(limit_value)d ký tự."),
        },
    )
    scopes = forms.MultipleChoiceField(
        label=_("Quyền"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Chỉ chọn những quyền chương trình thật sự cần."),
        error_messages={
            "required": _("Hãy chọn ít nhất một quyền."),
            "invalid_choice": _("Quyền không hợp lệ: %(value)s"),
        },
    )
    expires_on = forms.DateField(
        label=_("Dùng được đến hết ngày"),
        required=False,
        widget=DateInput(),
        help_text=_("Để trống nếu khóa không có hạn; khi không dùng nữa, hãy thu hồi."),
        error_messages={"invalid": _("Ngày không hợp lệ (ngày/tháng/năm).")},
    )

    def __init__(self, *args: Any, scopes: list[Scope], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        name = self.fields["name"]
        name.validators = [
            v for v in name.validators if not isinstance(v, ProhibitNullCharactersValidator)
        ] + [ProhibitNullCharactersValidator(message=_("Không được chứa ký tự NUL."))]
        field = cast(forms.MultipleChoiceField, self.fields["scopes"])
        field.choices = [(s.value, s.label) for s in scopes]

    def clean_expires_on(self) -> dt.date | None:
        day: dt.date | None = self.cleaned_data.get("expires_on")
        if day is not None and day < timezone.localdate():
            raise forms.ValidationError(_("Ngày hết hạn không được trước hôm nay."))
        return day

    def expires_at(self) -> dt.datetime | None:
        """The end of the chosen day, local time (the key works through that whole day)."""
        day = self.cleaned_data.get("expires_on")
        if day is None:
            return None
        end = dt.datetime.combine(day, dt.time(23, 59, 59))
        return timezone.make_aware(end, timezone.get_current_timezone())
