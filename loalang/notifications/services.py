"""Writes to in-app notifications. `notify` is the one way any app tells a user something."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

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


def notify_users(
    *,
    users: Iterable[Any],
    commune: Any,
    message: Any,
    params: Mapping[str, Any] | None = None,
    url: str = "",
    exclude: Any = None,
) -> list[Notification]:
    """Tell each of `users` (once each, never `exclude` — the person who acted) the same thing.

    `message` is a lazy gettext string with %(name)s placeholders, rendered in the site's
    language (Vietnamese): the text is stored, and the actor's interface language must not
    decide what the recipient reads.
    """
    with translation.override(settings.LANGUAGE_CODE):
        text = str(message) % dict(params or {})
    skip = getattr(exclude, "pk", None)
    sent: list[Notification] = []
    seen: set[int] = set()
    for user in users:
        if user is None or user.pk == skip or user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        sent.append(notify(user=user, commune=commune, text=text, url=url))
    return sent


def note_suffix(note: str, limit: int = 300) -> str:
    """A reviewer's comment as it ends a notification (" Ý kiến: …", one line, cut at
    `limit`), or "" when there is none."""
    line = " ".join((note or "").split())
    if not line:
        return ""
    if len(line) > limit:
        line = line[: limit - 1] + "…"
    with translation.override(settings.LANGUAGE_CODE):
        return " " + gettext("Ý kiến: %(note)s") % {"note": line}


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
