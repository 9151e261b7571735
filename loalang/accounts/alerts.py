"""Telling a user that something happened to their account's security."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.mail import send_mail

from loalang.accounts.models import Membership

logger = logging.getLogger("loalang.accounts.security")


def security_alert(user: Any, text: str) -> None:
    """An in-app notification in each commune the user works in, and an e-mail if the site
    sends mail and the user has an address. Never raises: a failed alert must not turn a
    login attempt into a 500."""
    from loalang.notifications.services import notify

    communes = {
        m.commune
        for m in Membership.objects.filter(user=user, is_active=True, commune__isnull=False)
        .select_related("commune")
        .order_by("pk")
    }
    for commune in communes:
        notify(user=user, commune=commune, text=text)
    if settings.EMAIL_ENABLED and user.email:
        try:
            send_mail(
                subject=str(settings.LOALANG_SITE_NAME) + " — cảnh báo bảo mật",
                message=text,
                from_email=None,
                recipient_list=[user.email],
            )
        except OSError:
            logger.exception("security alert e-mail failed", extra={"event": "alert.mail_failed"})
