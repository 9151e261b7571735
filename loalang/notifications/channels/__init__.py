"""Delivery channels for notifications (ADR 0100).

The in-app list is not a channel: every notification is a row in it. The outside channels are
classes named in settings.LOALANG_NOTIFICATION_CHANNELS; each has a `code`, a `label`, tells
whether it can reach a user (`reaches`) and sends one `Message` (`send`), raising
`DeliveryFailed` when it cannot. Sending runs in the job worker (notifications.jobs).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any, Protocol

from django.conf import settings
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Message:
    """What one person is told: the text and an absolute link to the item."""

    user: Any
    text: str
    url: str  # absolute (settings.LOALANG_SITE_URL + path), or "" when there is no item
    commune_name: str = ""
    phone: str = ""


class DeliveryFailed(Exception):
    """The channel could not deliver. `permanent`: retrying will not help (the address is
    gone, the user has no e-mail…)."""

    def __init__(self, reason: str, *, permanent: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent


class Channel(Protocol):
    code: str
    label: Any

    def reaches(self, user: Any, prefs: Any) -> bool:
        """Whether a message could reach `user` (an address, a subscription, a phone)."""
        ...

    def send(self, message: Message) -> str:
        """Deliver `message`; returns a short note for the record (e.g. the gateway's id)."""
        ...


@functools.cache
def _configured(paths: tuple[str, ...]) -> dict[str, Channel]:
    channels: dict[str, Channel] = {}
    for path in paths:
        channel = import_string(path)()
        channels[channel.code] = channel
    return channels


def registry() -> dict[str, Channel]:
    """The outside channels this site offers, by code, in settings order."""
    return _configured(tuple(settings.LOALANG_NOTIFICATION_CHANNELS))


def absolute_url(path: str) -> str:
    """The link a message carries, opened from Zalo's in-app browser or an e-mail client: the
    site's configured base (settings.LOALANG_SITE_URL) plus the item's path."""
    if not path:
        return ""
    return settings.LOALANG_SITE_URL.rstrip("/") + path
