"""Writes to in-app notifications. `notify` is the one way any app tells a user something."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from loalang.core import outbound
from loalang.core.audit import audit_log, snapshot
from loalang.notifications.channels import DeliveryFailed, Message, absolute_url, registry
from loalang.notifications.models import (
    Delivery,
    Notification,
    NotificationSettings,
    PushSubscription,
)


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
    _queue_deliveries(notification)
    return notification


def _queue_deliveries(notification: Notification) -> None:
    """One Delivery per outside channel the user chose and can be reached by; the job worker
    sends them after the commit (never inside the request)."""
    prefs = NotificationSettings.objects.filter(user=notification.user).first()
    if prefs is None or not prefs.channels:
        return
    offered = registry()
    for code in prefs.channels:
        channel = offered.get(code)
        if channel is None or not channel.reaches(notification.user, prefs):
            continue
        delivery = Delivery.objects.create(notification=notification, channel=code)
        transaction.on_commit(functools.partial(_enqueue, delivery.pk))


def _enqueue(delivery_id: int) -> None:
    from loalang.notifications.jobs import delivery_send_job

    delivery_send_job.enqueue(delivery_id)


MAX_ATTEMPTS = 3


def delivery_send(*, delivery_id: int) -> str:
    """Send one queued delivery through its channel; idempotent (a delivery already sent or
    given up is left alone). A passing failure is retried later, up to MAX_ATTEMPTS; the
    outcome is kept on the Delivery row. Returns the status."""
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update()
            .select_related("notification__user", "notification__commune")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None or delivery.status != Delivery.Status.PENDING:
            return delivery.status if delivery else "missing"
        delivery.attempts += 1
        delivery.save(update_fields=["attempts", "updated_at"])
    notification = delivery.notification
    channel = registry().get(delivery.channel)
    prefs = NotificationSettings.objects.filter(user=notification.user).first()
    message = Message(
        user=notification.user,
        text=notification.text,
        url=absolute_url(notification.url),
        commune_name=str(notification.commune.full_name),
        phone=prefs.phone if prefs else "",
    )
    retry = False
    try:
        if channel is None:
            raise DeliveryFailed("channel not configured", permanent=True)
        delivery.detail = channel.send(message)[:300]
        delivery.status = Delivery.Status.SENT
        delivery.sent_at = timezone.now()
    except DeliveryFailed as exc:
        delivery.detail = exc.reason[:300]
        retry = not exc.permanent and delivery.attempts < MAX_ATTEMPTS
        if not retry:
            delivery.status = Delivery.Status.FAILED
    delivery.save(update_fields=["detail", "status", "sent_at", "updated_at"])
    if retry:
        _retry_later(delivery)
    return delivery.status


def _retry_later(delivery: Delivery) -> None:
    from loalang.notifications.jobs import delivery_send_job

    backend = delivery_send_job.get_backend()
    if backend.supports_defer:
        when = timezone.now() + dt.timedelta(minutes=5 * delivery.attempts)
        delivery_send_job.using(run_after=when).enqueue(delivery.pk)
    else:  # the Immediate backend (tests): no later, so this was the last try
        Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.FAILED)


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


# --- the user's choices -----------------------------------------------------------------------


@transaction.atomic
def notification_settings_save(
    *, user: Any, channels: Iterable[str], phone: str, actor: Any, commune: Any = None
) -> NotificationSettings:
    """Keep which outside channels `user` wants and the phone for Zalo/SMS. Unknown channel
    codes are refused; a phone is required when Zalo or SMS is chosen."""
    from loalang.notifications.channels.gateways import normalize_phone

    offered = registry()
    chosen = list(dict.fromkeys(channels))
    unknown = [code for code in chosen if code not in offered]
    if unknown:
        raise ValidationError({"channels": gettext("Kênh không có trên hệ thống này.")})
    phone = " ".join((phone or "").split())
    if phone and not normalize_phone(phone):
        raise ValidationError(
            {"phone": gettext("Số điện thoại không đúng (ví dụ đúng: 0912 345 678).")}
        )
    if {"zalo", "sms"} & set(chosen) and not phone:
        raise ValidationError(
            {"phone": gettext("Nhập số điện thoại để nhận thông báo qua Zalo hoặc SMS.")}
        )
    prefs, _ = NotificationSettings.objects.select_for_update().get_or_create(user=user)
    before = snapshot(prefs)
    prefs.channels, prefs.phone = chosen, phone
    prefs.full_clean()
    prefs.save()
    audit_log(
        actor=actor,
        verb="notification_settings.updated",
        target=prefs,
        commune=commune,
        before=before,
    )
    return prefs


def _b64(value: str, size: int) -> bytes | None:
    from loalang.notifications.channels.webpush import b64url_decode

    try:
        raw = b64url_decode(value.strip())
    except (ValueError, TypeError):
        return None
    return raw if len(raw) == size else None


@transaction.atomic
def push_subscription_save(
    *,
    user: Any,
    endpoint: str,
    p256dh: str,
    auth: str,
    user_agent: str = "",
    commune: Any = None,
) -> PushSubscription:
    """Keep one browser's push subscription for `user` (the same endpoint again: updated) and
    turn the push channel on. The endpoint must be an address the server may send to
    (core.outbound: https, no private address unless the administrator allowed it)."""
    key, secret = _b64(p256dh, 65), _b64(auth, 16)
    if key is None or key[0] != 4 or secret is None:
        raise ValidationError(gettext("Khóa của trình duyệt không hợp lệ."))
    try:
        target = outbound.check_url(endpoint)
    except outbound.OutboundRefused as exc:
        raise ValidationError(str(exc)) from exc
    allowed = {str(h).strip().lower() for h in settings.LOALANG_OUTBOUND_ALLOWED_HOSTS}
    if target.scheme != "https" and target.host.lower() not in allowed:
        raise ValidationError(gettext("Địa chỉ nhận thông báo đẩy phải dùng https://."))
    sub, _ = PushSubscription.objects.update_or_create(
        endpoint=endpoint[:1000],
        defaults={
            "user": user,
            "p256dh": p256dh.strip(),
            "auth": auth.strip(),
            "user_agent": user_agent[:200],
        },
    )
    sub.full_clean()
    prefs, _ = NotificationSettings.objects.select_for_update().get_or_create(user=user)
    if "push" not in prefs.channels:
        prefs.channels = [*prefs.channels, "push"]
        prefs.save(update_fields=["channels", "updated_at"])
    audit_log(
        actor=user,
        verb="push_subscription.saved",
        target=sub,
        commune=commune,
        after={"id": sub.pk, "user_agent": sub.user_agent},
    )
    return sub


@transaction.atomic
def push_subscription_delete(*, user: Any, endpoint: str) -> int:
    """Forget `user`'s subscription for `endpoint`; returns how many were removed."""
    removed, _ = PushSubscription.objects.filter(user=user, endpoint=endpoint).delete()
    return removed
