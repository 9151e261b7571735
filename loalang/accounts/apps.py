from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "loalang.accounts"
    label = "accounts"
    verbose_name = _("Tài khoản")
    # Links this app adds to the staff menu: (url name, label, capability). See core.nav.
    nav_items: list[tuple[str, Any, str]] = [
        ("accounts_staff:member_list", _("Người dùng"), "manage_org"),
    ]
