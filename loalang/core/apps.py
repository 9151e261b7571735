from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The kernel: base model, audit log, registries, text and file helpers. It imports no other
    Loa Làng app; apps hand it what it shows (menu links, attention items, demo loaders) from
    their own ready() (ADR 0090)."""

    name = "loalang.core"
    label = "core"
    verbose_name = _("Lõi")

    def ready(self) -> None:
        from loalang.core import files, signals  # noqa: F401  (system check; SQLite pragmas)
