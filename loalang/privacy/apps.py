from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "loalang.privacy"
    label = "privacy"
    verbose_name = _("Bảo vệ dữ liệu cá nhân")

    def ready(self) -> None:
        from loalang.core import nav
        from loalang.privacy.attention import attention_items

        nav.register(
            links=[("privacy:list", _("Dữ liệu cá nhân"), "privacy", "admin")],
            attention=attention_items,
        )
