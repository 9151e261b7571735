from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from loalang.core.forms import CommuneScopedForm, DateInput, name_taken
from loalang.places.models import Commune, CommuneMerger, Village


class VillageForm(CommuneScopedForm):
    class Meta:
        model = Village
        fields = ["kind", "name", "households", "population", "sort_order"]

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if name_taken(
            Village.objects.filter(commune=self.commune), name, exclude_pk=self.instance.pk
        ):
            raise forms.ValidationError(_("Đã có thôn, bản tên này trong xã."))
        return name


class CommuneContactForm(forms.ModelForm):
    class Meta:
        model = Commune
        fields = ["address", "phone", "email", "website", "numbers_from_register"]


class MergerForm(forms.ModelForm):
    class Meta:
        model = CommuneMerger
        fields = ["former_name", "former_code", "effective_on", "legal_basis"]
        widgets = {"effective_on": DateInput()}
