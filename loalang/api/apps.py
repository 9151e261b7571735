from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "loalang.api"
    label = "api"
    verbose_name = _("API")
    # Links this app adds to the staff menu: (url name, label, capability). See core.nav.
    nav_items: list[tuple[str, Any, str]] = [
        ("api_staff:token_list", _("Khóa API"), "manage_org"),
    ]
