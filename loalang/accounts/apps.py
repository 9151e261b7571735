from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "loalang.accounts"
    label = "accounts"
    verbose_name = _("Tài khoản")

    def ready(self) -> None:
        from loalang.core import nav

        nav.register(
            links=[
                ("accounts_staff:member_list", _("Người dùng"), "manage_org", "admin"),
            ],
        )
