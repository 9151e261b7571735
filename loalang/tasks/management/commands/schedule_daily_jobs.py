"""Book the first run of the daily jobs; after that each run books the next (ADR 0030)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from loalang.tasks.jobs import schedule_next_digest


class Command(BaseCommand):
    help = "Đặt lịch gửi nhắc việc hằng ngày (chạy lại nhiều lần không sinh lịch trùng)."

    def handle(self, *args: Any, **options: Any) -> None:
        when = schedule_next_digest()
        if when is None:
            self.stdout.write(
                "Nhắc việc hằng ngày: đã có lịch (hoặc backend không hỗ trợ hẹn giờ)."
            )
        else:
            self.stdout.write(f"Nhắc việc hằng ngày: lần tới lúc {when:%H:%M %d/%m/%Y}.")
        from loalang.radio.jobs import schedule_player_watch

        if schedule_player_watch():
            self.stdout.write("Theo dõi máy phát: đã đặt lịch chạy mỗi 2 phút.")
