from __future__ import annotations

from collections.abc import Iterator
from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from loalang.core.forms import DateInput
from loalang.core.text import vi_sort_key
from loalang.places.models import Commune, Province
from loalang.provinces.imports import KINDS


class _VietnameseOrder(ModelChoiceIterator):
    """Communes in Vietnamese alphabetical order (core.text.vi_sort_key), not by code point."""

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in sorted(self.queryset, key=lambda c: vi_sort_key(c.name)):
            yield self.choice(obj)


def _communes_in_order(field: forms.Field, queryset: QuerySet[Commune]) -> None:
    choice = cast(forms.ModelChoiceField, field)
    choice.iterator = _VietnameseOrder
    choice.queryset = queryset


class CommuneCreateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại"), choices=Commune.Kind.choices)
    name = forms.CharField(label=_("Tên (không kèm chữ “xã”)"), max_length=120)
    code = forms.CharField(label=_("Mã đơn vị hành chính"), max_length=10, required=False)


class MergeForm(forms.Form):
    target = forms.ModelChoiceField(
        label=_("Xã, phường mới (nhận dữ liệu)"), queryset=Commune.objects.none()
    )
    sources = forms.ModelMultipleChoiceField(
        label=_("Các xã, phường sáp nhập vào"),
        queryset=Commune.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    effective_on = forms.DateField(
        label=_("Ngày có hiệu lực"),
        widget=DateInput(),
    )
    legal_basis = forms.CharField(label=_("Căn cứ (nghị quyết)"), max_length=255, required=False)
    confirm = forms.BooleanField(
        label=_(
            "Tôi hiểu: mọi dữ liệu của các xã sáp nhập chuyển sang xã mới; không hoàn tác được."
        ),
    )

    def __init__(self, *args: Any, province: Province, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        qs = Commune.objects.filter(province=province, successor__isnull=True)
        _communes_in_order(self.fields["target"], qs)
        _communes_in_order(self.fields["sources"], qs)


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Nhập"), choices=list(KINDS.items()))
    file = forms.FileField(label=_("Tệp theo mẫu (.xlsx hoặc .csv)"))


class DefaultsForm(forms.Form):
    indicator_set: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Bộ chỉ tiêu áp dụng toàn tỉnh"), queryset=Commune.objects.none()
    )
    recipients = forms.CharField(
        label=_("Cơ quan nhận báo cáo (Kính gửi), mỗi dòng một cơ quan"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, province: Province, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from django.db.models import Q

        from loalang.reports.models import IndicatorSet

        indicator_set = cast(forms.ModelChoiceField, self.fields["indicator_set"])
        indicator_set.queryset = IndicatorSet.objects.filter(
            Q(province__isnull=True) | Q(province=province, communes__isnull=True), is_active=True
        ).distinct()


class HostForm(forms.Form):
    commune = forms.ModelChoiceField(label=_("Xã, phường"), queryset=Commune.objects.none())
    host = forms.CharField(label=_("Tên miền"), max_length=253)
    is_primary = forms.BooleanField(label=_("Địa chỉ chính"), required=False, initial=True)

    def __init__(self, *args: Any, province: Province, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _communes_in_order(
            self.fields["commune"], Commune.objects.filter(province=province, is_active=True)
        )
        if province.domain:
            self.fields["host"].help_text = _("Ví dụ: <tên xã>.%(d)s") % {"d": province.domain}
