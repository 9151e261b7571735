from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from loalang.activities.models import Activity
from loalang.commendations.models import Commendation
from loalang.people.models import DigitalTeam, OrgUnit, Person
from loalang.places.models import Village
from loalang.plans.models import Plan
from loalang.tasks.forms import limit_choices


class ActivitiesField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Activity) -> str:
        return f"{obj.held_on:%d/%m/%Y} — {obj.title[:90]}"


class CommendationForm(forms.ModelForm):
    activities = ActivitiesField(
        label=_("Hoạt động tiêu biểu"),
        queryset=Activity.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    class Meta:
        model = Commendation
        fields = [
            "subject_kind",
            "org_unit",
            "village",
            "team",
            "person",
            "reason",
            "awarded_on",
            "decision_ref",
            "plan",
            "activities",
            "is_public",
        ]
        widgets = {
            "reason": forms.Textarea(attrs={"rows": 3}),
            "awarded_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args: Any, commune: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "org_unit", OrgUnit.objects.filter(commune=commune))
        limit_choices(self, "village", Village.objects.filter(commune=commune))
        limit_choices(self, "team", DigitalTeam.objects.filter(commune=commune))
        limit_choices(self, "person", Person.objects.filter(commune=commune))
        limit_choices(self, "plan", Plan.objects.filter(commune=commune))
        limit_choices(
            self,
            "activities",
            Activity.objects.filter(commune=commune, status=Activity.Status.VERIFIED).order_by(
                "-held_on", "-id"
            ),
        )
