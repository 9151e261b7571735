"""Forms for attendee lists, consent notices and data-subject requests."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from loalang.core.forms import DateInput
from loalang.events.models import Attendee, ConsentNotice, ConsentRecord
from loalang.places.models import Village


class AttendeeForm(forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    phone = forms.CharField(label=_("Điện thoại (không bắt buộc)"), max_length=20, required=False)
    village = forms.ModelChoiceField(
        label=_("Thôn"), queryset=Village.objects.none(), required=False
    )
    group = forms.ChoiceField(label=_("Thành phần"), choices=Attendee.Group.choices)
    is_woman = forms.BooleanField(label=_("Nữ"), required=False)
    is_ethnic_minority = forms.BooleanField(label=_("Dân tộc thiểu số"), required=False)
    method = forms.ChoiceField(
        label=_("Cách ghi nhận đồng ý"), choices=ConsentRecord.Method.choices
    )
    has_consent = forms.BooleanField(
        label=_("Người này đã được đọc thông báo và đồng ý cho ghi tên, số điện thoại"),
        required=False,
    )

    def __init__(self, *args: Any, commune: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["village"]).queryset = Village.objects.filter(
            commune=commune
        )


class ConsentNoticeForm(forms.ModelForm):
    class Meta:
        model = ConsentNotice
        fields = ["version", "purpose", "text", "retention_months"]
        widgets = {"text": forms.Textarea(attrs={"rows": 10})}


class DataRequestForm(forms.Form):
    name = forms.CharField(label=_("Họ và tên người yêu cầu"), max_length=150, required=False)
    phone = forms.CharField(label=_("Số điện thoại"), max_length=20, required=False)
    received_on = forms.DateField(
        label=_("Ngày nhận yêu cầu"),
        widget=DateInput(),
        initial=timezone.localdate,
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=500)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("name") and not data.get("phone"):
            raise forms.ValidationError(_("Nhập họ tên hoặc số điện thoại của người yêu cầu."))
        return data
