"""Compile every .po catalog to .mo with polib, so no system gettext is needed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile the translation catalogs (locale/*/LC_MESSAGES/*.po) without GNU gettext."

    def handle(self, *args: Any, **options: Any) -> None:
        roots = [Path(settings.BASE_DIR) / "locale", Path(settings.BASE_DIR) / "loalang"]
        count = 0
        for root in roots:
            for po_path in root.rglob("LC_MESSAGES/*.po"):
                mo_path = po_path.with_suffix(".mo")
                if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                    continue
                polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
                count += 1
        self.stdout.write(f"compiled {count} catalog(s)")
