"""Forms of the plan import: the upload/paste form, and the review form — every field the
parser proposed, editable, reusing the plan editor's section forms (`forms.SECTIONS`)."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from loalang.core.forms import DateInput
from loalang.plans.data import ImportedHeader, PlanData, Section, empty_data, with_header
from loalang.plans.forms import TEXTAREA, HeaderForm, initial_items, items_from, section_formset
from loalang.plans.importer.sources import paragraphs_from_upload
from loalang.plans.models import PlanImportDraft

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

MAX_TEXT = 200_000
# The review's sections, in document order (targets are not in imported plans).
REVIEW_SECTIONS: list[tuple[Section, StrOrPromise]] = [
    ("legal_bases", _lazy("Căn cứ")),
    ("purposes", _lazy("Mục đích")),
    ("requirements", _lazy("Yêu cầu")),
    ("themes", _lazy("Nội dung tuyên truyền")),
    ("channels", _lazy("Hình thức tuyên truyền")),
    ("funding_sources", _lazy("Nguồn kinh phí")),
    ("assignments", _lazy("Tổ chức thực hiện")),
    ("recipients", _lazy("Nơi nhận")),
]


class ImportForm(forms.Form):
    text = forms.CharField(
        label=_lazy("Dán nội dung kế hoạch"), required=False, max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 12}),
    )  # fmt: skip
    file = forms.FileField(
        label=_lazy("Hoặc tải lên tệp Word (.docx), PDF có lớp chữ hoặc .txt"), required=False
    )

    def clean_file(self) -> list[str] | None:
        upload = self.cleaned_data.get("file")
        if upload is None:
            return None
        return paragraphs_from_upload(upload)  # raises ValidationError at the field

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("file") and not (data.get("text") or "").strip() and not self.errors:
            raise ValidationError(_("Dán nội dung hoặc chọn một tệp .docx, .pdf, .txt."))
        return data


class ImportHeaderForm(HeaderForm):
    """The plan editor's header, plus what only an imported text has: its type, its own
    number and date (kept for the record; a draft gets its number when issued)."""

    type_name = forms.CharField(label=_lazy("Loại văn bản"), max_length=40)
    number = forms.CharField(
        label=_lazy("Số (trên bản gốc)"), max_length=10, required=False,
        help_text=_lazy("Để trống nếu bản gốc để trống số."),
    )  # fmt: skip
    issued_on = forms.DateField(
        label=_lazy("Ngày ban hành (bản gốc)"), required=False,
        widget=DateInput(),
    )  # fmt: skip
    place = forms.CharField(label=_lazy("Địa danh"), max_length=120, required=False)
    issuer = forms.CharField(
        label=_lazy("Cơ quan ban hành"), max_length=200, required=False,
        widget=forms.Textarea(attrs={"rows": 2}), help_text=_lazy("Mỗi dòng in một dòng."),
    )  # fmt: skip
    title = forms.CharField(
        label=_lazy("Trích yếu"), max_length=300, widget=forms.Textarea(attrs={"rows": 3})
    )

    field_order = ["issuer", "type_name", "number", "symbol", "place", "issued_on", "title",
                   "year"]  # fmt: skip

    def clean_number(self) -> str:
        number = self.cleaned_data["number"].strip()
        if number and not re.fullmatch(r"\d{1,6}", number):
            raise ValidationError(_("Số văn bản chỉ gồm chữ số, ví dụ: 07."))
        return number

    def to_value(self) -> ImportedHeader:
        d = self.cleaned_data
        return {
            **super().to_value(),
            "type_name": d["type_name"].strip(),
            "number": d["number"],
            "issued_on": d["issued_on"].isoformat() if d["issued_on"] else "",
        }


class UnplacedForm(forms.Form):
    text = forms.CharField(
        label=_lazy("Đoạn chưa xếp được"), required=False, max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_lazy("Cắt từng đoạn, dán vào đúng mục ở trên rồi xoá khỏi ô này."),
    )  # fmt: skip
    discard = forms.BooleanField(label=_lazy("Bỏ các đoạn này khi lưu"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (data.get("text") or "").strip() and not data.get("discard"):
            self.add_error(
                "text",
                _("Còn đoạn chưa xếp: dán vào đúng mục, xoá đi, hoặc chọn “Bỏ các đoạn này”."),
            )
        return data


def _header_initial(draft: PlanImportDraft) -> dict[str, Any]:
    data = draft.data
    signer = data.get("signer") or {}
    initial = {k: data.get(k, "") for k in ("title", "year", "symbol", "place", "parent_issuer",
                                            "issuer", "preamble", "funding_text", "closing",
                                            "type_name")}  # fmt: skip
    initial["number"] = data.get("number") or _number_of(draft.original_number)
    if data.get("issued_on"):
        initial["issued_on"] = dt.date.fromisoformat(data["issued_on"])
    for key in ("authority", "deputy", "title", "name"):
        initial[f"signer_{key}"] = signer.get(key, "")
    return initial


def _number_of(original: str) -> str:
    m = re.match(r"^(\d+)[/-]", original)
    return m.group(1) if m else ""


class ReviewForms:
    """The header form, one formset per section and the unplaced paragraphs, bound together
    (to POST data, to the draft's last submitted state, or unbound on the parser's data)."""

    def __init__(self, draft: PlanImportDraft, data: QueryDict | None = None) -> None:
        self.draft = draft
        if data is None and draft.form_state:
            data = QueryDict(mutable=True)
            for key, values in draft.form_state.items():
                data.setlist(key, values)
        parsed = {**empty_data(), **draft.data}
        self.header = ImportHeaderForm(data, prefix="header", initial=_header_initial(draft))
        self.formsets = {
            key: section_formset(key, data=data, initial=initial_items(key, parsed[key]))
            for key, _label in REVIEW_SECTIONS
        }
        unplaced = "\n\n".join(draft.unplaced)
        self.unplaced = UnplacedForm(data, prefix="unplaced", initial={"text": unplaced})

    def is_valid(self) -> bool:
        results = [self.header.is_valid(), self.unplaced.is_valid()]
        results += [formset.is_valid() for formset in self.formsets.values()]
        return all(results)

    def to_data(self) -> PlanData:
        data = with_header(empty_data(), self.header.to_value())
        data["year"] = self.header.cleaned_data["year"]
        for key, formset in self.formsets.items():
            data[key] = items_from(key, formset)
        return data

    def error_summary(self) -> list[str]:
        """'Ký hiệu: …', 'Căn cứ 2 – Số: …': each error named by its field, in Vietnamese."""
        out = [f"{self.header.fields[name].label}: {e}" if name != "__all__" else str(e)
               for name, errors in self.header.errors.items() for e in errors]  # fmt: skip
        for key, label in REVIEW_SECTIONS:
            formset = self.formsets[key]
            out += [f"{label}: {e}" for e in formset.non_form_errors()]
            for i, form in enumerate(formset.forms, start=1):
                for name, errors in form.errors.items():
                    field = form.fields[name].label if name in form.fields else ""
                    out += [f"{label} {i} – {field}: {e}" if field else f"{label} {i}: {e}"
                            for e in errors]  # fmt: skip
        out += [f"{self.unplaced.fields['text'].label}: {e}" for e in self.unplaced.errors.get(
            "text", [])]  # fmt: skip
        return out

    def layout(self) -> dict[str, Any]:
        """What the template walks: fields and forms with the parser's notes beside them."""
        notes = self.draft.notes or {}
        header_keys = {"number", "issued_on", "issuer", "title", "year", "symbol", "place"}
        header = [(field, notes.get(field.name, []) if field.name in header_keys else [])
                  for field in self.header]  # fmt: skip
        sections = []
        for key, label in REVIEW_SECTIONS:
            formset = self.formsets[key]
            forms_ = [(form, notes.get(f"{key}.{i}", [])) for i, form in enumerate(formset)]
            sections.append({"key": key, "label": label, "formset": formset,
                             "notes": notes.get(key, []), "forms": forms_})  # fmt: skip
        return {"header": header, "sections": sections, "unplaced": self.unplaced,
                "unplaced_notes": notes.get("unplaced", []),
                "unplaced_items": self.draft.unplaced}  # fmt: skip


__all__ = ["TEXTAREA", "ImportForm", "ReviewForms"]
