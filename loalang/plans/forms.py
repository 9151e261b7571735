"""Forms for writing a plan: the header, and one item form per list section (used in an
ordered formset, so items can be added, removed and reordered)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from loalang.budget.models import FundingSource
from loalang.core.channels import Channel
from loalang.core.forms import DateInput
from loalang.documents.signers import Signer
from loalang.plans.data import PlanData, PlanHeader, letter
from loalang.plans.models import (
    CITED_NUMBER_RE,
    SYMBOL_RE,
    LegalDocument,
    Plan,
    PlanLegalBasis,
    PlanTarget,
)

TEXTAREA = forms.Textarea(attrs={"rows": 3})


class PlanCreateForm(forms.Form):
    START_CHOICES = [
        ("blank", _("Kế hoạch trống")),
        ("template", _("Theo mẫu kế hoạch truyền thông chuyển đổi số")),
        ("copy", _("Sao chép kế hoạch đã có (thường là của năm trước)")),
    ]
    start = forms.ChoiceField(
        label=_("Bắt đầu từ"), choices=START_CHOICES, widget=forms.RadioSelect, initial="copy"
    )
    title = forms.CharField(
        label=_("Trích yếu"),
        max_length=300,
        required=False,
        help_text=_("Bỏ trống khi sao chép: lấy theo kế hoạch gốc."),
    )
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    source = forms.ModelChoiceField(
        label=_("Kế hoạch gốc"), queryset=Plan.objects.none(), required=False
    )
    also_for_year = forms.BooleanField(
        label=_("Năm này đã có kế hoạch; tôi vẫn muốn tạo thêm một bản dự thảo"),
        required=False,
    )

    def __init__(self, *args: Any, commune: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plans = Plan.objects.filter(commune=commune).exclude(status=Plan.Status.SUPERSEDED)
        self._plans = plans
        source = self.fields["source"]
        assert isinstance(source, forms.ModelChoiceField)
        source.queryset = plans
        latest = plans.order_by("-year", "-id").first()
        self.fields["source"].initial = latest
        self.fields["year"].initial = (latest.year + 1) if latest else dt.date.today().year

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") == "copy" and not data.get("source"):
            self.add_error("source", _("Chọn kế hoạch cần sao chép."))
        if data.get("start") in {"blank", "template"} and not (data.get("title") or "").strip():
            self.add_error("title", _("Nhập trích yếu của kế hoạch."))
        year = data.get("year")
        existing = self._plans.filter(year=year).order_by("-id").first() if year else None
        if existing and not data.get("also_for_year"):
            self.add_error(
                "year",
                _(
                    "Năm %(y)s đã có kế hoạch “%(t)s” (%(s)s). Sửa kế hoạch đó, hoặc đánh dấu "
                    "ô bên dưới nếu thật sự cần thêm một bản dự thảo."
                )
                % {"y": year, "t": existing.title, "s": existing.get_status_display().lower()},
            )
        return data


class HeaderForm(forms.Form):
    title = forms.CharField(label=_("Trích yếu"), max_length=300)
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    symbol = forms.CharField(label=_("Ký hiệu"), max_length=40, help_text=_("Ví dụ: KH-UBND"))
    place = forms.CharField(label=_("Địa danh"), max_length=120)
    parent_issuer = forms.CharField(label=_("Cơ quan chủ quản"), max_length=200, required=False)
    issuer = forms.CharField(
        label=_("Cơ quan ban hành"),
        max_length=200,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Mỗi dòng in một dòng."),
    )
    preamble = forms.CharField(label=_("Đoạn mở đầu"), widget=TEXTAREA, required=False)
    funding_text = forms.CharField(label=_("Kinh phí"), widget=TEXTAREA, required=False)
    closing = forms.CharField(label=_("Đoạn kết"), widget=TEXTAREA, required=False)
    signer_authority = forms.CharField(
        label=_("Thẩm quyền ký"),
        max_length=80,
        required=False,
        help_text=_("Ví dụ: TM. ỦY BAN NHÂN DÂN"),
    )
    signer_deputy = forms.CharField(
        label=_("Ký thay"), max_length=80, required=False, help_text=_("Ví dụ: KT. CHỦ TỊCH")
    )
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=80, required=False)
    signer_name = forms.CharField(label=_("Họ tên người ký"), max_length=120, required=False)

    def clean_symbol(self) -> str:
        symbol = self.cleaned_data["symbol"].strip()
        if not SYMBOL_RE.fullmatch(symbol):
            raise ValidationError(
                _(
                    "Ký hiệu viết hoa, các nhóm nối bằng dấu gạch ngang, không có khoảng trắng, "
                    "ví dụ: KH-UBND."
                )
            )
        return symbol

    def to_value(self) -> PlanHeader:
        d = self.cleaned_data
        return PlanHeader(
            title=d["title"],
            year=d["year"],
            symbol=d["symbol"],
            place=d["place"],
            parent_issuer=d["parent_issuer"],
            issuer=d["issuer"],
            preamble=d["preamble"],
            funding_text=d["funding_text"],
            closing=d["closing"],
            signer=Signer(
                authority=d["signer_authority"],
                deputy=d["signer_deputy"],
                title=d["signer_title"],
                name=d["signer_name"],
            ),
        )

    @staticmethod
    def initial_from(data: PlanData) -> dict[str, Any]:
        signer = data["signer"]
        return {
            "title": data["title"],
            "year": data["year"],
            "symbol": data["symbol"],
            "place": data["place"],
            "parent_issuer": data["parent_issuer"],
            "issuer": data["issuer"],
            "preamble": data["preamble"],
            "funding_text": data["funding_text"],
            "closing": data["closing"],
            "signer_authority": signer["authority"],
            "signer_deputy": signer["deputy"],
            "signer_title": signer["title"],
            "signer_name": signer["name"],
        }


# --- one form per list item ----------------------------------------------------------------
# Every select has as initial value the option a browser shows first, so the blank "add one
# more" item a browser submits untouched counts as unchanged and is skipped, not refused.


class TextItemForm(forms.Form):
    text = forms.CharField(label=_("Nội dung"), widget=TEXTAREA)


class LegalBasisForm(forms.Form):
    verb = forms.ChoiceField(
        label=_("Mở đầu"), choices=PlanLegalBasis.Verb.choices, initial=PlanLegalBasis.Verb.PURSUANT
    )
    doc_type = forms.CharField(label=_("Loại văn bản"), max_length=200, required=False)
    number = forms.CharField(label=_("Số"), max_length=10, required=False)
    symbol = forms.CharField(label=_("Ký hiệu"), max_length=40, required=False)
    issued_on = forms.DateField(
        label=_("Ngày ban hành"),
        required=False,
        widget=DateInput(),
    )
    date_style = forms.ChoiceField(
        label=_("Cách viết ngày"),
        choices=LegalDocument.DateStyle.choices,
        initial=LegalDocument.DateStyle.PADDED,
    )
    issuer = forms.CharField(label=_("Cơ quan ban hành"), max_length=200, required=False)
    summary = forms.CharField(label=_("Trích yếu"), widget=TEXTAREA, required=False)

    def clean_number(self) -> str:
        number = self.cleaned_data["number"].strip()
        if number and not CITED_NUMBER_RE.fullmatch(number):
            raise ValidationError(_("Số văn bản chỉ gồm chữ số, ví dụ: 65 (hoặc 49/2024)."))
        return number

    def clean_symbol(self) -> str:
        symbol = self.cleaned_data["symbol"].strip()
        if symbol and not SYMBOL_RE.fullmatch(symbol):
            raise ValidationError(_("Ký hiệu không đúng dạng, ví dụ: KH-UBND hoặc NQ/TU."))
        return symbol

    def item(self) -> dict[str, Any]:
        d = dict(self.cleaned_data)
        d["issued_on"] = d["issued_on"].isoformat() if d["issued_on"] else ""
        return {
            k: d[k]
            for k in (
                "verb",
                "doc_type",
                "number",
                "symbol",
                "issued_on",
                "date_style",
                "issuer",
                "summary",
            )
        }


class ThemeForm(forms.Form):
    short_name = forms.CharField(label=_("Tên ngắn (dùng làm nhãn)"), max_length=120)
    text = forms.CharField(label=_("Nội dung"), widget=TEXTAREA)


class ChannelForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("Kênh chính"), choices=Channel.choices, initial=Channel.choices[0][0]
    )
    text = forms.CharField(label=_("Nội dung trong kế hoạch"), widget=TEXTAREA)
    is_emphasised = forms.BooleanField(label=_("Đặc biệt chú trọng"), required=False)
    also_channels = forms.MultipleChoiceField(
        label=_("Kênh khác nêu trong đoạn này"),
        choices=Channel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class FundingForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Loại nguồn"),
        choices=FundingSource.Kind.choices,
        initial=FundingSource.Kind.choices[0][0],
    )
    name = forms.CharField(label=_("Tên nguồn"), max_length=255)
    planned_vnd = forms.IntegerField(label=_("Dự kiến (đồng)"), min_value=0, initial=0)


class AssignmentForm(forms.Form):
    unit_label = forms.CharField(label=_("Đơn vị (như ghi trong văn bản)"), max_length=255)
    org_unit = forms.TypedChoiceField(
        label=_("Đơn vị trong danh mục"), required=False, coerce=int, empty_value=None
    )
    is_standing = forms.BooleanField(label=_("Bộ phận thường trực"), required=False)
    intro = forms.CharField(label=_("Đoạn mở đầu"), widget=TEXTAREA, required=False)
    duties = forms.CharField(
        label=_("Nhiệm vụ (mỗi nhiệm vụ một dòng)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(
        self, *args: Any, units: list[tuple[int, str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        org_unit = self.fields["org_unit"]
        assert isinstance(org_unit, forms.TypedChoiceField)
        org_unit.choices = [("", "—"), *(units or [])]

    def item(self) -> dict[str, Any]:
        d = self.cleaned_data
        duties = [" ".join(line.split()) for line in d["duties"].splitlines() if line.strip()]
        return {
            "unit_label": d["unit_label"],
            "intro": d["intro"],
            "is_standing": d["is_standing"],
            "org_unit_id": d["org_unit"],
            "duties": duties,
        }


class TargetForm(forms.Form):
    description = forms.CharField(label=_("Chỉ tiêu"), max_length=300)
    metric = forms.ChoiceField(
        label=_("Đo bằng"),
        choices=PlanTarget.Metric.choices,
        initial=PlanTarget.Metric.ACTIVITY_COUNT,
    )
    channel = forms.ChoiceField(
        label=_("Chỉ tính kênh"), required=False, choices=[("", "—"), *Channel.choices]
    )
    target_value = forms.IntegerField(label=_("Mức cần đạt"), min_value=1)
    unit = forms.CharField(label=_("Đơn vị tính"), max_length=40, required=False)
    period = forms.ChoiceField(
        label=_("Tính theo"), choices=PlanTarget.Period.choices, initial=PlanTarget.Period.TOTAL
    )
    per_village = forms.BooleanField(
        label=_("Áp dụng cho từng thôn"),
        required=False,
        help_text=_("Thôn nào cũng phải đạt mức này."),
    )
    village = forms.TypedChoiceField(
        label=_("Chỉ tiêu riêng của thôn"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("Bỏ trống nếu là chỉ tiêu chung của cả xã hoặc của mọi thôn."),
        error_messages={"invalid_choice": _("Thôn được chọn không thuộc xã của kế hoạch này.")},
    )
    due_on = forms.DateField(
        label=_("Hạn"),
        required=False,
        widget=DateInput(),
    )

    def __init__(
        self, *args: Any, villages: list[tuple[int, str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        village = self.fields["village"]
        assert isinstance(village, forms.TypedChoiceField)
        village.choices = [("", _("— Cả xã —")), *(villages or [])]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("village") and data.get("per_village"):
            self.add_error(
                "per_village",
                _(
                    "Chỉ tiêu đã chọn một thôn là chỉ tiêu riêng của thôn đó: bỏ chọn "
                    "“Áp dụng cho từng thôn” (mục đó dành cho chỉ tiêu mà thôn nào cũng phải đạt)."
                ),
            )
        return data

    def item(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "description": d["description"],
            "metric": d["metric"],
            "channel": d["channel"],
            "activity_kind": "",
            "target_value": d["target_value"],
            "unit": d["unit"],
            "period": d["period"],
            "per_village": d["per_village"],
            "village_id": d["village"],
            "due_on": d["due_on"].isoformat() if d["due_on"] else "",
        }


class RecipientForm(forms.Form):
    name = forms.CharField(label=_("Nơi nhận"), max_length=200)
    purpose = forms.CharField(
        label=_("Mục đích gửi"), max_length=40, required=False, help_text=_("Ví dụ: để b/c; để t/h")
    )


# section key → (title, item form, how data items become initial form values)
SECTIONS: dict[str, tuple[Any, type[forms.Form]]] = {
    "legal_bases": (_("Căn cứ"), LegalBasisForm),
    "purposes": (_("Mục đích"), TextItemForm),
    "requirements": (_("Yêu cầu"), TextItemForm),
    "themes": (_("Nội dung tuyên truyền"), ThemeForm),
    "channels": (_("Hình thức tuyên truyền"), ChannelForm),
    "funding_sources": (_("Nguồn kinh phí"), FundingForm),
    "assignments": (_("Tổ chức thực hiện"), AssignmentForm),
    "targets": (_("Chỉ tiêu"), TargetForm),
    "recipients": (_("Nơi nhận"), RecipientForm),
}


def initial_items(section: str, items: list[Any]) -> list[dict[str, Any]]:
    if section in {"purposes", "requirements"}:
        return [{"text": t} for t in items]
    if section == "assignments":
        return [
            {**a, "org_unit": a["org_unit_id"], "duties": "\n".join(a["duties"])} for a in items
        ]
    if section in {"legal_bases", "targets"}:
        out = []
        for item in items:
            row = dict(item)
            for key in ("issued_on", "due_on"):
                if row.get(key):
                    row[key] = dt.date.fromisoformat(row[key])
            if section == "targets":
                row["village"] = row.get("village_id")
            out.append(row)
        return out
    return [dict(i) for i in items]


def items_from(section: str, formset: Any) -> list[Any]:
    """The section's items in the order the user chose, deleted ones left out."""
    items: list[Any] = []
    for form in formset.ordered_forms:
        if not form.has_changed() and not form.initial:
            continue
        if hasattr(form, "item"):
            items.append(form.item())
        elif section in {"purposes", "requirements"}:
            items.append(form.cleaned_data["text"])
        else:
            items.append(
                {k: v for k, v in form.cleaned_data.items() if k not in {"ORDER", "DELETE"}}
            )
    if section == "themes":
        # Keep the plan's own lettering: many plans skip "đ" (a b c d e g), others use it.
        old = [f.initial.get("letter", "") for f in formset.initial_forms]
        skip_d = len(old) >= 5 and "đ" not in old
        for i, theme in enumerate(items):
            theme["letter"] = letter(i, skip_d=skip_d)
    return items


def section_formset(
    section: str,
    *,
    data: Any = None,
    initial: Any = None,
    units: Any = None,
    villages: Any = None,
) -> Any:
    """`units`: the commune's org units (id, name) for assignments; `villages`: its villages
    (id, name) for targets — the only choices the form accepts."""
    form_class = SECTIONS[section][1]
    formset_class = formset_factory(form_class, extra=1, can_delete=True, can_order=True)
    kwargs: dict[str, Any] = {"prefix": section}
    if form_class is AssignmentForm:
        kwargs["form_kwargs"] = {"units": units or []}
    if form_class is TargetForm:
        kwargs["form_kwargs"] = {"villages": villages or []}
    return formset_class(data=data, initial=initial, **kwargs)
