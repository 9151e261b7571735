from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "loalang.reports"
    label = "reports"
    verbose_name = _("Báo cáo")

    def ready(self) -> None:
        from loalang.activities.summary import verified_changed
        from loalang.core import demo, nav
        from loalang.reports.attention import attention_items, province_link
        from loalang.reports.demo import load_demo
        from loalang.reports.facts import on_verified_changed

        verified_changed.connect(on_verified_changed, dispatch_uid="reports.facts")
        nav.register(
            links=[("reports:index", _("Báo cáo"), "view", "report")],
            attention=attention_items,
            menu=province_link,
        )
        demo.register_demo_loader(self.label, load_demo)
