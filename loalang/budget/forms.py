from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from loalang.activities.models import Activity
from loalang.budget.models import EstimateLine, FundingSource
from loalang.core.forms import DateInput
from loalang.core.text import format_vnd
from loalang.tasks.forms import limit_choices


class FundingSourceForm(forms.ModelForm):
    class Meta:
        model = FundingSource
        fields = ["kind", "name", "planned_vnd", "sort_order"]
        help_texts = {"planned_vnd": _("Số nguyên, đơn vị đồng. Để 0 nếu chưa xác định.")}


class EstimateLineForm(forms.ModelForm):
    class Meta:
        model = EstimateLine
        fields = ["title", "description", "amount_vnd"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"amount_vnd": _("Số nguyên, đơn vị đồng.")}


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("Duyệt")), ("return", _("Trả lại"))], widget=forms.HiddenInput
    )
    decision_note = forms.CharField(label=_("Ý kiến"), required=False, max_length=2000)


class RecordForm(forms.Form):
    voucher_ref = forms.CharField(
        label=_("Số chứng từ, quyết định"), required=False, max_length=100
    )


class ActivityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Activity) -> str:
        return f"{obj.held_on:%d/%m/%Y} — {obj.title[:80]} ({format_vnd(obj.cost_vnd)})"


class SpendingForm(forms.Form):
    activity = ActivityChoiceField(
        label=_("Hoạt động đã xác nhận"), queryset=Activity.objects.none()
    )
    amount_vnd = forms.IntegerField(label=_("Số tiền (đồng)"), min_value=1)
    spent_on = forms.DateField(
        label=_("Ngày chi"),
        required=False,
        widget=DateInput(),
        help_text=_("Để trống: lấy ngày thực hiện hoạt động."),
    )
    override_reason = forms.CharField(
        label=_("Lý do chi vượt dự toán"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Chỉ cần khi khoản chi làm vượt dự toán của dòng này."),
    )

    def __init__(self, *args: Any, activities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "activity", activities)
