from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from loalang.notifications.channels import registry


def offered_channels() -> list[tuple[str, str]]:
    """The outside channels a user may choose here: configured on this site, and for e-mail
    only when the site sends mail; Zalo and SMS only when their gateway is set."""
    choices = []
    for code, channel in registry().items():
        if code == "email" and not settings.EMAIL_ENABLED:
            continue
        if code in {"zalo", "sms"} and not getattr(channel, "gateway", lambda: None)():
            continue
        choices.append((code, str(channel.label)))
    return choices


class NotificationSettingsForm(forms.Form):
    channels = forms.MultipleChoiceField(
        label=_("Ngoài danh sách Thông báo trong Loa Làng, báo cho tôi qua"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    phone = forms.CharField(
        label=_("Số điện thoại nhận Zalo, SMS"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        help_text=_("Số điện thoại đăng ký Zalo, ví dụ 0912 345 678."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        channels = self.fields["channels"]
        assert isinstance(channels, forms.MultipleChoiceField)
        channels.choices = offered_channels()
