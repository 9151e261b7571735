"""Load or update a province's communes, with official codes and merger history."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from loalang.places.official import official
from loalang.places.services import province_load_official


class Command(BaseCommand):
    help = (
        "Nạp (hoặc cập nhật) các xã, phường của một tỉnh từ danh mục chính thức, kèm đơn vị cũ "
        "đã sáp nhập. Ví dụ: load_official_communes 38 (Thanh Hóa); --list để xem mã tỉnh."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("province_code", nargs="?", help="mã tỉnh, ví dụ 38")
        parser.add_argument("--list", action="store_true", help="liệt kê mã các tỉnh")

    def handle(self, *args: Any, **options: Any) -> None:
        data = official()
        if options["list"] or not options["province_code"]:
            for p in sorted(data.provinces.values(), key=lambda p: int(p.code)):
                self.stdout.write(f"{p.code:>3}  {p.name}")
            return
        try:
            result = province_load_official(province_code=options["province_code"], actor=None)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"{result.province.name}: thêm {len(result.created)} xã, cập nhật "
            f"{len(result.updated)}, ghi {result.mergers_added} đơn vị cũ đã sáp nhập "
            f"(nguồn: {data.source['package']} {data.source['version']})."
        )
