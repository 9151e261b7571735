from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RadioConfig(AppConfig):
    name = "loalang.radio"
    label = "radio"
    verbose_name = _("Đài truyền thanh")
    # Links this app adds to the staff menu: (url name, label, capability). See core.nav.
    nav_items: list[tuple[str, object, str]] = [
        ("radio:home", _("Đài truyền thanh"), "view"),
    ]
    attention = "loalang.radio.selectors.attention"
    demo_loader = "loalang.radio.demo.load_demo"
