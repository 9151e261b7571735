from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: mật khẩu phân biệt chữ hoa, chữ thường."
        ),
        "inactive": _("Tài khoản này đã bị khóa. Vui lòng liên hệ quản trị hệ thống."),
    }

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
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
        # Checked before authenticate(): django-axes records every failed attempt with the
        # username as typed, and a column of 255 characters cannot hold an arbitrary string.
        username = self.cleaned_data["username"]
        if len(username) > 150 or "\x00" in username:
            raise forms.ValidationError(_("Tên đăng nhập không hợp lệ."))
        return username
