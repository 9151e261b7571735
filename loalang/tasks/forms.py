from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from loalang.accounts.models import User
from loalang.core.forms import DateInput
from loalang.people.models import OrgUnit, Person
from loalang.plans.models import Plan
from loalang.tasks.models import Task
from loalang.tasks.selectors import OVERDUE


def limit_choices(form: forms.BaseForm, name: str, queryset: Any) -> None:
    """Offer only `queryset` (the commune's own records) in a model choice field."""
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = queryset


def commune_users(commune: Any) -> Any:
    return (
        User.objects.filter(
            memberships__commune=commune, memberships__is_active=True, is_active=True
        )
        .distinct()
        .order_by("full_name", "username")
    )


class TaskForm(forms.ModelForm):
    class Meta:
        model = Task
        fields = [
            "title",
            "description",
            "plan",
            "org_unit",
            "assignee_user",
            "assignee_person",
            "starts_on",
            "due_on",
            "recurrence",
            "repeat_until",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "starts_on": DateInput(),
            "due_on": DateInput(),
            "repeat_until": DateInput(),
        }
        help_texts = {
            "assignee_user": _("Người có tài khoản sẽ nhận thông báo và thư nhắc việc."),
            "assignee_person": _("Hoặc chọn cán bộ trong danh sách (nếu chưa có tài khoản)."),
            "recurrence": _(
                "Nhiệm vụ định kỳ (ví dụ báo cáo hằng tháng) tự tạo một lần thực hiện cho "
                "mỗi kỳ, hạn là ngày cuối kỳ."
            ),
        }

    def __init__(self, *args: Any, commune: Any, is_edit: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "plan", Plan.objects.filter(commune=commune))
        limit_choices(self, "org_unit", OrgUnit.objects.filter(commune=commune))
        limit_choices(self, "assignee_user", commune_users(commune))
        limit_choices(
            self, "assignee_person", Person.objects.filter(commune=commune, is_active=True)
        )
        if is_edit:
            # A one-off task stays one-off; a series stays a series (see task_update).
            self.fields["recurrence"].disabled = True
            if self.instance.series_id:
                for name in ("recurrence", "repeat_until", "starts_on"):
                    self.fields.pop(name)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("recurrence") and not data.get("due_on") and "due_on" in self.fields:
            self.add_error("due_on", _("Hãy chọn hạn hoàn thành (hoặc chọn lặp lại định kỳ)."))
        return data


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*,.pdf,.docx,.xlsx"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class ProgressForm(forms.Form):
    status = forms.ChoiceField(label=_("Trạng thái"), choices=Task.Status.choices)
    progress_pct = forms.IntegerField(
        label=_("Tiến độ (%)"), min_value=0, max_value=100, required=False
    )
    note = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    evidence = MultipleFileField(
        label=_("Minh chứng (ảnh, PDF, DOCX, XLSX)"),
        required=False,
        help_text=_("Ảnh được thu nhỏ và xoá thông tin vị trí trước khi lưu."),
    )


class TaskFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Trạng thái"),
        required=False,
        choices=[
            ("", _("Tất cả")),
            ("open", _("Chưa hoàn thành")),
            (OVERDUE, _("Quá hạn")),
            *Task.Status.choices,
        ],
    )
    org_unit = forms.ModelChoiceField(
        label=_("Đơn vị"), required=False, queryset=OrgUnit.objects.none()
    )
    mine = forms.BooleanField(label=_("Chỉ việc của tôi"), required=False)

    def __init__(self, *args: Any, commune: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "org_unit", OrgUnit.objects.filter(commune=commune))
