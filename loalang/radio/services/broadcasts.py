"""What aired: operator confirmations, vendor log imports and emergency broadcasts. Every
aired bulletin becomes one radio activity in the activity log (idempotent per log record)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from loalang.activities.models import Activity
from loalang.activities.services import activity_record_automatic
from loalang.core.audit import audit_log, snapshot
from loalang.radio.models import (
    AsRunReport,
    BroadcastLog,
    Bulletin,
    Cluster,
    Language,
    PlayerDevice,
    Slot,
)


def _record_activity(log: BroadcastLog, actor: Any) -> Activity:
    bulletin = log.bulletin
    clusters = list(log.clusters.prefetch_related("villages"))
    villages = {v.pk: v for c in clusters for v in c.villages.all()}
    names = ", ".join(c.name for c in clusters)
    when = timezone.localtime(log.aired_at).strftime("%H:%M")
    return activity_record_automatic(
        commune=log.commune,
        kind=Activity.Kind.RADIO_BROADCAST,
        source=log,
        title=bulletin.title,
        held_on=log.aired_on,
        minutes=log.minutes,
        themes=bulletin.themes.all(),
        villages=villages.values(),
        description=_("Phát lúc %(when)s trên %(n)s cụm loa: %(names)s.")
        % {"when": when, "n": len(clusters), "names": names},
        actor=actor,
    )


def _aware(day: dt.date, at: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, at))


# A device's clock may run a little ahead of the server's.
AIRING_CLOCK_SLACK = dt.timedelta(minutes=5)


@transaction.atomic
def broadcast_confirm(
    *,
    commune: Any,
    bulletin: Bulletin,
    slot: Slot | None,
    aired_on: dt.date,
    clusters: Iterable[Cluster],
    actor: Any,
    seconds: int | None = None,
    language: str = Language.VIETNAMESE,
    aired_at: dt.datetime | None = None,
    source: str = BroadcastLog.Source.OPERATOR,
    note: str = "",
) -> BroadcastLog:
    """Record that `bulletin` aired in `slot` on `aired_on` on `clusters`.

    Confirming again updates the same log (and its one activity). Minutes aired default to
    the version's audio length, rounded up.
    """
    clusters = list(clusters)
    if not clusters:
        raise ValidationError({"clusters": _("Chọn ít nhất một cụm loa đã phát.")})
    if any(c.commune_id != commune.pk for c in clusters) or bulletin.commune_id != commune.pk:
        raise ValidationError(_("Bản tin hoặc cụm loa không thuộc xã này."))
    if bulletin.status not in (Bulletin.Status.APPROVED, Bulletin.Status.WITHDRAWN):
        raise ValidationError(_("Bản tin chưa được duyệt thì không thể phát."))
    if seconds is None:
        version = bulletin.versions.filter(language=language).first()
        seconds = math.ceil(version.duration_seconds) if version else 0
    if seconds <= 0:
        raise ValidationError({"seconds": _("Thời lượng phát phải lớn hơn 0 giây.")})
    if aired_at is None:
        aired_at = _aware(aired_on, slot.starts_at) if slot else timezone.now()
    if aired_at > timezone.now() + AIRING_CLOCK_SLACK:
        local = timezone.localtime(aired_at)
        raise ValidationError(
            _("Buổi phát lúc %(t)s chưa đến giờ: chỉ xác nhận được sau khi đã phát.")
            % {"t": f"{local:%H:%M} ngày {local:%d/%m/%Y}"}
        )
    log = None
    if slot is not None:
        log = BroadcastLog.objects.filter(
            bulletin=bulletin, slot=slot, aired_on=aired_on, language=language
        ).first()
    elif source == BroadcastLog.Source.VENDOR:
        log = BroadcastLog.objects.filter(
            bulletin=bulletin, slot=None, aired_at=aired_at, language=language
        ).first()
    before = snapshot(log) if log else None
    log = log or BroadcastLog(
        commune=commune, bulletin=bulletin, slot=slot, aired_on=aired_on, language=language
    )
    log.aired_at = aired_at
    log.seconds_aired = int(seconds)
    log.source = source
    log.note = note
    if getattr(actor, "is_authenticated", False):
        log.confirmed_by = actor
    log.full_clean(validate_constraints=False)
    log.save()
    log.clusters.set(clusters)
    audit_log(
        actor=actor,
        verb="broadcast.updated" if before else "broadcast.confirmed",
        target=log,
        commune=log.commune,
        before=before,
    )
    _record_activity(log, actor)
    return log


@dataclass(frozen=True)
class OnAir:
    """What "Phát ngay" did: the log of the clusters aired by hand or by the smart-radio
    system (None when every cluster has a player), and the clusters left to their players."""

    log: BroadcastLog | None
    player_clusters: list[Cluster]
    replay: bool  # the players had already aired it: they air it once more


def _clusters_with_player(clusters: Iterable[Cluster]) -> set[int]:
    return set(
        PlayerDevice.objects.filter(
            cluster__in=list(clusters), revoked_at__isnull=True
        ).values_list("cluster_id", flat=True)
    )


@transaction.atomic
def bulletin_put_on_air(
    *, bulletin: Bulletin, actor: Any, clusters: Iterable[Cluster] = ()
) -> OnAir:
    """Air an approved emergency bulletin at once on every working cluster it targets,
    ahead of any slot (Circular 39/2020: emergency items air immediately).

    Clusters without an active Loa Làng Player are recorded as aired now (the smart-radio
    system, if one is configured, receives it with a preempt flag after commit). Clusters
    with a player are not recorded: their players' as-run reports fill the log. A player
    already airs an emergency when it is approved, so for them this button means "air it
    once more" and only counts where the player had already aired it (player_feed); a press
    before that adds nothing to the pending airing (ADR 0055).
    """
    if bulletin.priority != Bulletin.Priority.EMERGENCY:
        raise ValidationError(_("Chỉ bản tin khẩn cấp mới được phát ngay."))
    if bulletin.status != Bulletin.Status.APPROVED:
        raise ValidationError(_("Bản tin khẩn cấp cũng phải được duyệt trước khi phát."))
    if not bulletin.is_valid_on(timezone.localdate()):
        raise ValidationError(_("Bản tin đã hết hạn phát hoặc chưa đến ngày phát."))
    version = (
        bulletin.versions.filter(language=Language.VIETNAMESE).first() or bulletin.versions.first()
    )
    if version is None or not version.is_ready:
        raise ValidationError(_("Bản tin chưa có âm thanh sẵn sàng để phát."))
    clusters = (
        list(clusters)
        or list(bulletin.clusters.all())
        or list(Cluster.objects.filter(commune=bulletin.commune))
    )
    working = [c for c in clusters if c.status == Cluster.Status.WORKING]
    if not working:
        raise ValidationError(_("Không có cụm loa nào đang hoạt động để phát."))
    with_player = _clusters_with_player(working)
    by_hand = [c for c in working if c.pk not in with_player]
    players = [c for c in working if c.pk in with_player]
    now = timezone.now()
    replay = bool(players) and bulletin_aired_by_players(bulletin)
    if players:
        before = snapshot(bulletin)
        bulletin.on_air_at = now
        bulletin.save(update_fields=["on_air_at", "updated_at"])
        audit_log(
            actor=actor,
            verb="bulletin.replayed" if replay else "bulletin.put_on_air",
            target=bulletin,
            commune=bulletin.commune,
            before=before,
        )
    log = None
    if by_hand:
        log = broadcast_confirm(
            commune=bulletin.commune,
            bulletin=bulletin,
            slot=None,
            aired_on=timezone.localdate(now),
            clusters=by_hand,
            actor=actor,
            seconds=math.ceil(version.duration_seconds),
            language=version.language,
            aired_at=now,
            source=BroadcastLog.Source.EMERGENCY,
        )
        from loalang.radio.jobs import emergency_push_job

        pk = log.pk  # pushed by the job worker: the request never waits on the radio system
        transaction.on_commit(lambda: emergency_push_job.enqueue(pk))
    return OnAir(log=log, player_clusters=players, replay=replay)


def bulletin_aired_by_players(bulletin: Bulletin) -> bool:
    """Whether a player has reported airing this emergency since it was approved."""
    if bulletin.approved_at is None:
        return False
    return AsRunReport.objects.filter(
        bulletin=bulletin,
        kind=AsRunReport.Kind.EMERGENCY,
        started_at__gte=bulletin.approved_at,
    ).exists()


# --- Vendor CSV -------------------------------------------------------------------------------

VENDOR_COLUMNS = ("ngay", "gio", "cum_loa", "ban_tin", "thoi_luong_giay")


@dataclass
class ImportResult:
    logs: list[BroadcastLog] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    rows: int = 0


def _parse_date(text: str) -> dt.date:
    text = text.strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(_("ngày “%s” không đúng dạng YYYY-MM-DD hoặc DD/MM/YYYY") % text)


def _parse_seconds(text: str) -> int:
    text = text.strip()
    if ":" in text:
        minutes, _sep, secs = text.partition(":")
        return int(minutes) * 60 + int(secs)
    return int(float(text.replace(",", ".")))


def broadcast_import_vendor_csv(*, commune: Any, data: bytes, actor: Any) -> ImportResult:
    """Import a vendor's broadcast log (CSV, UTF-8, header row).

    Columns: ngay (date), gio (HH:MM), cum_loa (cluster code or name), ban_tin (bulletin
    source code, or the bulletin number, or its exact title), thoi_luong_giay (seconds or
    m:ss); an optional trang_thai column skips rows saying failed/loi/khong. Rows of the same
    bulletin, day and time become one log on several clusters. All or nothing: with any bad
    row nothing is imported and every bad row is reported with its line number.
    """
    result = ImportResult()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        result.errors.append(_("Tệp không phải văn bản UTF-8. Hãy lưu lại dưới dạng CSV UTF-8."))
        return result
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in VENDOR_COLUMNS if c not in header]
    if missing:
        result.errors.append(_("Thiếu cột: %s.") % ", ".join(missing))
        return result
    clusters = list(Cluster.objects.filter(commune=commune))
    by_code = {c.code.strip().lower(): c for c in clusters if c.code}
    by_name = {c.name.strip().lower(): c for c in clusters}
    bulletins = list(Bulletin.objects.filter(commune=commune))
    slots = list(Slot.objects.filter(commune=commune))
    groups: dict[tuple[int, dt.date, dt.time], dict[str, Any]] = {}
    for line, raw in enumerate(reader, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items()}
        result.rows += 1
        if row.get("trang_thai", "").lower() in {"failed", "loi", "lỗi", "khong", "không", "error"}:
            continue
        try:
            day = _parse_date(row["ngay"])
            at = dt.datetime.strptime(row["gio"], "%H:%M").time()
            seconds = _parse_seconds(row["thoi_luong_giay"])
        except ValueError as exc:
            result.errors.append(_("Dòng %(line)s: %(err)s.") % {"line": line, "err": exc})
            continue
        key = row["cum_loa"].lower()
        cluster = by_code.get(key) or by_name.get(key)
        if cluster is None:
            result.errors.append(
                _("Dòng %(line)s: không có cụm loa “%(c)s”.") % {"line": line, "c": row["cum_loa"]}
            )
            continue
        ref = row["ban_tin"]
        bulletin = next(
            (
                b
                for b in bulletins
                if (b.external_ref and b.external_ref == ref) or str(b.pk) == ref or b.title == ref
            ),
            None,
        )
        if bulletin is None or bulletin.status not in (
            Bulletin.Status.APPROVED,
            Bulletin.Status.WITHDRAWN,
        ):
            result.errors.append(
                _("Dòng %(line)s: không có bản tin đã duyệt “%(b)s”.") % {"line": line, "b": ref}
            )
            continue
        group = groups.setdefault(
            (bulletin.pk, day, at), {"bulletin": bulletin, "clusters": {}, "seconds": 0}
        )
        group["clusters"][cluster.pk] = cluster
        group["seconds"] = max(group["seconds"], seconds)
    if result.errors:
        return result
    with transaction.atomic():
        for (_pk, day, at), group in groups.items():
            slot = _slot_at(slots, day, at)
            result.logs.append(
                broadcast_confirm(
                    commune=commune,
                    bulletin=group["bulletin"],
                    slot=slot,
                    aired_on=day,
                    clusters=group["clusters"].values(),
                    actor=actor,
                    seconds=group["seconds"],
                    aired_at=_aware(day, at),
                    source=BroadcastLog.Source.VENDOR,
                )
            )
    return result


def _slot_at(slots: list[Slot], day: dt.date, at: dt.time) -> Slot | None:
    """The slot running that day whose start is within an hour before `at` (a programme's
    items air one after another after the slot opens)."""
    minutes = at.hour * 60 + at.minute
    best = None
    for slot in slots:
        if not slot.runs_on(day):
            continue
        start = slot.starts_at.hour * 60 + slot.starts_at.minute
        if 0 <= minutes - start <= 60 and (best is None or start > best[0]):
            best = (start, slot)
    return best[1] if best else None


@transaction.atomic
def broadcast_confirm_session(*, commune: Any, slot: Slot, day: dt.date, actor: Any) -> int:
    """ "The whole session aired": confirm every item the programme planned for `slot` on
    `day`, on its planned clusters, each for its audio's real length. Items already confirmed
    are left as they were. Returns how many were confirmed now."""
    from loalang.radio.selectors import broadcast_day

    if slot.commune_id != commune.pk:
        raise ValidationError(_("Buổi phát không thuộc xã này."))
    confirmed = 0
    for row in broadcast_day(commune=commune, day=day):
        if row.slot is None or row.slot.pk != slot.pk or row.log or not row.planned_clusters:
            continue
        broadcast_confirm(
            commune=commune,
            bulletin=row.bulletin,
            slot=slot,
            aired_on=day,
            clusters=row.planned_clusters,
            language=row.language,
            actor=actor,
        )
        confirmed += 1
    if not confirmed:
        raise ValidationError(_("Buổi phát này không còn bản tin nào chờ xác nhận."))
    return confirmed
