from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    name = "loalang.places"
    label = "places"
    verbose_name = _("Địa bàn")

    def ready(self) -> None:
        from loalang.core import demo, nav
        from loalang.places.demo import load as load_demo

        nav.register(
            links=[
                ("places:index", _("Địa bàn"), "view", "places"),
            ],
        )
        demo.register_demo_loader(self.label, load_demo)
