from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    name = "loalang.places"
    label = "places"
    verbose_name = _("Địa bàn")
    # Links this app adds to the staff menu: (url name, label, capability). See core.nav.
    nav_items: list[tuple[str, Any, str]] = [
        ("places:index", _("Địa bàn"), "view"),
    ]
