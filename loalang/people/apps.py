from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "loalang.people"
    label = "people"
    verbose_name = _("Tổ chức và con người")

    def ready(self) -> None:
        from loalang.core import nav

        nav.register(
            links=[
                ("people:index", _("Tổ chức"), "view", "places"),
            ],
        )
