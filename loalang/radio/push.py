"""Generic HTTP push to a smart-radio system: POST the day's playout bundle (ZIP) or an
emergency bulletin (MP3) to a configurable URL with a bearer token.

The transport is an outside service behind a protocol (Pusher), chosen by the dotted path
settings.LOALANG_RADIO_PUSHER (default HttpPusher). It is tested against a local HTTP server
on 127.0.0.1, so the real adapter is what the tests exercise.
"""

from __future__ import annotations

import datetime as dt
import logging
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from loalang.core import outbound

log = logging.getLogger(__name__)


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
    """POST through loalang.core.outbound: the address is checked (no internal addresses
    unless a system administrator allowed them), pinned against DNS rebinding, no redirect is
    followed, timeouts are short. 2xx is success, anything else raises PushError."""

    def push(
        self, *, url: str, token: str, body: bytes, content_type: str, headers: dict[str, str]
    ) -> PushResult:
        sent = {"Content-Type": content_type, "User-Agent": "LoaLang-radio/1", **headers}
        if token:
            sent["Authorization"] = f"Bearer {token}"
        try:
            answer = outbound.post(url, body=body, headers=sent)
        except (outbound.OutboundRefused, outbound.OutboundFailed) as exc:
            raise PushError(str(exc)) from exc
        return PushResult(status=answer.status, body=answer.body)


def get_pusher() -> Pusher:
    return import_string(
        getattr(settings, "LOALANG_RADIO_PUSHER", "loalang.radio.push.HttpPusher")
    )()


def push_bundle(*, commune, day, body: bytes) -> PushResult:
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


def bundle_push_run(*, commune_id: int, day: dt.date) -> str:
    """Build the day's bundle and push it (in the job worker); record the outcome on the
    station settings, where the schedule page shows it. Returns the recorded outcome."""
    from loalang.places.models import Commune
    from loalang.radio.bundle import build_bundle
    from loalang.radio.models import RadioSettings

    commune = Commune.objects.get(pk=commune_id)
    with tempfile.TemporaryDirectory(prefix="loalang-bundle-") as tmp:
        path = build_bundle(commune=commune, day=day, output=Path(tmp) / "bundle.zip")
        try:
            result = push_bundle(commune=commune, day=day, body=path.read_bytes())
        except PushError as exc:
            outcome = f"{day:%d/%m/%Y}: {exc}"
        else:
            outcome = f"{day:%d/%m/%Y}: OK ({result.status})"
    RadioSettings.objects.filter(commune=commune).update(
        last_push_at=timezone.now(), last_push_result=outcome[:300]
    )
    return outcome


def bundle_push_enqueue(*, commune: Any, day: dt.date) -> None:
    """Queue the push of `day`'s bundle; the job worker sends it after the commit."""
    from loalang.radio.jobs import bundle_push_job

    pk, iso = commune.pk, day.isoformat()
    transaction.on_commit(lambda: bundle_push_job.enqueue(pk, iso))
