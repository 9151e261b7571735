"""The same numbers as the document, as a workbook. Pure: data in, bytes out.

Written through `loalang.core.sheets` (formats, widths, frozen headers, A4, text as text).
Known values are real numbers in their cells (so a province officer can add them up); "no
data" is the text "không có số liệu", never 0.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from loalang.core.sheets import DATE, DECIMAL, NUMBER, Book, Column
from loalang.reports.document import NO_DATA
from loalang.reports.selectors import ReportData, Rollup


def _cell(value: Any) -> Any:
    return NO_DATA if value is None else value


def _day(iso: str) -> str:
    return dt.date.fromisoformat(iso).strftime("%d/%m/%Y") if iso else ""


def _kind(unit: str) -> str:
    return DECIMAL if unit.strip() == "%" else NUMBER


def report_xlsx(data: ReportData, *, title: str, number_label: str = "") -> bytes:
    book = Book()
    period = (
        f"{data.commune_name} — kỳ báo cáo từ ngày {_day(data.date_from)} đến ngày "
        f"{_day(data.date_to)} (lũy kế từ ngày {_day(data.cum_from)})"
    )
    heading = [f"BÁO CÁO {number_label}".strip(), title, period]
    scored = any(r.max_points is not None and r.target for r in data.rows)
    sheet = book.sheet(
        "Chỉ tiêu",
        [
            Column("Mã", width=8),
            Column("Nhóm", width=30),
            Column("Chỉ tiêu", width=60),
            Column("Đơn vị tính", width=14),
            Column("Trong kỳ", NUMBER, width=16),
            Column("Lũy kế từ đầu năm", NUMBER, width=18),
            Column("Nguồn số liệu", width=28),
            *(
                [
                    Column("Chỉ tiêu giao", NUMBER),
                    Column("Điểm tối đa", DECIMAL),
                    Column("Điểm đạt", DECIMAL),
                ]
                if scored
                else []
            ),
        ],
        title_lines=heading,
        landscape=True,
    )
    for row in data.rows:
        sheet.row(
            [
                row.code,
                row.group,
                row.name,
                row.unit,
                _cell(row.period),
                _cell(row.cumulative),
                "nhập tay" if row.is_manual else "tự động từ nhật ký hoạt động",
                *([row.target, row.max_points, row.score] if scored else []),
            ]
        )
    for name, first, items in [
        ("Theo thôn", "Thôn, bản", data.by_village),
        ("Theo nội dung", "Nội dung tuyên truyền", data.by_theme),
    ]:
        sheet = book.sheet(
            name,
            [
                Column(first, width=40),
                *[Column(f"{r.name} ({r.unit})", _kind(r.unit)) for r in data.key_rows],
            ],
            title_lines=heading[1:],
        )
        for item in items:
            sheet.row([item.label, *[_cell(item.values.get(r.code)) for r in data.key_rows]])
    sheet = book.sheet(
        "Theo kênh",
        [
            Column("Hình thức tuyên truyền", width=50),
            Column("Số hoạt động", NUMBER),
            Column("Lượt người tiếp cận", NUMBER),
        ],
        title_lines=heading[1:],
    )
    for ch in data.by_channel:
        sheet.row([ch.label, ch.activities, _cell(ch.reach)])
    sheet = book.sheet(
        "Tài liệu kiểm chứng",
        [
            Column("Mã", width=8),
            Column("Chỉ tiêu", width=50),
            Column("Số hoạt động đã xác nhận", NUMBER),
            Column("Số hiệu", width=12),
            Column("Ngày", DATE),
            Column("Tóm tắt", width=70),
        ],
        title_lines=heading[1:],
    )
    for row in data.rows:
        if row.code not in data.evidence_counts:
            continue
        records = data.evidence.get(row.code) or [{"ref": "", "on": "", "summary": ""}]
        for e in records:
            day = dt.date.fromisoformat(e["on"]) if e["on"] else None
            sheet.row(
                [row.code, row.name, data.evidence_counts[row.code], e["ref"], day, e["summary"]]
            )
    sheet = book.sheet(
        "Theo tháng",
        [Column("Tháng"), Column("Số hoạt động", NUMBER), Column("Lượt người tiếp cận", NUMBER)],
        title_lines=heading[1:],
    )
    for m in data.by_month:
        sheet.row([m.label, m.activities, _cell(m.reach)])
    return book.to_bytes()


def rollup_xlsx(rollup: Rollup) -> bytes:
    w = rollup.window
    heading = [
        f"TỔNG HỢP CHỈ TIÊU TRUYỀN THÔNG CHUYỂN ĐỔI SỐ — TỈNH {rollup.province.name.upper()}",
        f"Từ ngày {w.date_from:%d/%m/%Y} đến ngày {w.date_to:%d/%m/%Y}",
    ]
    if rollup.indicator_set:
        heading.append(f"Bộ chỉ tiêu: {rollup.indicator_set}")
    codes = [i.code for i in rollup.indicators]
    book = Book()
    sheet = book.sheet(
        "Tổng hợp",
        [
            Column("Xã, phường", width=30),
            *[Column(c, _kind(i.unit)) for c, i in zip(codes, rollup.indicators, strict=True)],
        ],
        extra_headers=[
            ["Tên chỉ tiêu (đơn vị tính)", *[f"{i.name} ({i.unit})" for i in rollup.indicators]]
        ],
        title_lines=heading,
    )
    for row in rollup.rows:
        sheet.row([row.commune.full_name, *[_cell(row.values[c]) for c in codes]])
    sheet.row(["Tổng cộng", *[_cell(rollup.totals[c]) for c in codes]], bold=True)
    return book.to_bytes()
