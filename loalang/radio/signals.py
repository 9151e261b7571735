"""Drop the players' change counter (player_feed.rev_for) after a commit that changes what a
player must air: bulletins, their audio, sessions, clusters or an emergency airing."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from loalang.radio.models import BroadcastLog, Bulletin, BulletinVersion, Cluster, Slot


def _commune_id(instance: Any) -> int | None:
    if isinstance(instance, BulletinVersion):
        return (
            Bulletin.objects.filter(pk=instance.bulletin_id)
            .values_list("commune_id", flat=True)
            .first()
        )
    return getattr(instance, "commune_id", None)


def _bump(instance: Any) -> None:
    from loalang.radio.player_feed import rev_bump

    if isinstance(instance, BroadcastLog) and instance.source != BroadcastLog.Source.EMERGENCY:
        return
    commune_id = _commune_id(instance)
    if commune_id is not None:
        transaction.on_commit(lambda: rev_bump(commune_id))


@receiver(post_save)
@receiver(post_delete)
def programme_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    if sender in (Bulletin, BulletinVersion, Slot, Cluster, BroadcastLog):
        _bump(instance)


@receiver(m2m_changed)
def targets_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    if isinstance(instance, Bulletin | Slot) and kwargs.get("action", "").startswith("post_"):
        _bump(instance)
