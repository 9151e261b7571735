from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "loalang.activities"
    label = "activities"
    verbose_name = _("Hoạt động")
    # Links this app adds to the staff menu: (url name, label, capability). See core.nav.
    nav_items: list[tuple[str, Any, str]] = [
        ("activities:list", _("Hoạt động"), "view"),
        ("activities:quick", _("Ghi nhanh"), "log_activity"),
        ("activities:coverage", _("Độ bao phủ"), "view"),
    ]
    attention = "loalang.activities.selectors.attention_items"
    demo_loader = "loalang.activities.demo.load"
