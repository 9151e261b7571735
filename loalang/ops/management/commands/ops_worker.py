"""`manage.py ops_worker`: django-tasks-db's db_worker plus a heartbeat and the orphan reaper.

Takes every option of `db_worker`. Run this instead of `db_worker` in production.
"""

from __future__ import annotations

import logging
import threading

from django.conf import settings
from django.db import close_old_connections, connection
from django_tasks_db.management.commands import db_worker

from loalang.ops import workers

log = logging.getLogger(__name__)


class Command(db_worker.Command):
    help = "Run a job worker that also reports it is alive and requeues jobs of dead workers."

    def handle(self, *args, **options):
        worker_id = options["worker_id"]
        stop = threading.Event()

        def keep_beating() -> None:
            while not stop.is_set():
                try:
                    workers.beat(worker_id)
                    workers.requeue_orphans()
                except Exception:
                    log.exception("worker.heartbeat_failed")
                finally:
                    close_old_connections()
                stop.wait(settings.LOALANG_WORKER_BEAT_SECONDS)
            connection.close()

        workers.beat(worker_id)
        workers.prune_heartbeats()
        thread = threading.Thread(target=keep_beating, name="ops-heartbeat", daemon=True)
        thread.start()
        try:
            super().handle(*args, **options)
        finally:
            stop.set()
            thread.join(timeout=5)
            try:
                workers.forget(worker_id)
            except Exception:
                log.exception("worker.forget_failed")
            finally:
                connection.close()
