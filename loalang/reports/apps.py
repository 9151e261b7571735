from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "loalang.reports"
    label = "reports"
    verbose_name = _("Báo cáo")
    # Links this app adds to the staff menu: (url name, label, capability). See core.nav.
    nav_items = [("reports:index", _("Báo cáo"), "view")]
    demo_loader = "loalang.reports.demo.load_demo"

    def ready(self) -> None:
        from loalang.activities.summary import verified_changed
        from loalang.reports.facts import on_verified_changed

        verified_changed.connect(on_verified_changed, dispatch_uid="reports.facts")
