from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from loalang.core.forms import CommuneScopedForm, DateInput, name_taken
from loalang.people.models import DigitalTeam, OrgUnit, Person, TeamMember


class OrgUnitForm(CommuneScopedForm):
    class Meta:
        model = OrgUnit
        fields = ["kind", "name", "short_name", "parent", "sort_order"]

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if name_taken(
            OrgUnit.objects.filter(commune=self.commune), name, exclude_pk=self.instance.pk
        ):
            raise forms.ValidationError(_("Đã có cơ quan, đơn vị tên này."))
        return name


class PersonForm(CommuneScopedForm):
    class Meta:
        model = Person
        fields = [
            "full_name",
            "position_title",
            "org_unit",
            "village",
            "phone",
            "email",
            "is_active",
        ]
        widgets = {"phone": forms.TextInput(attrs={"type": "tel", "inputmode": "tel"})}

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        digits = "".join(ch for ch in phone if ch.isdigit())
        if phone and not (9 <= len(digits) <= 11 and set(phone) <= set("0123456789 +.-")):
            raise forms.ValidationError(_("Số điện thoại không hợp lệ (9–11 chữ số)."))
        return phone


class DigitalTeamForm(CommuneScopedForm):
    class Meta:
        model = DigitalTeam
        fields = ["name", "village", "established_on"]
        widgets = {"established_on": DateInput()}

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if name_taken(
            DigitalTeam.objects.filter(commune=self.commune), name, exclude_pk=self.instance.pk
        ):
            raise forms.ValidationError(_("Đã có tổ tên này."))
        return name


class TeamMemberForm(forms.ModelForm):
    class Meta:
        model = TeamMember
        fields = ["person", "role"]

    def __init__(self, *args, team: DigitalTeam, **kwargs):
        super().__init__(*args, **kwargs)
        self.team = team
        person_field = cast(forms.ModelChoiceField, self.fields["person"])
        person_field.queryset = Person.objects.filter(commune=team.commune, is_active=True)

    def clean_person(self) -> Person:
        person = self.cleaned_data["person"]
        if (
            TeamMember.objects.filter(team=self.team, person=person)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            raise forms.ValidationError(_("Người này đã là thành viên của tổ."))
        return person
