from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "loalang.api"
    label = "api"
    verbose_name = _("API")

    def ready(self) -> None:
        from loalang.core import nav

        nav.register(
            links=[
                ("api_staff:token_list", _("Khóa API"), "manage_org", "admin"),
            ],
        )
