from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProvincesConfig(AppConfig):
    """A province's own pages: its communes, their users and hosts, its defaults, its dashboard."""

    name = "loalang.provinces"
    label = "provinces"
    verbose_name = _("Quản trị cấp tỉnh")

    def ready(self) -> None:
        from loalang.core import demo
        from loalang.provinces.demo import load as load_demo

        demo.register_demo_loader(self.label, load_demo)
