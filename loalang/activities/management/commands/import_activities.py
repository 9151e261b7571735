"""python manage.py import_activities --commune <slug> PATH [--user USERNAME]"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from loalang.accounts.models import User
from loalang.activities.imports import activities_import
from loalang.places.models import Commune


class Command(BaseCommand):
    help = "Import activities from a CSV or XLSX file; all rows or none."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--commune", required=True, help="the commune's slug")
        parser.add_argument("--user", help="username recorded as the reporter (optional)")

    def handle(self, *args: Any, **options: Any) -> None:
        commune = Commune.objects.filter(slug=options["commune"]).first()
        if commune is None:
            raise CommandError(f"no commune with slug {options['commune']!r}")
        actor = None
        if options["user"]:
            actor = User.objects.filter(username=options["user"]).first()
            if actor is None:
                raise CommandError(f"no user {options['user']!r}")
        path: Path = options["path"]
        if not path.is_file():
            raise CommandError(f"{path} is not a file")
        result = activities_import(commune=commune, actor=actor, data=path.read_bytes())
        if not result.ok:
            for row, message in result.errors:
                where = f"dòng {row}: " if row else ""
                self.stderr.write(f"{where}{message}")
            raise CommandError(f"{len(result.errors)} dòng lỗi; không nhập dòng nào.")
        self.stdout.write(f"Đã nhập {len(result.created)} hoạt động vào {commune}.")
