from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The site's front pages: the landing page, the commune chooser, a commune's staff home and
    its audit log page, and the demo commune (`manage.py load_demo`)."""

    name = "loalang.home"
    label = "home"
    verbose_name = _("Trang chủ")

    def ready(self) -> None:
        from loalang.core import nav

        nav.register(
            links=[
                ("home:commune_home", _("Trang chủ"), "view", "home"),
                ("home:audit_list", _("Nhật ký thao tác"), "audit", "admin"),
            ]
        )
