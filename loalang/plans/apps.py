from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "loalang.plans"
    label = "plans"
    verbose_name = _("Kế hoạch")
    # Links this app adds to the staff menu: (url name, label, capability). See core.nav.
    nav_items: list[tuple[str, Any, str]] = [("plans:list", _("Kế hoạch"), "view")]
    demo_loader = "loalang.plans.demo.load"
    attention = "loalang.plans.attention.attention_items"
