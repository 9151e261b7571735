from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from loalang.ops.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Write a signed archive of the database and all media files (see docs/deploy.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", required=True, type=Path, help="archive to write (.tar.gz)")

    def handle(self, *args, output: Path, **options) -> None:
        try:
            result = create_backup(output)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"backup: {result.path} ({result.size} bytes, {result.tables} tables, "
            f"{result.rows} rows, {result.files} files) sha256={result.sha256}"
        )
