from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TasksConfig(AppConfig):
    name = "loalang.tasks"
    label = "tasks"
    verbose_name = _("Nhiệm vụ")

    def ready(self) -> None:
        from loalang.core import demo, nav
        from loalang.tasks.demo import load_demo
        from loalang.tasks.selectors import attention_items

        nav.register(
            links=[("tasks:list", _("Nhiệm vụ"), "view", "plan")],
            attention=attention_items,
        )
        demo.register_demo_loader(self.label, load_demo)
