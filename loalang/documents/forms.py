"""The issuing form shared by plans and reports (see documents.services.issue_number)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from loalang.core.forms import DateInput


class IssueForm(forms.Form):
    """Issuing: the number and date from the committee's register and the signed PDF (a
    commune that numbers in Loa Làng leaves the number out: the counter gives it)."""

    number = forms.CharField(
        label=_("Số văn bản"), max_length=6, required=False,
        help_text=_("Số văn thư đã cấp trong sổ đăng ký văn bản, ví dụ: 07."),
    )  # fmt: skip
    issued_on = forms.DateField(
        label=_("Ngày ban hành"), required=False,
        widget=DateInput(),
    )  # fmt: skip
    signed_pdf = forms.FileField(
        label=_("Bản PDF đã ký"), required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
        help_text=_("Bản đã ký (ký số hoặc bản quét), tối đa 20 MB."),
    )  # fmt: skip

    def __init__(self, *args: Any, from_register: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.from_register = from_register
        if from_register:
            for name in ("number", "issued_on", "signed_pdf"):
                self.fields[name].required = True
        else:
            del self.fields["number"]

    def clean_number(self) -> str:
        number = (self.cleaned_data.get("number") or "").strip()
        if number and (not number.isdigit() or int(number) == 0):
            raise ValidationError(_("Số văn bản chỉ gồm chữ số, ví dụ: 07."))
        return number

    def clean_issued_on(self) -> dt.date | None:
        day = self.cleaned_data.get("issued_on")
        if day and day > dt.date.today():
            raise ValidationError(_("Ngày ban hành không thể ở tương lai."))
        return day
