from typing import Any

from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from loalang.accounts import throttle
from loalang.accounts.models import User
from loalang.core.net import client_address


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: mật khẩu phân biệt chữ hoa, chữ thường."
        ),
        "inactive": _("Tài khoản này đã bị khóa. Vui lòng liên hệ quản trị hệ thống."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Tên đăng nhập")
        self.fields["password"].label = _("Mật khẩu")
        self.fields["username"].widget = forms.TextInput(
            attrs={
                "autocomplete": "username",
                "autocapitalize": "none",
                "autofocus": True,
                "maxlength": 150,
            }
        )

    def clean_username(self) -> str:
        # Checked before the throttle: every attempt is recorded with the username as typed,
        # and a column of 150 characters cannot hold an arbitrary string.
        username = self.cleaned_data["username"]
        if len(username) > 150 or "\x00" in username:
            raise forms.ValidationError(_("Tên đăng nhập không hợp lệ."))
        return username

    def clean(self) -> dict[str, Any]:
        """The password is checked only if the throttle allows it (else LoginLocked)."""
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is None or not password:
            return self.cleaned_data
        assert self.request is not None  # LoginView always passes it
        attempt = throttle.login_attempt_begin(
            username=username,
            address=client_address(self.request),
            device=throttle.device_of(self.request, username),
        )
        if attempt.refused:
            raise throttle.LoginLocked(attempt)
        self.user_cache = authenticate(self.request, username=username, password=password)
        if self.user_cache is None:
            throttle.login_attempt_failed(
                attempt, user=User.objects.filter(username=username, is_active=True).first()
            )
            raise self.get_invalid_login_error()
        throttle.login_attempt_succeeded(attempt)
        self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data
