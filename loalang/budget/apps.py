from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetConfig(AppConfig):
    name = "loalang.budget"
    label = "budget"
    verbose_name = _("Kinh phí")
    # Links this app adds to the staff menu: (url name, label, capability). See core.nav.
    nav_items = [("budget:index", _("Kinh phí"), "view")]
    demo_loader = "loalang.budget.demo.load_demo"
