from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "loalang.privacy"
    label = "privacy"
    verbose_name = _("Bảo vệ dữ liệu cá nhân")
    # Links this app adds to the staff menu: (url name, label, capability). See core.nav.
    nav_items = [("privacy:list", _("Dữ liệu cá nhân"), "privacy")]
    attention = "loalang.privacy.attention.attention_items"
