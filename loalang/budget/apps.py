from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetConfig(AppConfig):
    name = "loalang.budget"
    label = "budget"
    verbose_name = _("Kinh phí")

    def ready(self) -> None:
        from loalang.budget.demo import load_demo
        from loalang.core import demo, nav

        nav.register(
            links=[("budget:index", _("Kinh phí"), "view", "plan")],
        )
        demo.register_demo_loader(self.label, load_demo)
