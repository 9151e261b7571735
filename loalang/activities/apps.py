from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "loalang.activities"
    label = "activities"
    verbose_name = _("Hoạt động")

    def ready(self) -> None:
        from loalang.activities.coverage import attention_items
        from loalang.activities.demo import load_all as load_demo
        from loalang.core import demo, nav

        nav.register(
            links=[
                ("activities:list", _("Hoạt động"), "view", "field"),
                ("activities:quick", _("Ghi nhanh"), "log_activity", "field"),
                ("activities:coverage", _("Độ bao phủ"), "view", "field"),
            ],
            attention=attention_items,
        )
        demo.register_demo_loader(self.label, load_demo)
