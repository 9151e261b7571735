"""Writes to in-app notifications. `notify` is the one way any app tells a user something."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from loalang.core.audit import audit_log, snapshot
from loalang.notifications.models import Notification


@transaction.atomic
def notify(*, user: Any, commune: Any, text: str, url: str = "") -> Notification:
    """Put one unread notification in `user`'s list for `commune`.

    `url` must be a local path (starting with "/") so a notification can never send a user off
    the site; anything else is dropped.
    """
    if url and not (url.startswith("/") and not url.startswith("//")):
        url = ""
    notification = Notification(user=user, commune=commune, text=text[:500], url=url[:500])
    notification.full_clean()
    notification.save()
    audit_log(actor=None, verb="notification.sent", target=notification, commune=commune)
    return notification


@transaction.atomic
def notification_mark_read(*, notification: Notification, actor: Any) -> Notification:
    """Mark one notification read (idempotent: the first read time is kept)."""
    if notification.read_at is None:
        before = snapshot(notification)
        notification.read_at = timezone.now()
        notification.full_clean()
        notification.save(update_fields=["read_at", "updated_at"])
        audit_log(
            actor=actor,
            verb="notification.read",
            target=notification,
            commune=notification.commune,
            before=before,
        )
    return notification


@transaction.atomic
def notification_mark_all_read(*, user: Any, commune: Any, actor: Any) -> int:
    """Mark every unread notification of `user` in `commune` read; returns how many changed."""
    now = timezone.now()
    changed = Notification.objects.filter(user=user, commune=commune, read_at__isnull=True).update(
        read_at=now, updated_at=now
    )
    if changed:
        audit_log(
            actor=actor,
            verb="notification.all_read",
            target=commune,
            after={"user_id": user.pk, "count": changed},
            commune=commune,
        )
    return changed
