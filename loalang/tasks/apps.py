from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TasksConfig(AppConfig):
    name = "loalang.tasks"
    label = "tasks"
    verbose_name = _("Nhiệm vụ")
    # Links this app adds to the staff menu: (url name, label, capability). See core.nav.
    nav_items: list[tuple[str, str, str]] = []
