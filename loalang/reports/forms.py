"""Forms: the report period, the editable sections, manual indicator values, a roll-up window."""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from loalang.core.forms import DateInput
from loalang.reports.document import period_label
from loalang.reports.models import Indicator, Report

MONTHS = [(m, _("Tháng %(m)s") % {"m": m}) for m in range(1, 13)]
QUARTERS = [(1, _("Quý I")), (2, _("Quý II")), (3, _("Quý III")), (4, _("Quý IV"))]
HALVES = [(1, _("6 tháng đầu năm")), (2, _("6 tháng cuối năm"))]


def period_dates(
    period: str, year: int, month: int, quarter: int, half: int
) -> tuple[dt.date, dt.date]:
    if period == Report.Period.MONTH:
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    if period == Report.Period.QUARTER:
        first = 3 * (quarter - 1) + 1
        last = first + 2
        return dt.date(year, first, 1), dt.date(year, last, calendar.monthrange(year, last)[1])
    if period == Report.Period.HALF:
        return (
            (dt.date(year, 1, 1), dt.date(year, 6, 30))
            if half == 1
            else (dt.date(year, 7, 1), dt.date(year, 12, 31))
        )
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


class ReportCreateForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Loại báo cáo"), choices=Report.Kind.choices, initial=Report.Kind.PERIODIC
    )
    period = forms.ChoiceField(
        label=_("Kỳ báo cáo"), choices=Report.Period.choices, initial=Report.Period.MONTH
    )
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    month = forms.TypedChoiceField(label=_("Tháng"), choices=MONTHS, coerce=int, required=False)
    quarter = forms.TypedChoiceField(label=_("Quý"), choices=QUARTERS, coerce=int, required=False)
    half = forms.TypedChoiceField(label=_("Sáu tháng"), choices=HALVES, coerce=int, required=False)
    date_from = forms.DateField(
        label=_("Từ ngày (kỳ tùy chọn)"),
        required=False,
        widget=DateInput(),
    )
    date_to = forms.DateField(
        label=_("Đến ngày (kỳ tùy chọn)"),
        required=False,
        widget=DateInput(),
    )
    title = forms.CharField(
        label=_("Trích yếu"),
        max_length=300,
        required=False,
        help_text=_("Để trống: 'Kết quả công tác truyền thông chuyển đổi số' kèm kỳ báo cáo."),
    )
    request_reference = forms.CharField(
        label=_("Văn bản yêu cầu báo cáo (báo cáo đột xuất)"),
        max_length=300,
        required=False,
        help_text=_(
            "Ví dụ: Công văn số 125/SKHCN-CĐS ngày 02/10/2023 của Sở Khoa học và Công nghệ"
        ),
    )
    recipients = forms.CharField(
        label=_("Kính gửi"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_(
            "Mỗi dòng một cơ quan. Để trống: các cơ quan nhận báo cáo theo bộ chỉ tiêu "
            "(Sở Khoa học và Công nghệ; Sở Văn hóa, Thể thao và Du lịch của tỉnh)."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["year"].initial = today.year
        self.fields["month"].initial = today.month
        self.fields["quarter"].initial = (today.month - 1) // 3 + 1

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        period = data.get("period")
        year = data.get("year")
        if not period or not year:
            return data
        if period == Report.Period.CUSTOM:
            start, end = data.get("date_from"), data.get("date_to")
            if not start:
                self.add_error("date_from", _("Kỳ tùy chọn cần ngày bắt đầu."))
            if not end:
                self.add_error("date_to", _("Kỳ tùy chọn cần ngày kết thúc."))
            if start and end and start > end:
                self.add_error("date_to", _("Ngày kết thúc phải sau ngày bắt đầu."))
            if self.errors or not (start and end):
                return data
        else:
            for name, kind in [
                ("month", Report.Period.MONTH),
                ("quarter", Report.Period.QUARTER),
                ("half", Report.Period.HALF),
            ]:
                if period == kind and not data.get(name):
                    self.add_error(
                        name,
                        _("Chọn %(what)s của kỳ báo cáo.")
                        % {"what": str(self.fields[name].label or name).lower()},
                    )
            if self.errors:
                return data
            start, end = period_dates(
                period,
                year,
                data.get("month") or 1,
                data.get("quarter") or 1,
                data.get("half") or 1,
            )
        data["date_from"], data["date_to"] = start, end
        if data.get("kind") == Report.Kind.AD_HOC and not data.get("request_reference", "").strip():
            self.add_error(
                "request_reference",
                _("Báo cáo đột xuất cần ghi văn bản yêu cầu (số, ngày, cơ quan)."),
            )
        if not data.get("title"):
            data["title"] = (
                f"Kết quả công tác truyền thông chuyển đổi số {period_label(period, start, end)}"
            )
        return data


class ReportEditForm(forms.ModelForm):
    class Meta:
        model = Report
        fields = [
            "title",
            "request_reference",
            "recipients",
            "distribution",
            "results_text",
            "shortcomings_text",
            "next_tasks_text",
            "proposals_text",
            "signer_authority",
            "signer_deputy",
            "signer_title",
            "signer_name",
        ]
        widgets = {
            "recipients": forms.Textarea(attrs={"rows": 2}),
            "distribution": forms.Textarea(attrs={"rows": 3}),
            "results_text": forms.Textarea(attrs={"rows": 16}),
            "shortcomings_text": forms.Textarea(attrs={"rows": 6}),
            "next_tasks_text": forms.Textarea(attrs={"rows": 6}),
            "proposals_text": forms.Textarea(attrs={"rows": 4}),
        }


class ManualValuesForm(forms.Form):
    """Two fields per manual indicator; both empty = no data (never 0)."""

    def __init__(
        self,
        *args: Any,
        indicators: list[Indicator],
        initial_values: dict[str, tuple[Any, Any]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        for ind in indicators:
            period, cum = initial_values.get(ind.code, (None, None))
            for suffix, label, value in [("p", _("trong kỳ"), period), ("c", _("lũy kế"), cum)]:
                self.fields[f"m{ind.pk}_{suffix}"] = forms.DecimalField(
                    label=f"{ind.code}. {ind.name} ({ind.unit}) — {label}",
                    required=False,
                    min_value=Decimal(0),
                    max_digits=14,
                    decimal_places=2,
                    initial=value,
                    max_value=Decimal(100) if ind.unit.strip() == "%" else None,
                )

    def rows(self) -> list[tuple[Indicator, Any, Any]]:
        return [(i, self[f"m{i.pk}_p"], self[f"m{i.pk}_c"]) for i in self.indicators]

    def values(self) -> dict[int, tuple[Decimal | None, Decimal | None]]:
        return {
            i.pk: (self.cleaned_data[f"m{i.pk}_p"], self.cleaned_data[f"m{i.pk}_c"])
            for i in self.indicators
        }


class WindowForm(forms.Form):
    date_from = forms.DateField(label=_("Từ ngày"), widget=DateInput())
    date_to = forms.DateField(label=_("Đến ngày"), widget=DateInput())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end:
            if start > end:
                self.add_error("date_to", _("Ngày kết thúc phải sau ngày bắt đầu."))
            elif (end - start).days > 3 * 366:
                self.add_error("date_to", _("Kỳ tổng hợp không được dài quá 3 năm."))
        return data
