from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "loalang.events"
    label = "events"
    verbose_name = _("Sự kiện")

    def ready(self) -> None:
        from loalang.core import nav

        nav.register(
            links=[
                ("events:requests", _("Yêu cầu về dữ liệu cá nhân"), "verify", "admin"),
            ],
        )
