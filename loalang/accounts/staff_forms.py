from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from loalang.accounts.models import Role, User
from loalang.people.models import DigitalTeam, OrgUnit
from loalang.places.models import Village


class GrantForm(forms.Form):
    username = forms.RegexField(
        label=_("Tên đăng nhập"),
        regex=r"^[a-z0-9_.-]{3,40}$",
        error_messages={
            "invalid": _("Chỉ dùng chữ thường không dấu, số, dấu chấm, gạch (3–40 ký tự).")
        },
    )
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150, required=False)
    role = forms.ChoiceField(label=_("Vai trò"))
    village = forms.ModelChoiceField(
        label=_("Thôn (cho Trưởng thôn)"), queryset=Village.objects.none(), required=False
    )
    team = forms.ModelChoiceField(
        label=_("Tổ (cho thành viên Tổ CNSCĐ)"), queryset=DigitalTeam.objects.none(), required=False
    )
    org_unit = forms.ModelChoiceField(
        label=_("Đơn vị (cho đại diện đơn vị)"), queryset=OrgUnit.objects.none(), required=False
    )
    password = forms.CharField(
        label=_("Mật khẩu ban đầu (chỉ cho tài khoản mới)"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        required=False,
        help_text=_(
            "Ít nhất 10 ký tự, không quá đơn giản. Người dùng nên đổi sau lần đăng nhập đầu."
        ),
    )

    def __init__(self, *args: Any, commune: Any, roles: list[Role], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["role"]).choices = [(r.value, r.label) for r in roles]
        cast(forms.ModelChoiceField, self.fields["village"]).queryset = Village.objects.filter(
            commune=commune
        )
        cast(forms.ModelChoiceField, self.fields["team"]).queryset = DigitalTeam.objects.filter(
            commune=commune
        )
        cast(forms.ModelChoiceField, self.fields["org_unit"]).queryset = OrgUnit.objects.filter(
            commune=commune
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        role = data.get("role")
        needs: dict[str, str] = {
            Role.VILLAGE_HEAD: "village",
            Role.TEAM_MEMBER: "team",
            Role.ORG_REP: "org_unit",
        }
        field = needs.get(str(role or ""))
        if field and not data.get(field):
            self.add_error(
                field, _("Vai trò này cần chọn %(what)s.") % {"what": self.fields[field].label}
            )
        username = data.get("username")
        if (
            username
            and not User.objects.filter(username=username).exists()
            and not data.get("password")
        ):
            self.add_error("password", _("Tài khoản mới cần mật khẩu ban đầu."))
        return data
