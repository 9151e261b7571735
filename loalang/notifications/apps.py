from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "loalang.notifications"
    label = "notifications"
    verbose_name = _("Thông báo")
    # The header shows the unread count (notifications/header.html), so no menu link here.
