from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from loalang.ops.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Replace the database and media with the contents of an archive made by `backup`. "
        "The archive is verified completely first; nothing changes if it fails."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive")

    def handle(self, *args, path: Path, interactive: bool, **options) -> None:
        if interactive:
            answer = input(f"Replace ALL data and media with {path}? Type 'yes' to continue: ")
            if answer.strip() != "yes":
                raise CommandError("Restore cancelled.")
        try:
            result = restore_backup(path)
        except BackupError as exc:
            raise CommandError(f"Restore refused: {exc}") from exc
        self.stdout.write(
            f"restore: {result['tables']} tables, {result['rows']} rows, {result['files']} files. "
            "Run `manage.py migrate` if the archive is older than the code."
        )
