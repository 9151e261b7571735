"""Writes for Loa Làng Player devices: tokens, heartbeats, as-run reports, the watch job.

A player authenticates with a per-device token scoped to one cluster (ADR 0055). Its as-run
reports fill the broadcast log by themselves: one log per bulletin × session × day ×
language, to which each reporting cluster is added.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import secrets
from typing import Any

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from loalang.core.audit import audit_log, snapshot
from loalang.radio.models import (
    AsRunReport,
    BroadcastLog,
    Bulletin,
    Cluster,
    Language,
    PlayerAlert,
    PlayerDevice,
    Slot,
)

TOKEN_PREFIX = "llp_"  # noqa: S105 - a public marker, not a secret

# A heartbeat comes every 60 s; three missed ones make a device offline.
OFFLINE_AFTER = dt.timedelta(minutes=3)
# What a report may claim and still count as an airing (ADR 0055): no airing in the future
# (beyond a little clock skew), none longer than one item can be, none dated outside the day
# it says it belongs to. Anything else is kept as reported and never logged or counted.
CLOCK_SKEW = dt.timedelta(minutes=5)
LONGEST_ITEM = dt.timedelta(hours=2)
MAX_DISK_BYTES = 2**62


def _trusted(value: Any) -> bool:
    """A player's "clock_trusted": only a JSON true (or no flag at all, from players that
    always sync) is trusted; "false", 0, null or anything else is not."""
    return value is True


# A session's report may come this long after the session's planned end before it counts as
# not aired (the player may be catching up after a short outage).
NOT_AIRED_GRACE = dt.timedelta(minutes=20)


def token_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def _token_cache_key(digest: str) -> str:
    return f"radio:player:token:{digest}"


def _device_public(device: PlayerDevice) -> dict[str, Any]:
    data = snapshot(device)
    data.pop("token_digest", None)
    return data


@transaction.atomic
def player_token_issue(*, cluster: Cluster, name: str, actor: Any) -> tuple[PlayerDevice, str]:
    """Make a device for `cluster`; return it and its raw token (shown once, never stored)."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Hãy đặt tên cho máy phát, ví dụ “Máy phát thôn Đông”.")})
    public = secrets.token_hex(4)
    raw = f"{TOKEN_PREFIX}{public}_{secrets.token_urlsafe(32)}"
    device = PlayerDevice(
        cluster=cluster,
        name=name,
        token_prefix=f"{TOKEN_PREFIX}{public}",
        token_digest=token_digest(raw),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    device.full_clean()
    device.save()
    audit_log(
        actor=actor,
        verb="player.token_issued",
        target=device,
        after=_device_public(device),
        commune=cluster.commune,
    )
    return device, raw


@transaction.atomic
def player_token_revoke(*, device: PlayerDevice, actor: Any) -> PlayerDevice:
    """Revoke a device's token at once (the auth cache entry is dropped after commit)."""
    if device.revoked_at is None:
        before = _device_public(device)
        device.revoked_at = timezone.now()
        device.save(update_fields=["revoked_at", "updated_at"])
        audit_log(
            actor=actor,
            verb="player.token_revoked",
            target=device,
            before=before,
            after=_device_public(device),
            commune=device.cluster.commune,
        )
        key = _token_cache_key(device.token_digest)
        transaction.on_commit(lambda: cache.delete(key))
    return device


def player_for_token(raw: str) -> PlayerDevice | None:
    """The active device whose token is `raw`, or None. Cached for a minute (revoking drops
    the entry), so a poll every few seconds costs no database query for authentication."""
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > 200:
        return None
    digest = token_digest(raw)
    key = _token_cache_key(digest)
    cached = cache.get(key)
    if cached == "none":
        return None
    if cached is not None:
        device_id, cluster_id, commune_id = cached
        device = PlayerDevice(pk=device_id, cluster_id=cluster_id, token_digest=digest)
        device._commune_id = commune_id
        return device
    found = (
        PlayerDevice.objects.select_related("cluster")
        .filter(token_digest=digest, revoked_at__isnull=True)
        .first()
    )
    if found is None:
        cache.set(key, "none", 10)
        return None
    device = found
    device._commune_id = device.cluster.commune_id
    cache.set(key, (device.pk, device.cluster_id, device.cluster.commune_id), 60)
    return device


# --- Heartbeats -------------------------------------------------------------------------------


def _parse_when(value: Any) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        when = parse_datetime(value)
    except ValueError:
        return None
    if when is None or timezone.is_naive(when):
        return None
    return when


def player_heartbeat(*, device: PlayerDevice, data: dict[str, Any]) -> None:
    """Record a heartbeat: one UPDATE, no audit entry (it comes every minute)."""
    free = data.get("free_disk_bytes")
    fields = {
        "last_seen_at": timezone.now(),
        "version": str(data.get("version") or "")[:40],
        "free_disk_bytes": free
        if isinstance(free, int) and not isinstance(free, bool) and 0 <= free < MAX_DISK_BYTES
        else None,
        "last_sync_at": _parse_when(data.get("last_sync_at")),
        "audio_status": str(data.get("audio_status") or "")[:120],
        "is_clock_trusted": _trusted(data.get("clock_trusted", True)),
        "now_playing": str(data.get("now_playing") or "")[:200],
        "offline_notified_at": None,
        "updated_at": timezone.now(),
    }
    PlayerDevice.objects.filter(pk=device.pk).update(**fields)


# --- As-run reports ---------------------------------------------------------------------------


def _report_problem(data: dict[str, Any]) -> str:
    if not isinstance(data, dict):
        return "not an object"
    client_id = data.get("client_id")
    if not isinstance(client_id, str) or not client_id or len(client_id) > 64:
        return "client_id"
    if data.get("kind") not in AsRunReport.Kind.values:
        return "kind"
    if _parse_when(data.get("started_at")) is None or _parse_when(data.get("ended_at")) is None:
        return "started_at/ended_at"
    return ""


def player_asrun(*, device: PlayerDevice, reports: list[dict[str, Any]]) -> dict[str, Any]:
    """Store the device's reports (in the order given) and fill the broadcast log.

    Idempotent: a report whose client id was already received is acknowledged again and
    changes nothing. A report that cannot be read is refused by its client id; the rest
    are stored. Returns {"accepted": [...], "refused": {client_id: reason}}.
    """
    device = PlayerDevice.objects.select_related("cluster__commune").get(pk=device.pk)
    accepted: list[str] = []
    refused: dict[str, str] = {}
    for data in reports:
        problem = _report_problem(data)
        client_id = str(data.get("client_id", ""))[:64] if isinstance(data, dict) else ""
        if problem:
            refused[client_id] = problem
            continue
        if AsRunReport.objects.filter(device=device, client_id=client_id).exists():
            accepted.append(client_id)
            continue
        try:
            with transaction.atomic():
                _store_report(device, data)
        except IntegrityError:  # the same report arrived twice at once
            pass
        except ValidationError as exc:
            refused[client_id] = "; ".join(exc.messages)[:200]
            continue
        accepted.append(client_id)
    PlayerDevice.objects.filter(pk=device.pk).update(last_seen_at=timezone.now())
    return {"accepted": accepted, "refused": refused}


def _store_report(device: PlayerDevice, data: dict[str, Any]) -> AsRunReport:
    commune = device.cluster.commune
    started = _parse_when(data["started_at"])
    ended = _parse_when(data["ended_at"])
    assert started is not None and ended is not None  # checked by _report_problem
    bulletin = None
    if isinstance(data.get("bulletin_id"), int):
        bulletin = Bulletin.objects.filter(pk=data["bulletin_id"], commune=commune).first()
    slot = None
    if isinstance(data.get("slot_id"), int):
        slot = Slot.objects.filter(pk=data["slot_id"], commune=commune).first()
    session_on = None
    if isinstance(data.get("session_on"), str):
        try:
            session_on = dt.date.fromisoformat(data["session_on"])
        except ValueError:
            session_on = None
    language = str(data["language"]) if data.get("language") in Language.values else "vi"
    seconds = max(0, math.floor((ended - started).total_seconds()))
    report = AsRunReport(
        device=device,
        client_id=data["client_id"],
        kind=data["kind"],
        bulletin=bulletin,
        slot=slot,
        language=language,
        session_on=session_on,
        started_at=started,
        ended_at=ended,
        seconds=seconds,
        file_sha256=str(data.get("sha256") or "")[:64],
        is_interrupted=bool(data.get("interrupted")),
        interruption=str(data.get("interruption") or "")[:200],
        is_clock_trusted=_trusted(data.get("clock_trusted", True)),
    )
    report.full_clean(validate_constraints=False)
    report.save()
    airable = (Bulletin.Status.APPROVED, Bulletin.Status.WITHDRAWN)
    if (
        _plausible(report, bulletin)
        and bulletin is not None
        and seconds > 0
        and bulletin.status in airable
    ):
        report.log = _fill_log(report, device.cluster)
        report.save(update_fields=["log"])
    return report


def _plausible(report: AsRunReport, bulletin: Bulletin | None) -> bool:
    """Whether an airing can go in the broadcast log (and so count as verified activity).

    Whatever the player says of its clock, the airing must be possible: it started after the
    bulletin's approval and not after the server received it (a little skew allowed), it
    lasted no longer than one item can, and the session day it names is the day it aired.
    Otherwise the report is kept, not logged: a Pi after a reboot without network may think it
    is 1970, and a stolen token must not be able to add a month of airtime dated 2099. One
    made on a clock the player did not trust goes in with a note saying so."""
    if bulletin is None or bulletin.approved_at is None:
        return False
    now = timezone.now()
    if not (bulletin.approved_at - CLOCK_SKEW <= report.started_at <= now + CLOCK_SKEW):
        return False
    if not (report.started_at <= report.ended_at <= report.started_at + LONGEST_ITEM):
        return False
    if report.session_on is not None:
        aired = timezone.localdate(report.started_at)
        if abs((report.session_on - aired).days) > 1:
            return False
    return True


def _fill_log(report: AsRunReport, cluster: Cluster) -> BroadcastLog:
    """Add `cluster` to the log of this airing (made on the first report of any cluster)."""
    from loalang.radio.services.broadcasts import _record_activity

    commune = cluster.commune
    bulletin = report.bulletin
    assert bulletin is not None
    slot = report.slot if report.kind != AsRunReport.Kind.EMERGENCY else None
    aired_on = report.session_on or timezone.localdate(report.started_at)
    logs = BroadcastLog.objects.select_for_update().filter(
        commune=commune, bulletin=bulletin, aired_on=aired_on, language=report.language
    )
    if slot is not None:
        log = logs.filter(slot=slot).first()
    else:
        log = logs.filter(
            slot=None, source__in=[BroadcastLog.Source.PLAYER, BroadcastLog.Source.EMERGENCY]
        ).first()
    before = snapshot(log) if log else None
    notes = []
    if report.is_interrupted:
        notes.append(
            _("Bị ngắt giữa chừng: %(why)s") % {"why": report.interruption or _("không rõ")}
        )
    if not report.is_clock_trusted:
        notes.append(
            _("Máy phát %(d)s chưa đồng bộ giờ: giờ phát có thể chưa chính xác.")
            % {"d": report.device.name}
        )
    note = " ".join(notes)
    if log is None:
        log = BroadcastLog(
            commune=commune,
            bulletin=bulletin,
            slot=slot,
            aired_on=aired_on,
            language=report.language,
            aired_at=report.started_at,
            seconds_aired=report.seconds,
            source=BroadcastLog.Source.PLAYER,
            note=note[:255],
        )
    else:
        log.aired_at = min(log.aired_at, report.started_at)
        log.seconds_aired = max(log.seconds_aired, report.seconds)
        if note and note not in log.note:
            log.note = f"{log.note} {note}".strip()[:255]
    log.full_clean(validate_constraints=False)
    log.save()
    log.clusters.add(cluster)
    audit_log(
        actor=None,
        verb="broadcast.updated" if before else "broadcast.reported",
        target=log,
        commune=commune,
        before=before,
    )
    _record_activity(log, None)
    return log


# --- The watch job: offline devices and sessions not aired ------------------------------------


def _culture_officers(commune: Any) -> list[Any]:
    from loalang.accounts.models import Membership, Role

    return [
        m.user
        for m in Membership.objects.filter(commune=commune, role=Role.CULTURE).select_related(
            "user"
        )
        if m.user.is_active
    ]


def _alert_once(device: PlayerDevice, key: str, text: str) -> bool:
    from loalang.notifications.services import notify

    try:
        with transaction.atomic():
            PlayerAlert.objects.create(device=device, key=key[:80])
    except IntegrityError:
        return False
    commune = device.cluster.commune
    url = reverse(
        "radio:cluster_edit", kwargs={"commune_slug": commune.slug, "pk": device.cluster_id}
    )
    for user in _culture_officers(commune):
        notify(user=user, commune=commune, text=text, url=url)
    return True


def player_watch(*, now: dt.datetime | None = None) -> int:
    """Notify the Culture-Social officers of each commune about devices that stopped sending
    heartbeats and about today's sessions a device's cluster should have aired but did not
    report. Each alert is sent once. Returns how many alerts were sent."""
    from loalang.radio.selectors import programme_for_day

    now = now or timezone.now()
    sent = 0
    devices = list(
        PlayerDevice.objects.filter(revoked_at__isnull=True)
        .exclude(last_seen_at__isnull=True)
        .select_related("cluster__commune")
    )
    for device in devices:
        assert device.last_seen_at is not None
        if now - device.last_seen_at > OFFLINE_AFTER and device.offline_notified_at is None:
            seen = timezone.localtime(device.last_seen_at)
            text = _("Máy phát “%(d)s” (cụm loa %(c)s) mất kết nối từ %(t)s.") % {
                "d": device.name,
                "c": device.cluster.name,
                "t": f"{seen:%H:%M %d/%m/%Y}",
            }
            if _alert_once(device, f"offline:{device.last_seen_at.isoformat()}", text):
                sent += 1
            PlayerDevice.objects.filter(pk=device.pk).update(offline_notified_at=now)
        elif not device.is_clock_trusted:
            text = _(
                "Máy phát “%(d)s” (cụm loa %(c)s) chưa đồng bộ được giờ: máy không phát theo "
                "lịch cho đến khi có giờ chuẩn. Hãy kiểm tra kết nối mạng của máy."
            ) % {"d": device.name, "c": device.cluster.name}
            if _alert_once(device, f"clock:{timezone.localdate(now).isoformat()}", text):
                sent += 1
    today = timezone.localdate(now)
    by_commune: dict[int, list[PlayerDevice]] = {}
    for device in devices:
        by_commune.setdefault(device.cluster.commune_id, []).append(device)
    for group in by_commune.values():
        commune = group[0].cluster.commune
        for programme in programme_for_day(commune=commune, day=today):
            if programme.slot is None or not programme.items:
                continue
            ends = programme.starts_at + dt.timedelta(seconds=programme.seconds)
            if now < ends + NOT_AIRED_GRACE:
                continue
            planned = {c.pk for c in programme.clusters}
            for device in group:
                if device.cluster_id not in planned:
                    continue
                if AsRunReport.objects.filter(
                    device__cluster_id=device.cluster_id,
                    slot=programme.slot,
                    session_on=today,
                ).exists():
                    continue
                text = _(
                    "Cụm loa %(c)s chưa phát buổi “%(s)s” lúc %(t)s hôm nay (máy phát không báo)."
                ) % {
                    "c": device.cluster.name,
                    "s": programme.slot.name,
                    "t": f"{programme.slot.starts_at:%H:%M}",
                }
                key = f"not-aired:{programme.slot.pk}:{today.isoformat()}"
                if _alert_once(device, key, text):
                    sent += 1
    return sent
