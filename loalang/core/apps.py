from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "loalang.core"
    label = "core"
    verbose_name = _("Lõi")
    # Links this app adds to the staff menu: (url name, label, capability). See core.nav.
    nav_items: list[tuple[str, Any, str]] = [
        ("core:commune_home", _("Trang chủ"), "view"),
        ("core:audit_list", _("Nhật ký thao tác"), "audit"),
    ]

    def ready(self) -> None:
        from loalang.core import files, signals  # noqa: F401  (system check; SQLite pragmas)
