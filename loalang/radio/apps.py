from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RadioConfig(AppConfig):
    name = "loalang.radio"
    label = "radio"
    verbose_name = _("Đài truyền thanh")

    def ready(self) -> None:
        from loalang.core import demo, nav
        from loalang.radio import signals  # noqa: F401 - registers the receivers
        from loalang.radio.demo import load_demo
        from loalang.radio.selectors import attention

        nav.register(
            links=[
                ("radio:home", _("Đài truyền thanh"), "view", "media"),
            ],
            attention=attention,
        )
        demo.register_demo_loader(self.label, load_demo)
