from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from loalang.core.forms import DateTimeInput
from loalang.privacy.models import Incident
from loalang.privacy.registry import Category, SubjectGroup
from loalang.privacy.services import FIELDS


class IncidentForm(forms.ModelForm):
    data_categories = forms.MultipleChoiceField(
        label=_("Loại dữ liệu bị ảnh hưởng"),
        choices=Category.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    subject_groups = forms.MultipleChoiceField(
        label=_("Chủ thể dữ liệu bị ảnh hưởng"),
        choices=SubjectGroup.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Incident
        fields = list(FIELDS)
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "consequences": forms.Textarea(attrs={"rows": 3}),
            "actions_taken": forms.Textarea(attrs={"rows": 3}),
            "late_reason": forms.Textarea(attrs={"rows": 2}),
            "occurred_at": DateTimeInput(),
            "found_at": DateTimeInput(),
            "authority_notified_at": DateTimeInput(),
            "subjects_notified_at": DateTimeInput(),
            "contact_phone": forms.TextInput(attrs={"inputmode": "numeric"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contact_phone"].widget.attrs.setdefault("autocomplete", "off")

    def clean_contact_phone(self) -> str:
        raw = self.cleaned_data.get("contact_phone", "")
        return "".join(ch for ch in raw if not ch.isspace() and ch not in ".-")
