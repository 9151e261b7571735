"""Forms of the activity log: the common part, one detail form per form of activity, the
phone quick-entry form and the return-with-comment form."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from loalang.activities.details import (
    BulletinIssue,
    GuidanceCount,
    PortalPost,
    PrintedMaterial,
    PropagandistSession,
    RadioBroadcast,
    SmsCampaign,
    SocialPost,
    TeamGuidance,
    VisualItem,
)
from loalang.activities.models import Activity
from loalang.budget.models import FundingSource
from loalang.core.channels import Channel
from loalang.core.forms import DateInput
from loalang.events.models import Event
from loalang.people.models import DigitalTeam, OrgUnit, Person
from loalang.places.models import Village
from loalang.plans.models import Plan, PlanTheme
from loalang.plans.selectors import theme_choices, theme_label


class ActivityForm(forms.ModelForm):
    """What every activity carries, whatever its form."""

    class Meta:
        model = Activity
        fields = [
            "title",
            "held_on",
            "ended_on",
            "plan",
            "themes",
            "channel",
            "villages",
            "org_unit",
            "team",
            "reach",
            "cost_vnd",
            "funding_source",
            "minutes",
            "description",
        ]
        widgets = {
            "held_on": DateInput(),
            "ended_on": DateInput(),
            "themes": forms.CheckboxSelectMultiple,
            "villages": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, commune: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        f: dict[str, Any] = self.fields
        f["plan"].queryset = Plan.objects.filter(commune=commune)
        keep = self.instance.themes.all() if self.instance.pk else ()
        f["themes"].queryset = theme_choices(commune=commune, keep=keep)
        f["themes"].label_from_instance = theme_label
        f["villages"].queryset = Village.objects.filter(commune=commune)
        f["org_unit"].queryset = OrgUnit.objects.filter(commune=commune)
        f["team"].queryset = DigitalTeam.objects.filter(commune=commune)
        f["funding_source"].queryset = FundingSource.objects.filter(
            plan__commune=commune
        ).select_related("plan")
        f["cost_vnd"].required = False
        f["channel"].required = False
        f["channel"].help_text = _("Để trống: theo hình thức hoạt động.")
        if kind == Activity.Kind.VISUAL:
            f["channel"].choices = [
                ("", "—"),
                (Channel.VISUAL, Channel.VISUAL.label),
                (Channel.NOTICE_BOARD, Channel.NOTICE_BOARD.label),
            ]
        else:
            del f["channel"]
        if kind != Activity.Kind.RADIO_BROADCAST:
            del f["minutes"]
        if kind != Activity.Kind.TEAM_GUIDANCE:
            del f["team"]
        if not self.instance.pk:
            f["held_on"].initial = timezone.localdate()
            plan = Plan.objects.filter(commune=commune).order_by("-year").first()
            f["plan"].initial = plan.pk if plan else None

    def clean_cost_vnd(self) -> int:
        return self.cleaned_data.get("cost_vnd") or 0

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        plan, themes = data.get("plan"), data.get("themes")
        if plan and themes and any(t.plan_id != plan.pk for t in themes):
            self.add_error("themes", _("Nội dung tuyên truyền phải thuộc kế hoạch đã chọn."))
        fs = data.get("funding_source")
        if fs and plan and fs.plan_id != plan.pk:
            self.add_error("funding_source", _("Nguồn kinh phí phải thuộc kế hoạch đã chọn."))
        if data.get("cost_vnd") and not fs:
            self.add_error("funding_source", _("Có kinh phí thì phải chọn nguồn kinh phí."))
        return data

    def service_fields(self) -> dict[str, Any]:
        names = set(ActivityForm.Meta.fields) - {"themes", "villages"}
        return {k: v for k, v in self.cleaned_data.items() if k in names}


class _DetailForm(forms.ModelForm):
    def __init__(self, *args: Any, commune: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commune = commune

    def service_detail(self) -> dict[str, Any]:
        fields = self._meta.fields or ()
        return {k: v for k, v in self.cleaned_data.items() if k in fields}


class PortalPostForm(_DetailForm):
    url = forms.URLField(
        label=_("Đường dẫn bài viết"), max_length=500, required=False, assume_scheme="https"
    )

    class Meta:
        model = PortalPost
        fields = ["url", "views"]


class SocialPostForm(_DetailForm):
    url = forms.URLField(
        label=_("Đường dẫn bài đăng"), max_length=500, required=False, assume_scheme="https"
    )

    class Meta:
        model = SocialPost
        fields = ["platform", "url", "views", "reactions", "comments", "shares"]


class RadioBroadcastForm(_DetailForm):
    class Meta:
        model = RadioBroadcast
        fields = ["station", "times_aired"]


class VisualItemForm(_DetailForm):
    class Meta:
        model = VisualItem
        fields = [
            "item_kind",
            "text",
            "quantity",
            "village",
            "location",
            "latitude",
            "longitude",
            "put_up_on",
            "taken_down_on",
        ]
        widgets = {
            "put_up_on": DateInput(),
            "taken_down_on": DateInput(),
            "text": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["village"]).queryset = Village.objects.filter(
            commune=self.commune
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        up, down = data.get("put_up_on"), data.get("taken_down_on")
        if up and down and down < up:
            self.add_error("taken_down_on", _("Ngày tháo dỡ không thể trước ngày treo, dựng."))
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            self.add_error("longitude", _("Cần cả vĩ độ và kinh độ, hoặc để trống cả hai."))
        return data


class BulletinIssueForm(_DetailForm):
    class Meta:
        model = BulletinIssue
        fields = ["issue", "copies"]


class PrintedMaterialForm(_DetailForm):
    """Copies printed, and copies handed out in each village (one number field per village)."""

    class Meta:
        model = PrintedMaterial
        fields = ["material_kind", "copies_printed"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.villages = list(Village.objects.filter(commune=self.commune))
        existing = {}
        if self.instance.pk:
            existing = {d.village_id: d.copies for d in self.instance.distributions.all()}
        for v in self.villages:
            self.fields[f"village_{v.pk}"] = forms.IntegerField(
                label=_("Phát tại %(v)s") % {"v": v},
                min_value=0,
                required=False,
                initial=existing.get(v.pk),
            )

    def distributions(self) -> dict[Any, int]:
        return {v: self.cleaned_data.get(f"village_{v.pk}") or 0 for v in self.villages}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        handed = sum(data.get(f"village_{v.pk}") or 0 for v in self.villages)
        if data.get("copies_printed") is not None and handed > data["copies_printed"]:
            self.add_error(None, _("Số bản phát tại các thôn lớn hơn số bản in."))
        return data


class EventForm(_DetailForm):
    class Meta:
        model = Event
        fields = [
            "event_kind",
            "place",
            "organiser",
            "officials",
            "team_members",
            "residents",
            "women",
            "ethnic_minorities",
        ]


class TeamGuidanceForm(_DetailForm):
    """Households in total, and households and people per platform."""

    class Meta:
        model = TeamGuidance
        fields = ["households", "people"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        existing = {}
        if self.instance.pk:
            existing = {c.platform: c for c in self.instance.counts.all()}
        for code, label in GuidanceCount.Platform.choices:
            c = existing.get(code)
            self.fields[f"hh_{code}"] = forms.IntegerField(
                label=_("%(p)s: số hộ") % {"p": label},
                min_value=0,
                required=False,
                initial=c.households if c else None,
            )
            self.fields[f"pp_{code}"] = forms.IntegerField(
                label=_("%(p)s: số người") % {"p": label},
                min_value=0,
                required=False,
                initial=c.people if c else None,
            )

    def guidance(self) -> dict[str, tuple[int, int]]:
        d = self.cleaned_data
        return {
            code: (d.get(f"hh_{code}") or 0, d.get(f"pp_{code}") or 0)
            for code in GuidanceCount.Platform.values
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        enrolled = data.get("pp_bdhvs_enrolled") or 0
        if (data.get("pp_bdhvs_completed") or 0) > enrolled and enrolled:
            self.add_error("pp_bdhvs_completed", _("Số người hoàn thành lớn hơn số đăng ký học."))
        return data


class PropagandistSessionForm(_DetailForm):
    class Meta:
        model = PropagandistSession
        fields = ["propagandist", "sessions", "place"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["propagandist"]).queryset = Person.objects.filter(
            commune=self.commune
        )


class SmsCampaignForm(_DetailForm):
    class Meta:
        model = SmsCampaign
        fields = ["provider", "messages_sent", "messages_delivered"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        sent, delivered = data.get("messages_sent"), data.get("messages_delivered")
        if sent is not None and delivered is not None and delivered > sent:
            self.add_error("messages_delivered", _("Số tin thành công lớn hơn số tin đã gửi."))
        return data


DETAIL_FORMS: dict[str, type[_DetailForm]] = {
    Activity.Kind.PORTAL_POST: PortalPostForm,
    Activity.Kind.SOCIAL_POST: SocialPostForm,
    Activity.Kind.RADIO_BROADCAST: RadioBroadcastForm,
    Activity.Kind.VISUAL: VisualItemForm,
    Activity.Kind.BULLETIN: BulletinIssueForm,
    Activity.Kind.PRINTED: PrintedMaterialForm,
    Activity.Kind.EVENT: EventForm,
    Activity.Kind.TEAM_GUIDANCE: TeamGuidanceForm,
    Activity.Kind.PROPAGANDIST: PropagandistSessionForm,
    Activity.Kind.SMS: SmsCampaignForm,
}


class EvidenceForm(forms.Form):
    files = forms.FileField(  # type: ignore[assignment]
        label=_("Ảnh, bản chụp danh sách ký tên hoặc tệp PDF"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/*,application/pdf"}),
    )
    purpose = forms.ChoiceField(
        label=_("Loại minh chứng"),
        choices=[
            ("photo", _("Ảnh hoạt động")),
            ("sign_in_sheet", _("Danh sách ký tên (bản chụp)")),
            ("document", _("Văn bản, tài liệu")),
        ],
    )
    keep_location = forms.BooleanField(
        label=_("Giữ toạ độ GPS của ảnh (mặc định: xoá để bảo vệ người trong ảnh)"),
        required=False,
    )


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("Cần bổ sung, sửa gì"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


QUICK_KINDS = [
    Activity.Kind.EVENT,
    Activity.Kind.TEAM_GUIDANCE,
    Activity.Kind.PROPAGANDIST,
    Activity.Kind.VISUAL,
    Activity.Kind.SOCIAL_POST,
    Activity.Kind.RADIO_BROADCAST,
]


class QuickEntryForm(forms.Form):
    """The phone screen: five required fields, a photo, a client token (ADR 0022)."""

    kind = forms.ChoiceField(label=_("Hình thức"))
    title = forms.CharField(label=_("Nội dung hoạt động"), max_length=300)
    held_on = forms.DateField(label=_("Ngày"), widget=DateInput())
    village = forms.ModelChoiceField(label=_("Thôn"), queryset=Village.objects.none())
    reach = forms.IntegerField(label=_("Số người tham gia, được tiếp cận"), min_value=0)
    themes = forms.ModelMultipleChoiceField(
        label=_("Nội dung tuyên truyền"),
        queryset=PlanTheme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    photo = forms.FileField(
        label=_("Ảnh"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}),
    )
    token = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, commune: Any, village_ids: Any, plan: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        villages = Village.objects.filter(commune=commune)
        if village_ids is not None:
            villages = villages.filter(pk__in=village_ids)
        cast(forms.ModelChoiceField, self.fields["village"]).queryset = villages
        cast(forms.ChoiceField, self.fields["kind"]).choices = [
            (k.value, k.label) for k in QUICK_KINDS
        ]
        themes = cast(forms.ModelMultipleChoiceField, self.fields["themes"])
        themes.queryset = (
            PlanTheme.objects.filter(plan=plan).select_related("plan")
            if plan
            else PlanTheme.objects.none()
        )
        setattr(themes, "label_from_instance", theme_label)  # noqa: B010 - an instance override
        themes.help_text = _(
            "Không bắt buộc. Đã chọn sẵn nội dung của lần ghi trước; bỏ chọn nếu không đúng."
        )
        self.fields["held_on"].initial = timezone.localdate()
        if villages.count() == 1:
            self.fields["village"].initial = villages.first()

    def clean_held_on(self) -> Any:
        day = self.cleaned_data["held_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Ngày thực hiện không thể ở tương lai."))
        return day
