from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommendationsConfig(AppConfig):
    name = "loalang.commendations"
    label = "commendations"
    verbose_name = _("Biểu dương")

    def ready(self) -> None:
        from loalang.commendations.demo import load_demo
        from loalang.core import demo, nav

        nav.register(
            links=[("commendations:list", _("Biểu dương"), "view", "plan")],
        )
        demo.register_demo_loader(self.label, load_demo)
