from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommendationsConfig(AppConfig):
    name = "loalang.commendations"
    label = "commendations"
    verbose_name = _("Biểu dương")
    # Links this app adds to the staff menu: (url name, label, capability). See core.nav.
    nav_items = [("commendations:list", _("Biểu dương"), "view")]
    demo_loader = "loalang.commendations.demo.load_demo"
