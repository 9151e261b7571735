from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "loalang.events"
    label = "events"
    verbose_name = _("Sự kiện")
    # Links this app adds to the staff menu: (url name, label, capability). See core.nav.
    nav_items: list[tuple[str, Any, str]] = [
        ("events:requests", _("Dữ liệu cá nhân"), "verify"),
    ]
