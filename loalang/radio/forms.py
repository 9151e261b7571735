"""Forms of the radio staff pages. Querysets are limited to the commune in __init__."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from loalang.core.forms import DateInput, TimeInput
from loalang.plans.selectors import theme_choices, theme_label
from loalang.radio.models import Bulletin, Cluster, Language, RadioSettings, Slot
from loalang.radio.speech.base import get_engine
from loalang.radio.validation import check_script

WEEKDAYS = [
    ("1", _("Thứ Hai")),
    ("2", _("Thứ Ba")),
    ("3", _("Thứ Tư")),
    ("4", _("Thứ Năm")),
    ("5", _("Thứ Sáu")),
    ("6", _("Thứ Bảy")),
    ("7", _("Chủ nhật")),
]


def _voice_choices() -> list[tuple[str, str]]:
    try:
        return [(v.id, v.label) for v in get_engine().voices()]
    except Exception:  # noqa: BLE001 - a broken engine must not take the form down
        return [("vi", "vi")]


class ClusterForm(forms.ModelForm):
    class Meta:
        model = Cluster
        fields = ["name", "code", "kind", "status", "villages", "location", "notes"]
        widgets = {
            "villages": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, commune: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.commune = commune
        cast(
            forms.ModelMultipleChoiceField, self.fields["villages"]
        ).queryset = commune.villages.all()


class BulletinForm(forms.ModelForm):
    voice = forms.ChoiceField(label=_("giọng đọc"), required=False)

    class Meta:
        model = Bulletin
        fields = [
            "title",
            "script",
            "source",
            "priority",
            "themes",
            "clusters",
            "slots",
            "valid_from",
            "valid_until",
            "is_fallback",
            "voice",
            "rate",
        ]
        widgets = {
            "script": forms.Textarea(attrs={"rows": 12, "data-radio-counter": "15000"}),
            "themes": forms.CheckboxSelectMultiple,
            "clusters": forms.CheckboxSelectMultiple,
            "slots": forms.CheckboxSelectMultiple,
            "valid_from": DateInput(),
            "valid_until": DateInput(),
        }

    def __init__(self, *args: Any, commune: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.commune = commune
        keep = self.instance.themes.all() if self.instance.pk else ()
        themes = cast(forms.ModelMultipleChoiceField, self.fields["themes"])
        themes.queryset = theme_choices(commune=commune, keep=keep)
        setattr(themes, "label_from_instance", theme_label)  # noqa: B010 - an instance override
        clusters = cast(forms.ModelMultipleChoiceField, self.fields["clusters"])
        clusters.queryset = Cluster.objects.filter(commune=commune)
        slots = cast(forms.ModelMultipleChoiceField, self.fields["slots"])
        slots.queryset = Slot.objects.filter(commune=commune, is_active=True)
        voice = cast(forms.ChoiceField, self.fields["voice"])
        voice.choices = [("", _("Theo cấu hình của đài")), *_voice_choices()]
        self.fields["rate"].widget.attrs.update(min=80, max=450)

    def clean_script(self) -> str:
        has_recording = self.instance.pk and self.instance.versions.filter(kind="recorded").exists()
        try:
            return check_script(self.cleaned_data.get("script", ""), required=not has_recording)
        except ValidationError as exc:
            raise ValidationError(exc.message_dict["script"]) from exc

    def clean_rate(self) -> int | None:
        rate = self.cleaned_data.get("rate")
        if rate is not None and not 80 <= rate <= 450:
            raise ValidationError(_("Tốc độ đọc từ 80 đến 450 từ mỗi phút."))
        return rate


class RecordingForm(forms.Form):
    language = forms.ChoiceField(
        label=_("ngôn ngữ"), choices=Language.choices, initial=Language.THAI
    )
    audio = forms.FileField(
        label=_("tệp ghi âm"),
        help_text=_(
            "MP3, WAV, OGG, FLAC, WebM, M4A/MP4, AAC hoặc 3GP (tệp của ứng dụng ghi âm trên "
            "điện thoại); tối đa 30 phút."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "audio/*"}),
    )


class ReviewForm(forms.Form):
    note = forms.CharField(
        label=_("ý kiến"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class SlotForm(forms.ModelForm):
    weekday_list = forms.MultipleChoiceField(
        label=_("ngày trong tuần"),
        choices=WEEKDAYS,
        widget=forms.CheckboxSelectMultiple,
        initial=[c for c, _l in WEEKDAYS],
    )

    class Meta:
        model = Slot
        fields = ["name", "starts_at", "clusters", "languages", "min_minutes", "is_active"]
        widgets = {
            "starts_at": TimeInput(),
            "clusters": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, commune: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.commune = commune
        cast(
            forms.ModelMultipleChoiceField, self.fields["clusters"]
        ).queryset = Cluster.objects.filter(commune=commune)
        if self.instance.pk:
            self.initial["weekday_list"] = list(self.instance.weekdays)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.instance.weekdays = "".join(sorted(data.get("weekday_list") or []))
        return data

    def _update_errors(self, errors: Any) -> None:
        # The model reports bad days on its `weekdays` column; the form edits them through
        # `weekday_list`. Without this, Django raises ValueError (a 500) for the unknown field.
        if hasattr(errors, "error_dict") and "weekdays" in errors.error_dict:
            errors.error_dict.setdefault("weekday_list", []).extend(
                errors.error_dict.pop("weekdays")
            )
        super()._update_errors(errors)  # type: ignore[misc]


class ConfirmForm(forms.Form):
    bulletin = forms.IntegerField(widget=forms.HiddenInput)
    slot = forms.IntegerField(widget=forms.HiddenInput, required=False)
    language = forms.ChoiceField(choices=Language.choices, widget=forms.HiddenInput)
    day = forms.DateField(widget=forms.HiddenInput)
    clusters = forms.ModelMultipleChoiceField(
        label=_("cụm loa đã phát"),
        queryset=Cluster.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    seconds = forms.IntegerField(label=_("thời lượng (giây)"), min_value=1, required=False)

    def __init__(self, *args: Any, commune: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(
            forms.ModelMultipleChoiceField, self.fields["clusters"]
        ).queryset = Cluster.objects.filter(commune=commune)
        self.fields["clusters"].error_messages["required"] = _("Chọn ít nhất một cụm loa đã phát.")


class VendorImportForm(forms.Form):
    file = forms.FileField(
        label=_("tệp nhật ký (CSV)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )


class LexiconForm(forms.Form):
    written = forms.CharField(label=_("chữ viết"), max_length=60)
    spoken = forms.CharField(label=_("cách đọc"), max_length=200)


class SettingsForm(forms.ModelForm):
    voice = forms.ChoiceField(label=_("giọng đọc mặc định"))
    push_url = forms.URLField(
        label=_("địa chỉ nhận bản tin (HTTP)"),
        required=False,
        assume_scheme="https",
        help_text=_("Hệ thống truyền thanh thông minh nhận gói phát qua HTTP POST."),
    )
    opening_upload = forms.FileField(label=_("nhạc hiệu mở đầu (tải lên)"), required=False)
    closing_upload = forms.FileField(label=_("nhạc hiệu kết thúc (tải lên)"), required=False)

    class Meta:
        model = RadioSettings
        fields = ["voice", "rate", "push_url", "push_token"]
        widgets = {"push_token": forms.PasswordInput(render_value=True)}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["voice"]).choices = _voice_choices()

    def clean_push_url(self) -> str:
        from loalang.core.outbound import OutboundRefused, check_url

        url = self.cleaned_data.get("push_url") or ""
        if url:
            try:
                check_url(url)
            except OutboundRefused as exc:
                raise ValidationError(str(exc)) from exc
        return url

    def clean_rate(self) -> int:
        rate = self.cleaned_data["rate"]
        if not 80 <= rate <= 450:
            raise ValidationError(_("Tốc độ đọc từ 80 đến 450 từ mỗi phút."))
        return rate
