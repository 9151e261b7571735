from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "loalang.portal"
    label = "portal"
    verbose_name = _("Cổng thông tin")
    # Links this app adds to the staff menu: (url name, label, capability). See core.nav.
    nav_items: list[tuple[str, Any, str]] = [
        ("portal_staff:articles", _("Trang chuyển đổi số"), "edit_portal"),
        ("portal_staff:questions", _("Câu hỏi của người dân"), "edit_portal"),
    ]
    attention = "loalang.portal.attention.attention_items"
    demo_loader = "loalang.portal.demo.load_demo"
