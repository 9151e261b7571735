"""Station setup: clusters, slots, the pronunciation lexicon and the station settings."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from loalang.core.audit import audit_log, snapshot
from loalang.radio.models import Cluster, LexiconEntry, RadioSettings, Slot


def _same_commune(commune: Any, objs: Iterable[Any], field: str) -> list[Any]:
    objs = list(objs)
    if any(o.commune_id != commune.pk for o in objs):
        raise ValidationError({field: _("Có mục không thuộc xã này.")})
    return objs


@transaction.atomic
def cluster_save(
    *,
    commune: Any,
    actor: Any,
    cluster: Cluster | None = None,
    villages: Iterable[Any] = (),
    **fields: Any,
) -> Cluster:
    """Create or change a loudspeaker cluster and the villages it reaches."""
    before = snapshot(cluster) if cluster else None
    cluster = cluster or Cluster(commune=commune)
    for name, value in fields.items():
        setattr(cluster, name, value)
    cluster.full_clean()
    cluster.save()
    cluster.villages.set(_same_commune(commune, villages, "villages"))
    audit_log(
        actor=actor,
        verb="cluster.updated" if before else "cluster.created",
        target=cluster,
        commune=cluster.commune,
        before=before,
    )
    return cluster


@transaction.atomic
def slot_save(
    *,
    commune: Any,
    actor: Any,
    slot: Slot | None = None,
    clusters: Iterable[Any] = (),
    **fields: Any,
) -> Slot:
    """Create or change a recurring broadcast slot."""
    before = snapshot(slot) if slot else None
    slot = slot or Slot(commune=commune)
    for name, value in fields.items():
        setattr(slot, name, value)
    slot.full_clean()
    slot.save()
    slot.clusters.set(_same_commune(commune, clusters, "clusters"))
    audit_log(
        actor=actor,
        verb="slot.updated" if before else "slot.created",
        target=slot,
        commune=slot.commune,
        before=before,
    )
    return slot


@transaction.atomic
def lexicon_save(*, commune: Any, actor: Any, written: str, spoken: str) -> LexiconEntry:
    """Add or change how the commune's reader says a written form. Idempotent per form."""
    written = (written or "").strip()
    spoken = " ".join((spoken or "").split())
    entry = LexiconEntry.objects.filter(commune=commune, written=written).first()
    before = snapshot(entry) if entry else None
    entry = entry or LexiconEntry(commune=commune, written=written)
    entry.spoken = spoken
    entry.full_clean()
    entry.save()
    audit_log(
        actor=actor,
        verb="lexicon_entry.updated" if before else "lexicon_entry.created",
        target=entry,
        commune=entry.commune,
        before=before,
    )
    return entry


@transaction.atomic
def lexicon_delete(*, entry: LexiconEntry, actor: Any) -> None:
    audit_log(
        actor=actor,
        verb="lexicon_entry.deleted",
        target=entry,
        before=snapshot(entry),
        commune=entry.commune,
    )
    entry.delete()


@transaction.atomic
def radio_settings_save(
    *,
    commune: Any,
    actor: Any,
    opening_upload: Any = None,
    closing_upload: Any = None,
    **fields: Any,
) -> RadioSettings:
    """Change the station settings (voice, speed, jingles, HTTP push target). Uploaded
    jingles are checked and loudness-normalised like recordings (ValidationError on 'audio')."""
    from loalang.radio.services.audio_files import store_jingle

    station, created = RadioSettings.objects.get_or_create(commune=commune)
    before = None if created else snapshot(station)
    for name, value in fields.items():
        setattr(station, name, value)
    if opening_upload is not None:
        station.opening_jingle.name = store_jingle(opening_upload)
    if closing_upload is not None:
        station.closing_jingle.name = store_jingle(closing_upload)
    station.full_clean()
    station.save()
    audit_log(
        actor=actor,
        verb="radio_settings.updated",
        target=station,
        commune=station.commune,
        before=before,
    )
    return station
