"""`manage.py serve`: what `make run` starts — gunicorn plus supervised job workers (ADR 0077)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from loalang.ops.supervisor import Backoff, Program, Supervisor


class Command(BaseCommand):
    help = (
        "Serve Loa Làng with gunicorn and keep the job workers running: a worker that exits "
        "is started again after a growing delay. Stops everything on Ctrl+C or SIGTERM."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default="127.0.0.1:8000")
        parser.add_argument("--web-workers", type=int, default=2, help="gunicorn processes")
        parser.add_argument("--threads", type=int, default=4, help="threads per web process")
        parser.add_argument("--job-workers", type=int, default=1)
        parser.add_argument(
            "--restart-delay", type=float, default=1.0, help="first delay before a restart (s)"
        )
        parser.add_argument("--log-dir", default=str(settings.VAR_DIR / "log"))

    def handle(self, *args: Any, **options: Any) -> None:
        log_dir = Path(str(options["log_dir"]))
        first = float(options["restart_delay"])
        manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
        web = Program(
            "web",
            [
                sys.executable, "-m", "gunicorn", "config.wsgi:application",
                "--bind", str(options["bind"]),
                "--workers", str(options["web_workers"]),
                "--worker-class", "gthread", "--threads", str(options["threads"]),
                "--timeout", "60", "--graceful-timeout", "20", "--max-requests", "2000",
                "--max-requests-jitter", "200", "--no-control-socket",
            ],
            log=log_dir / "web.log",
            backoff=Backoff(first=first),
        )  # fmt: skip
        job_workers = [
            Program(
                f"worker-{i}",
                [*manage, "ops_worker", "--queue-name", "*", "--worker-id", f"worker-{i}"],
                log=log_dir / f"worker-{i}.log",
                backoff=Backoff(first=first),
            )
            for i in range(1, int(options["job_workers"]) + 1)
        ]
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.stdout.write(f"serve: logs in {log_dir}/ (web.log, worker-N.log)")
        Supervisor(
            [*job_workers, web],
            env=env,
            cwd=Path(settings.BASE_DIR),
            say=lambda line: self.stdout.write(line),
        ).run()
