"""python manage.py radio_bundle --commune ai-thuong --date 2026-11-27 --output loa.zip"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from loalang.places.models import Commune
from loalang.radio.bundle import bundle_data, write_bundle


class Command(BaseCommand):
    help = "Tạo gói phát trong ngày (ZIP: MP3 đánh số, danh sách phát M3U, lịch phát PDF)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--commune", required=True, help="Mã đường dẫn của xã")
        parser.add_argument("--date", required=True, help="Ngày phát, YYYY-MM-DD")
        parser.add_argument("--output", required=True, help="Đường dẫn tệp .zip")

    def handle(self, *args: Any, **options: Any) -> None:
        commune = Commune.objects.filter(slug=options["commune"]).first()
        if commune is None:
            raise CommandError(f"Không có xã “{options['commune']}”.")
        try:
            day = dt.date.fromisoformat(options["date"])
        except ValueError as exc:
            raise CommandError("Ngày phải có dạng YYYY-MM-DD.") from exc
        data = bundle_data(commune=commune, day=day)
        path = write_bundle(data, Path(options["output"]))
        tracks = sum(len(s.tracks) for s in data.slots)
        self.stdout.write(f"{path}: {len(data.slots)} buổi phát, {tracks} tệp âm thanh.")
