from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from loalang.activities.models import Activity
from loalang.commendations.models import Commendation
from loalang.commendations.selectors import activity_choices
from loalang.core.forms import DateInput
from loalang.people.models import DigitalTeam, OrgUnit, Person
from loalang.places.models import Village
from loalang.plans.models import Plan
from loalang.tasks.forms import limit_choices


def activity_label(obj: Activity) -> str:
    return f"{obj.held_on:%d/%m/%Y} — {obj.title[:120]} ({obj.get_kind_display()})"


class ActivitiesField(forms.ModelMultipleChoiceField):
    """Activity ids, checked against the commune's verified activities.

    Rendered as checkboxes for the activities already chosen only (never the commune's
    whole list: thousands of options); the search below the field offers the others."""

    widget = forms.CheckboxSelectMultiple
    default_error_messages = {
        "invalid_choice": _(
            "Hoạt động mã %(value)s không phải hoạt động đã xác nhận của xã này; "
            "hãy tìm và chọn lại."
        ),
        "invalid_pk_value": _("“%(pk)s” không phải mã hoạt động."),
    }

    def label_from_instance(self, obj: Activity) -> str:
        return activity_label(obj)


class CommendationForm(forms.ModelForm):
    activities = ActivitiesField(
        label=_("Hoạt động tiêu biểu"), queryset=Activity.objects.none(), required=False
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
            "awarded_on": DateInput(),
        }

    def __init__(self, *args: Any, commune: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "org_unit", OrgUnit.objects.filter(commune=commune))
        limit_choices(self, "village", Village.objects.filter(commune=commune))
        limit_choices(self, "team", DigitalTeam.objects.filter(commune=commune))
        limit_choices(self, "person", Person.objects.filter(commune=commune))
        limit_choices(self, "plan", Plan.objects.filter(commune=commune))
        allowed = activity_choices(commune=commune)
        if self.instance.pk:
            # Activities already cited stay acceptable even if one was later sent back for
            # correction: editing the reason must not fail because of it.
            allowed = Activity.objects.filter(commune=commune).filter(
                Q(status=Activity.Status.VERIFIED) | Q(pk__in=self.instance.activities.values("pk"))
            )
        limit_choices(self, "activities", allowed.order_by("-held_on", "-id"))
        self.selected_activities = self._selected(commune)
        field = self.fields["activities"]
        field.widget.choices = [(a.pk, activity_label(a)) for a in self.selected_activities]

    def selected_ids(self) -> list[int]:
        """The activity ids the user has chosen (posted or initial), valid numbers only."""
        if self.is_bound:
            raw = self.fields["activities"].widget.value_from_datadict(
                self.data, self.files, self.add_prefix("activities")
            )
        else:
            raw = self.get_initial_for_field(self.fields["activities"], "activities")
        ids = []
        for value in raw or []:
            value = getattr(value, "pk", value)
            try:
                ids.append(int(value))
            except (TypeError, ValueError):
                continue
        return ids

    def _selected(self, commune: Any) -> list[Activity]:
        ids = self.selected_ids()
        if not ids:
            return []
        field = self.fields["activities"]
        assert isinstance(field, forms.ModelMultipleChoiceField) and field.queryset is not None
        return list(field.queryset.filter(pk__in=ids[:500]).only("id", "title", "held_on", "kind"))
