"""Background jobs of the radio app: take ids, call a service."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from loalang.radio.services.synthesis import version_synthesize


@task(queue_name="default")
def bundle_push_job(commune_id: int, day: str) -> None:
    from loalang.radio.push import bundle_push_run

    bundle_push_run(commune_id=commune_id, day=dt.date.fromisoformat(day))


@task(queue_name="default")
def emergency_push_job(log_id: int) -> None:
    from loalang.radio.push import push_emergency

    push_emergency(log_id=log_id)


@task(queue_name="default")
def version_synthesize_job(version_id: int) -> None:
    version_synthesize(version_id=version_id)


WATCH_EVERY = dt.timedelta(minutes=2)


@task(queue_name="default")
def player_watch_job() -> int:
    """Notify about silent players and sessions not aired, then book the next run."""
    from loalang.radio.services.players import player_watch

    sent = player_watch()
    schedule_player_watch()
    return sent


def schedule_player_watch() -> bool:
    """Book the next watch run in WATCH_EVERY unless one is waiting; False when the backend
    cannot defer (the Immediate backend in tests) or a run is already booked."""
    from django.utils import timezone

    from loalang.core.schedule import book_once

    return book_once(player_watch_job, timezone.now() + WATCH_EVERY) is not None
