"""E-mail: Django's mail backend (console in development, SMTP in production)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext, gettext_lazy

from loalang.notifications.channels import DeliveryFailed, Message


class EmailChannel:
    code = "email"
    label = gettext_lazy("Thư điện tử")

    def reaches(self, user: Any, prefs: Any) -> bool:
        return bool(settings.EMAIL_ENABLED and user.email)

    def send(self, message: Message) -> str:
        if not message.user.email:
            raise DeliveryFailed(gettext("Tài khoản không có địa chỉ thư điện tử."), permanent=True)
        with translation.override(settings.LANGUAGE_CODE):
            subject = f"[{message.commune_name or settings.LOALANG_SITE_NAME}] {message.text}"
            lines = [message.text]
            if message.url:
                lines += ["", gettext("Mở tại: %(url)s") % {"url": message.url}]
        send_mail(subject[:180], "\n".join(lines), None, [message.user.email])
        return message.user.email
