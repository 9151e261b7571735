from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "loalang.plans"
    label = "plans"
    verbose_name = _("Kế hoạch")

    def ready(self) -> None:
        from loalang.core import demo, nav
        from loalang.plans.attention import attention_items
        from loalang.plans.demo import load as load_demo

        nav.register(
            links=[("plans:list", _("Kế hoạch"), "view", "plan")],
            attention=attention_items,
        )
        demo.register_demo_loader(self.label, load_demo)
