from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "loalang.portal"
    label = "portal"
    verbose_name = _("Cổng thông tin")

    def ready(self) -> None:
        from loalang.core import demo, nav
        from loalang.portal.attention import attention_items
        from loalang.portal.demo import load_demo

        nav.register(
            links=[
                ("portal_staff:articles", _("Trang chuyển đổi số"), "edit_portal", "media"),
                ("portal_staff:questions", _("Câu hỏi của người dân"), "edit_portal", "media"),
            ],
            attention=attention_items,
        )
        demo.register_demo_loader(self.label, load_demo)
