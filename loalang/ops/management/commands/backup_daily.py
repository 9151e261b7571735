from __future__ import annotations

from django.core.management.base import BaseCommand, CommandParser

from loalang.ops import jobs, services


class Command(BaseCommand):
    help = (
        "Take today's backup with retention. With --enqueue, hand it to the job workers "
        "(what the systemd timer / cron line in docs/deploy.md runs)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--enqueue", action="store_true")

    def handle(self, *args, enqueue: bool, **options) -> None:  # type: ignore[no-untyped-def]
        if enqueue:
            result = jobs.backup_daily.enqueue()
            self.stdout.write(f"backup_daily: enqueued {result.id}")
            return
        run = services.backup_daily_run()
        self.stdout.write(f"backup_daily: {run.path if run else 'already taken today'}")
