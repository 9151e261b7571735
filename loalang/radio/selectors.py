"""Reads of the radio app, always scoped by commune."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from loalang.core.nav import Attention
from loalang.radio.models import BroadcastLog, Bulletin, BulletinVersion, Cluster, Language, Slot


def bulletin_list(*, commune: Any, status: str = "") -> QuerySet[Bulletin]:
    qs = Bulletin.objects.filter(commune=commune).prefetch_related("versions", "themes")
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-created_at", "-id")


def bulletin_list_public(*, commune: Any, limit: int = 10) -> list[Bulletin]:
    """Recent approved bulletins with audio, newest first, for the portal and the podcast feed.

    Each bulletin carries `public_versions`: its ready language versions. Withdrawn and
    unapproved bulletins never appear; neither do bulletins whose validity has not started.
    """
    today = timezone.localdate()
    ready = BulletinVersion.objects.filter(status=BulletinVersion.Status.READY).exclude(
        audio_mp3=""
    )
    # EXISTS per bulletin of the commune, not `versions__in=ready`: that listed every ready
    # version of every commune first, and needed a DISTINCT over all columns (issue 20).
    qs = (
        Bulletin.objects.filter(commune=commune, status=Bulletin.Status.APPROVED)
        .filter(Exists(ready.filter(bulletin=OuterRef("pk"))))
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
        .prefetch_related(
            Prefetch("versions", queryset=ready.order_by("language"), to_attr="public_versions")
        )
        .order_by("-approved_at", "-id")
    )
    return list(qs[:limit])


def cluster_list(*, commune: Any) -> QuerySet[Cluster]:
    return Cluster.objects.filter(commune=commune).prefetch_related("villages").order_by("name")


def slot_list(*, commune: Any) -> QuerySet[Slot]:
    return (
        Slot.objects.filter(commune=commune)
        .prefetch_related("clusters")
        .order_by("starts_at", "name")
    )


# --- The programme of a day -------------------------------------------------------------------


@dataclass
class ProgrammeItem:
    bulletin: Bulletin
    version: BulletinVersion
    clusters: list[Cluster]
    is_fallback: bool = False

    @property
    def seconds(self) -> float:
        return self.version.duration_seconds


@dataclass
class SlotProgramme:
    slot: Slot | None
    starts_at: dt.datetime
    clusters: list[Cluster]
    items: list[ProgrammeItem] = field(default_factory=list)

    @property
    def seconds(self) -> float:
        return sum(i.seconds for i in self.items)

    @property
    def label(self) -> str:
        return self.slot.name if self.slot else _("Phát khẩn cấp")


def _slot_languages(slot: Slot) -> set[str] | None:
    if slot.languages == Slot.Languages.ALL:
        return None
    return {slot.languages}


def programme_for_day(*, commune: Any, day: dt.date) -> list[SlotProgramme]:
    """What each active slot of `day` airs, in order.

    Items: approved bulletins valid that day, emergency first, then priority, then normal
    (older approvals first within a level), on the clusters both the slot and the bulletin
    target; broken clusters are left out. Language versions follow the slot's setting. When
    the items fall short of the slot's minimum length, approved fallback bulletins fill it,
    so a slot never airs silence. Jingles are added by the playout bundle, not here.
    """
    clusters = list(Cluster.objects.filter(commune=commune).prefetch_related("villages"))
    working = {c.pk: c for c in clusters if c.status == Cluster.Status.WORKING}
    ready = BulletinVersion.objects.filter(status=BulletinVersion.Status.READY).exclude(
        audio_mp3=""
    )
    bulletins = [
        b
        for b in Bulletin.objects.filter(commune=commune, status=Bulletin.Status.APPROVED)
        .prefetch_related(
            Prefetch("versions", queryset=ready.order_by("language"), to_attr="ready_versions")
        )
        .prefetch_related("clusters", "slots")
        .order_by("-priority", "approved_at", "id")
        if b.is_valid_on(day) and b.ready_versions
    ]
    programmes = []
    for slot in (
        Slot.objects.filter(commune=commune, is_active=True)
        .prefetch_related("clusters")
        .order_by("starts_at")
    ):
        if not slot.runs_on(day):
            continue
        slot_clusters = {c.pk for c in slot.clusters.all()} or set(working)
        slot_working = [working[pk] for pk in sorted(slot_clusters) if pk in working]
        programme = SlotProgramme(
            slot=slot,
            starts_at=timezone.make_aware(dt.datetime.combine(day, slot.starts_at)),
            clusters=slot_working,
        )
        languages = _slot_languages(slot)
        for bulletin in (b for b in bulletins if not b.is_fallback):
            sessions = {s.pk for s in bulletin.slots.all()}
            if sessions and slot.pk not in sessions:
                continue  # placed in another session (morning only, evening only…)
            targets = {c.pk for c in bulletin.clusters.all()} or slot_clusters
            on = [working[pk] for pk in sorted(targets & slot_clusters) if pk in working]
            if not on:
                continue
            for version in bulletin.ready_versions:
                if languages is None or version.language in languages:
                    programme.items.append(ProgrammeItem(bulletin, version, on))
        minimum = slot.min_minutes * 60
        for bulletin in (b for b in bulletins if b.is_fallback):
            if programme.seconds >= minimum:
                break
            for version in bulletin.ready_versions:
                if languages is None or version.language in languages:
                    programme.items.append(
                        ProgrammeItem(bulletin, version, slot_working, is_fallback=True)
                    )
        programmes.append(programme)
    return programmes


# --- The broadcast log: planned vs aired ------------------------------------------------------


@dataclass
class LogRow:
    slot: Slot | None
    bulletin: Bulletin
    language: str
    planned_clusters: list[Cluster]
    log: BroadcastLog | None
    planned_seconds: float = 0.0

    @property
    def aired_cluster_ids(self) -> set[int]:
        return {c.pk for c in self.log.clusters.all()} if self.log else set()

    @property
    def missed_clusters(self) -> list[Cluster]:
        aired = self.aired_cluster_ids
        return [c for c in self.planned_clusters if c.pk not in aired]

    @property
    def language_label(self) -> str:
        return str(Language(self.language).label)


def broadcast_day(*, commune: Any, day: dt.date) -> list[LogRow]:
    """Planned items of `day` (from the programme) beside what the logs say aired, plus
    aired items that were not planned (emergencies, vendor rows outside a slot)."""
    logs = list(
        BroadcastLog.objects.filter(commune=commune, aired_on=day)
        .select_related("bulletin", "slot", "confirmed_by")
        .prefetch_related("clusters")
    )
    by_key = {(lg.bulletin_id, lg.slot_id, lg.language): lg for lg in logs}
    rows: list[LogRow] = []
    seen: set[int] = set()
    for programme in programme_for_day(commune=commune, day=day):
        for item in programme.items:
            slot_id = programme.slot.pk if programme.slot else None
            log = by_key.get((item.bulletin.pk, slot_id, item.version.language))
            if log:
                seen.add(log.pk)
            rows.append(
                LogRow(
                    programme.slot,
                    item.bulletin,
                    item.version.language,
                    item.clusters,
                    log,
                    item.seconds,
                )
            )
    for log in logs:
        if log.pk not in seen:
            rows.append(LogRow(log.slot, log.bulletin, log.language, [], log))
    return rows


@dataclass(frozen=True)
class RadioTotals:
    bulletins: int
    broadcasts: int
    minutes: int
    clusters_working: int
    clusters_total: int


def radio_totals(*, commune: Any, start: dt.date, end: dt.date) -> RadioTotals:
    """Counts for reports: bulletins aired, broadcasts, minutes, clusters working."""
    logs = list(
        BroadcastLog.objects.filter(commune=commune, aired_on__range=(start, end)).values(
            "bulletin_id", "seconds_aired"
        )
    )
    clusters = Cluster.objects.filter(commune=commune).aggregate(
        total=Count("id"), working=Count("id", filter=Q(status=Cluster.Status.WORKING))
    )
    return RadioTotals(
        bulletins=len({lg["bulletin_id"] for lg in logs}),
        broadcasts=len(logs),
        minutes=sum(-(-lg["seconds_aired"] // 60) for lg in logs),
        clusters_working=clusters["working"],
        clusters_total=clusters["total"],
    )


def attention(commune: Any, scope: Any) -> list[Attention]:
    """Home-page items: bulletins waiting for approval, broken clusters, failed audio."""
    from loalang.accounts.access import Cap

    items: list[Attention] = []
    if not scope.can(Cap.VIEW):
        return items
    slug = {"commune_slug": commune.slug}
    pending = Bulletin.objects.filter(commune=commune, status=Bulletin.Status.PENDING).count()
    if pending and (scope.can(Cap.APPROVE) or scope.can(Cap.RADIO_EDIT)):
        items.append(
            Attention(
                text=ngettext(
                    "%(n)s bản tin đang chờ duyệt", "%(n)s bản tin đang chờ duyệt", pending
                )
                % {"n": pending},
                url=reverse("radio:bulletin_list", kwargs=slug) + "?status=pending",
                level="warning",
            )
        )
    if scope.user_id and scope.can(Cap.RADIO_EDIT):
        for bulletin in Bulletin.objects.filter(
            commune=commune, status=Bulletin.Status.RETURNED, created_by_id=scope.user_id
        ).only("pk", "title")[:5]:
            items.append(
                Attention(
                    text=_("Bản tin «%(title)s» bị trả lại, cần sửa và gửi duyệt lại.")
                    % {"title": bulletin.title},
                    url=reverse(
                        "radio:bulletin_detail",
                        kwargs={"commune_slug": commune.slug, "pk": bulletin.pk},
                    ),
                    level="warning",
                )
            )
    broken = Cluster.objects.filter(commune=commune).exclude(status=Cluster.Status.WORKING).count()
    if broken:
        items.append(
            Attention(
                text=_("%(n)s cụm loa hỏng hoặc đang sửa") % {"n": broken},
                url=reverse("radio:cluster_list", kwargs=slug),
                level="danger",
            )
        )
    failed = (
        BulletinVersion.objects.filter(
            bulletin__commune=commune, status=BulletinVersion.Status.FAILED
        )
        .exclude(bulletin__status=Bulletin.Status.WITHDRAWN)
        .count()
    )
    if failed and scope.can(Cap.RADIO_EDIT):
        items.append(
            Attention(
                text=_("%(n)s bản tin tạo âm thanh bị lỗi") % {"n": failed},
                url=reverse("radio:bulletin_list", kwargs=slug),
                level="warning",
            )
        )
    return items


# --- Loa Làng Player devices ------------------------------------------------------------------


@dataclass(frozen=True)
class PlayerPresence:
    device: Any
    is_online: bool
    status: str  # "Đang hoạt động" / "Mất kết nối" / "Chưa kết nối"
    last_seen: str  # "2 phút trước (14:05 03/12/2026)"


def _ago(delta: dt.timedelta) -> str:
    seconds = max(0, int(delta.total_seconds()))
    if seconds < 60:
        return _("vừa xong")
    if seconds < 3600:
        return _("%(n)s phút trước") % {"n": seconds // 60}
    if seconds < 86400:
        return _("%(n)s giờ trước") % {"n": seconds // 3600}
    return _("%(n)s ngày trước") % {"n": seconds // 86400}


def player_presence(device: Any, now: dt.datetime | None = None) -> PlayerPresence:
    from loalang.radio.services.players import OFFLINE_AFTER

    now = now or timezone.now()
    if device.last_seen_at is None:
        return PlayerPresence(device, False, _("Chưa kết nối"), _("chưa liên lạc lần nào"))
    online = now - device.last_seen_at <= OFFLINE_AFTER
    local = timezone.localtime(device.last_seen_at)
    return PlayerPresence(
        device,
        online,
        _("Đang hoạt động") if online else _("Mất kết nối"),
        f"{_ago(now - device.last_seen_at)} ({local:%H:%M %d/%m/%Y})",
    )


def player_list(*, commune: Any, cluster: Any = None) -> list[PlayerPresence]:
    """Active (not revoked) devices of the commune, or of one cluster, with their presence."""
    from loalang.radio.models import PlayerDevice

    qs = PlayerDevice.objects.filter(cluster__commune=commune, revoked_at__isnull=True)
    if cluster is not None:
        qs = qs.filter(cluster=cluster)
    now = timezone.now()
    return [player_presence(d, now) for d in qs.select_related("cluster").order_by("name")]
