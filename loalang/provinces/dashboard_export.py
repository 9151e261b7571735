"""The province dashboard as a spreadsheet (core.sheets): labels in Vietnamese, no codes."""

from __future__ import annotations

from loalang.core.sheets import DATE, NUMBER, Book, Column, csv_bytes
from loalang.places.models import Province
from loalang.provinces.selectors import QUIET_DAYS, DashboardRow


def _header(year: int) -> list[tuple[str, str]]:
    return [
        ("Xã, phường", "text"),
        (f"Kế hoạch năm {year} đã ban hành", "text"),
        ("Hoạt động xác nhận gần nhất", DATE),
        (f"Hoạt động đã xác nhận trong {QUIET_DAYS} ngày", NUMBER),
        ("Báo cáo trễ hạn", NUMBER),
        ("Báo cáo chưa duyệt", NUMBER),
        ("Cụm loa hỏng, đang sửa", NUMBER),
        ("Tổng số cụm loa", NUMBER),
        ("Cần chú ý", "text"),
    ]


def _values(r: DashboardRow) -> list[object]:
    return [
        r.commune.full_name[:1].upper() + r.commune.full_name[1:],
        "Có" if r.has_issued_plan else "Chưa",
        r.last_verified_on,
        r.verified_recent,
        r.reports_late,
        r.reports_pending,
        r.clusters_off_air,
        r.clusters_total,
        "Có" if r.needs_attention else "",
    ]


def dashboard_bytes(rows: list[DashboardRow], *, province: Province, fmt: str, year: int) -> bytes:
    header = _header(year)
    if fmt == "csv":
        return csv_bytes([h for h, _ in header], (_values(r) for r in rows))
    book = Book()
    sheet = book.sheet(
        "Theo dõi xã",
        [Column(h, kind) for h, kind in header],
        title_lines=[f"THEO DÕI CÁC XÃ, PHƯỜNG — TỈNH {province.name.upper()}"],
    )
    for r in rows:
        sheet.row(_values(r))
    return book.to_bytes()
