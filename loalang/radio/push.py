"""Generic HTTP push to a smart-radio system: POST the day's playout bundle (ZIP) or an
emergency bulletin (MP3) to a configurable URL with a bearer token.

The transport is an outside service behind a protocol (Pusher), chosen by the dotted path
settings.LOALANG_RADIO_PUSHER (default HttpPusher). It is tested against a local HTTP server
on 127.0.0.1, so the real adapter is what the tests exercise.
"""

from __future__ import annotations

import logging
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

log = logging.getLogger(__name__)

TIMEOUT_SECONDS = 30


class PushError(Exception):
    """The receiving system refused or could not be reached; the message is shown to staff."""


@dataclass(frozen=True)
class PushResult:
    status: int
    body: str


class Pusher(Protocol):
    def push(
        self, *, url: str, token: str, body: bytes, content_type: str, headers: dict[str, str]
    ) -> PushResult: ...


class HttpPusher:
    """POST with urllib; 2xx is success, anything else raises PushError."""

    def push(
        self, *, url: str, token: str, body: bytes, content_type: str, headers: dict[str, str]
    ) -> PushResult:
        if not url.startswith(("http://", "https://")):
            raise PushError("Địa chỉ nhận phải bắt đầu bằng http:// hoặc https://.")
        request = urllib.request.Request(url, data=body, method="POST")  # noqa: S310 - scheme checked above
        request.add_header("Content-Type", content_type)
        request.add_header("User-Agent", "LoaLang-radio/1")
        if token:
            request.add_header("Authorization", f"Bearer {token}")
        for name, value in headers.items():
            request.add_header(name, value)
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310 - URL set by staff, scheme checked
                return PushResult(
                    status=response.status, body=response.read(2000).decode("utf-8", "replace")
                )
        except urllib.error.HTTPError as exc:
            raise PushError(f"Hệ thống nhận trả lời lỗi {exc.code}.") from exc
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise PushError(
                f"Không kết nối được tới hệ thống nhận: {getattr(exc, 'reason', exc)}."
            ) from exc


def get_pusher() -> Pusher:
    return import_string(
        getattr(settings, "LOALANG_RADIO_PUSHER", "loalang.radio.push.HttpPusher")
    )()


def push_bundle(*, commune, day, body: bytes) -> PushResult:  # type: ignore[no-untyped-def]
    """Send a day's bundle to the commune's configured system. Raises PushError."""
    from loalang.radio.models import RadioSettings

    station = RadioSettings.objects.filter(commune=commune).first()
    if not station or not station.push_url:
        raise PushError("Chưa cấu hình địa chỉ nhận bản tin.")
    return get_pusher().push(
        url=station.push_url,
        token=station.push_token,
        body=body,
        content_type="application/zip",
        headers={
            "X-Loalang-Commune": commune.slug,
            "X-Loalang-Date": day.isoformat(),
            "X-Loalang-Kind": "bundle",
        },
    )


def push_emergency(*, log_id: int) -> PushResult | None:
    """Send an emergency broadcast's audio with a preempt flag. Failures are logged, never
    raised: the log is already committed and the operator sees the push state on the page."""
    from loalang.core.files import private_storage
    from loalang.radio.models import BroadcastLog, RadioSettings

    broadcast = BroadcastLog.objects.select_related("bulletin__commune").get(pk=log_id)
    station = RadioSettings.objects.filter(commune=broadcast.commune).first()
    if not station or not station.push_url:
        return None
    version = broadcast.bulletin.versions.filter(language=broadcast.language).first()
    if version is None or not version.audio_mp3:
        return None
    with private_storage().open(str(version.audio_mp3.name), "rb") as f:
        body = f.read()
    codes = ",".join(c.code or c.name for c in broadcast.clusters.all())
    try:
        return get_pusher().push(
            url=station.push_url,
            token=station.push_token,
            body=body,
            content_type="audio/mpeg",
            headers={
                "X-Loalang-Commune": broadcast.commune.slug,
                "X-Loalang-Kind": "emergency",
                "X-Loalang-Priority": "emergency",
                "X-Loalang-Preempt": "1",
                "X-Loalang-Clusters": codes.encode("ascii", "ignore").decode() or "all",
            },
        )
    except PushError as exc:
        log.error("emergency push of broadcast %s failed: %s", log_id, exc)
        return None
