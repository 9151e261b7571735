from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "loalang.people"
    label = "people"
    verbose_name = _("Tổ chức và con người")
    # Links this app adds to the staff menu: (url name, label, capability). See core.nav.
    nav_items: list[tuple[str, Any, str]] = [
        ("people:index", _("Tổ chức"), "view"),
    ]
