"""What Loa Làng Player reads: its cluster's programme, the fallback playlist, the emergency
feed and the change counter it polls (ADR 0055). Reads only; the JSON shapes live here.

The change counter ("rev") is a random value kept in the cache per commune and dropped after
any commit that changes bulletins, their audio, sessions, clusters or emergency airings
(radio.signals). A poll whose rev is unchanged answers from the cache alone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.core.cache import cache
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from loalang.core.files import private_storage
from loalang.radio.models import (
    AsRunReport,
    AudioDigest,
    Bulletin,
    BulletinVersion,
    Cluster,
    PlayerDevice,
)
from loalang.radio.selectors import programme_for_day

# How long after approval (or an operator's "Phát lại ngay") an emergency bulletin without an
# end date still airs on a player that comes online (emergencies_for).
EMERGENCY_OPEN_ENDED = dt.timedelta(hours=24)
MAX_DAYS = 7

PRIORITY_CLASS = {
    Bulletin.Priority.NORMAL: "normal",
    Bulletin.Priority.PRIORITY: "priority",
    Bulletin.Priority.EMERGENCY: "emergency",
}


def _rev_key(commune_id: int) -> str:
    return f"radio:player:rev:{commune_id}"


def rev_for(commune_id: int) -> str:
    """The commune's current change counter (a fresh one after any change)."""
    key = _rev_key(commune_id)
    rev = cache.get(key)
    if rev is None:
        rev = secrets.token_hex(6)
        if not cache.add(key, rev, 24 * 3600):
            rev = cache.get(key) or rev
    return str(rev)


def rev_bump(commune_id: int) -> None:
    cache.delete(_rev_key(commune_id))


def audio_digest(name: str) -> AudioDigest | None:
    """SHA-256 and size of a stored audio file, computed once per stored name."""
    if not name:
        return None
    found = AudioDigest.objects.filter(name=name).first()
    if found:
        return found
    storage = private_storage()
    if not storage.exists(name):
        return None
    digest = hashlib.sha256()
    size = 0
    with storage.open(name, "rb") as f:
        for block in iter(lambda: f.read(1 << 16), b""):
            digest.update(block)
            size += len(block)
    found, _created = AudioDigest.objects.get_or_create(
        name=name, defaults={"sha256": digest.hexdigest(), "size": size}
    )
    return found


def _audio(version: BulletinVersion) -> dict[str, Any] | None:
    found = audio_digest(str(version.audio_mp3.name or ""))
    if found is None:
        return None
    return {
        "version_id": version.pk,
        "url": reverse("player_api:audio", kwargs={"pk": version.pk}),
        "sha256": found.sha256,
        "size": found.size,
        "seconds": round(version.duration_seconds, 3),
        "language": version.language,
    }


def _item(bulletin: Bulletin, version: BulletinVersion, **extra: Any) -> dict[str, Any] | None:
    audio = _audio(version)
    if audio is None:
        return None
    return {
        "bulletin_id": bulletin.pk,
        "title": bulletin.title,
        "priority": int(bulletin.priority),
        "priority_class": PRIORITY_CLASS[Bulletin.Priority(bulletin.priority)],
        **audio,
        **extra,
    }


def _iso(when: dt.datetime) -> str:
    return timezone.localtime(when).isoformat()


def programme_for_player(*, device: PlayerDevice, days: int = 2) -> dict[str, Any]:
    """The sessions of the device's cluster from today for `days` days, each item with its
    planned start and end, audio URL, SHA-256 and size; the fallback playlist; emergencies."""
    cluster = Cluster.objects.select_related("commune").get(pk=device.cluster_id)
    commune = cluster.commune
    days = max(1, min(days, MAX_DAYS))
    today = timezone.localdate()
    sessions = []
    for offset in range(days):
        day = today + dt.timedelta(days=offset)
        for programme in programme_for_day(commune=commune, day=day):
            if programme.slot is None or cluster.pk not in {c.pk for c in programme.clusters}:
                continue
            at = programme.starts_at
            items = []
            for item in programme.items:
                if cluster.pk not in {c.pk for c in item.clusters}:
                    continue
                ends = at + dt.timedelta(seconds=item.seconds)
                data = _item(
                    item.bulletin,
                    item.version,
                    is_fallback=item.is_fallback,
                    starts_at=_iso(at),
                    ends_at=_iso(ends),
                )
                if data is not None:
                    items.append(data)
                    at = ends
            if not items:
                continue
            sessions.append(
                {
                    "id": f"{programme.slot.pk}:{day.isoformat()}",
                    "slot_id": programme.slot.pk,
                    "name": programme.slot.name,
                    "session_on": day.isoformat(),
                    "starts_at": _iso(programme.starts_at),
                    "ends_at": _iso(at),
                    "items": items,
                }
            )
    return {
        "server_time": timezone.now().isoformat(),
        "rev": rev_for(commune.pk),
        "cluster": {"id": cluster.pk, "name": cluster.name, "commune": commune.slug},
        "timezone": "Asia/Ho_Chi_Minh",
        "sessions": sessions,
        "fallback": fallback_for(commune=commune, day=today),
        "emergencies": emergencies_for(cluster=cluster),
    }


def _ready_versions(bulletin: Bulletin) -> list[BulletinVersion]:
    return [v for v in bulletin.versions.all() if v.is_ready]


def fallback_for(*, commune: Any, day: dt.date) -> list[dict[str, Any]]:
    """Approved fallback bulletins with audio: what a player airs in a gap or when a file is
    missing, so the loudspeakers never fall silent in a session."""
    items = []
    for bulletin in (
        Bulletin.objects.filter(commune=commune, status=Bulletin.Status.APPROVED, is_fallback=True)
        .prefetch_related("versions")
        .order_by("approved_at", "id")
    ):
        if not bulletin.is_valid_on(day):
            continue
        for version in _ready_versions(bulletin):
            data = _item(bulletin, version)
            if data is not None:
                items.append(data)
    return items


def emergencies_for(*, cluster: Cluster) -> list[dict[str, Any]]:
    """Emergency bulletins `cluster`'s player must air now, each with a `key` it airs once.

    An approved emergency aimed at this cluster (or at all) airs once on every player of the
    cluster, however late the player comes online, while it is still valid: up to the end of
    its `valid_until` day, or EMERGENCY_OPEN_ENDED after approval when it has no end date.
    Once the cluster's player has reported airing it, it is no longer offered, unless an
    operator pressed "Phát lại ngay" (Bulletin.on_air_at) after that airing: then it airs once
    more. A press before the player aired it adds nothing (the pending airing covers it), so
    a player never airs one emergency twice for one decision.
    """
    now = timezone.now()
    today = timezone.localdate(now)
    bulletins = (
        Bulletin.objects.filter(
            commune_id=cluster.commune_id,
            status=Bulletin.Status.APPROVED,
            priority=Bulletin.Priority.EMERGENCY,
            approved_at__isnull=False,
        )
        .filter(Q(clusters=cluster) | Q(clusters__isnull=True))
        .filter(
            Q(valid_until__gte=today)
            | Q(valid_until__isnull=True, approved_at__gte=now - EMERGENCY_OPEN_ENDED)
            | Q(valid_until__isnull=True, on_air_at__gte=now - EMERGENCY_OPEN_ENDED)
        )
        .distinct()
        .prefetch_related("versions")
        .order_by("approved_at", "id")
    )
    out = []
    for bulletin in bulletins:
        if not bulletin.is_valid_on(today):
            continue
        versions = _ready_versions(bulletin)
        version = next((v for v in versions if v.language == "vi"), None) or (
            versions[0] if versions else None
        )
        if version is None:
            continue
        key = _emergency_key(bulletin, cluster)
        if key:
            data = _item(bulletin, version, key=key)
            if data is not None:
                out.append(data)
    return out


def _emergency_key(bulletin: Bulletin, cluster: Cluster) -> str:
    """The airing `cluster`'s player still owes for `bulletin`, or "" when it owes none."""
    assert bulletin.approved_at is not None
    aired = list(
        AsRunReport.objects.filter(
            device__cluster=cluster,
            kind=AsRunReport.Kind.EMERGENCY,
            bulletin=bulletin,
            started_at__gte=bulletin.approved_at,
        ).values_list("started_at", flat=True)
    )
    if not aired:
        return f"{bulletin.pk}:a{int(bulletin.approved_at.timestamp())}"
    replay = bulletin.on_air_at
    if replay is not None and min(aired) < replay and not any(t >= replay for t in aired):
        return f"{bulletin.pk}:n{int(replay.timestamp())}"
    return ""
