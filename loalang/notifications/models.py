"""In-app notifications: a short text and a link for one user in one commune."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from loalang.core.models import BaseModel


class Notification(BaseModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    commune = models.ForeignKey(
        "places.Commune", on_delete=models.CASCADE, related_name="notifications"
    )
    text = models.CharField(_("nội dung"), max_length=500)
    url = models.CharField(_("đường dẫn"), max_length=500, blank=True)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["user", "commune", "read_at"], name="notification_unread"),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationSettings(BaseModel):
    """How one person wants to be told, besides the in-app list (which is always on).

    `channels` holds the codes of the outside channels chosen (notifications.channels:
    "email", "push", "zalo", "sms"); a code whose channel is not configured on this site is
    ignored, so a new channel needs no migration.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_settings"
    )
    channels = models.JSONField(_("kênh nhận thông báo"), default=list, blank=True)
    phone = models.CharField(
        _("số điện thoại nhận Zalo, SMS"),
        max_length=20,
        blank=True,
        help_text=_("Số điện thoại đăng ký Zalo, ví dụ 0912 345 678."),
    )

    class Meta:
        verbose_name = _("cách nhận thông báo")
        verbose_name_plural = _("cách nhận thông báo")

    def __str__(self) -> str:
        return f"{self.user} — {', '.join(self.channels) or '—'}"


class PushSubscription(BaseModel):
    """A browser that agreed to receive Web Push messages for a user (W3C Push API)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="push_subscriptions"
    )
    # The push service's address for this browser: a capability URL, kept like a password.
    endpoint = models.URLField(_("địa chỉ nhận"), max_length=1000, unique=True)
    p256dh = models.CharField(max_length=200)
    auth = models.CharField(max_length=100)
    user_agent = models.CharField(_("trình duyệt"), max_length=200, blank=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("trình duyệt nhận thông báo")
        verbose_name_plural = _("trình duyệt nhận thông báo")

    def __str__(self) -> str:
        return f"{self.user} — {self.user_agent[:40] or self.pk}"


class Delivery(BaseModel):
    """One notification sent through one outside channel, by the job worker (never inside the
    request). Unique per notification and channel, so a retried job sends nothing twice."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Đang chờ gửi")
        SENT = "sent", _("Đã gửi")
        FAILED = "failed", _("Gửi không được")
        SKIPPED = "skipped", _("Bỏ qua")

    notification = models.ForeignKey(
        Notification, on_delete=models.CASCADE, related_name="deliveries"
    )
    channel = models.CharField(_("kênh"), max_length=20)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    detail = models.CharField(_("ghi chú"), max_length=300, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("lần gửi thông báo")
        verbose_name_plural = _("lần gửi thông báo")
        constraints = [
            models.UniqueConstraint(
                fields=["notification", "channel"], name="uniq_delivery_per_channel"
            )
        ]

    def __str__(self) -> str:
        return f"{self.notification_id} → {self.channel}: {self.status}"
