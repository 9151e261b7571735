from __future__ import annotations

from django.core.management.base import BaseCommand, CommandParser

from loalang.ops import jobs, services


class Command(BaseCommand):
    help = (
        "Take today's backup with retention. --schedule books the self-renewing 02:30 job; "
        "--enqueue hands one run to the job workers (for a systemd timer or cron instead)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--enqueue", action="store_true", help="run it on a job worker now")
        parser.add_argument(
            "--schedule", action="store_true", help="book the next 02:30 run (idempotent)"
        )

    def handle(self, *args, enqueue: bool, schedule: bool, **options) -> None:
        if schedule:
            when = jobs.schedule_next_backup()
            self.stdout.write(
                f"backup_daily: {'next run ' + str(when) if when else 'already booked'}"
            )
            return
        if enqueue:
            result = jobs.backup_daily.enqueue()
            self.stdout.write(f"backup_daily: enqueued {result.id}")
            return
        run = services.backup_daily_run()
        self.stdout.write(f"backup_daily: {run.path if run else 'already taken today'}")
