"""Reads of in-app notifications, always for one user in one commune."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from loalang.notifications.models import Notification


def notification_list(*, user: Any, commune: Any) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user, commune=commune).order_by("-created_at", "-id")


def notification_unread_count(*, user: Any, commune: Any) -> int:
    return Notification.objects.filter(user=user, commune=commune, read_at__isnull=True).count()
