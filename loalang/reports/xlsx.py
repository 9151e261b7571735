"""The same numbers as the document, as a workbook (openpyxl). Pure: data in, bytes out.

Known values are real numbers in their cells (so a province officer can add them up); "no
data" is the text "không có số liệu", never 0.
"""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from loalang.reports.document import NO_DATA
from loalang.reports.selectors import ReportData, Rollup

_BOLD = Font(bold=True)


def _cell(value: Any) -> Any:
    return NO_DATA if value is None else value


def _header(ws, row: int, titles: list[str]) -> None:  # type: ignore[no-untyped-def]
    for col, title in enumerate(titles, 1):
        cell = ws.cell(row=row, column=col, value=title)
        cell.font = _BOLD
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _widths(ws, widths: list[int]) -> None:  # type: ignore[no-untyped-def]
    for i, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = w


def _save(wb: Workbook) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def report_xlsx(data: ReportData, *, title: str, number_label: str = "") -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Chỉ tiêu"
    ws["A1"] = f"BÁO CÁO {number_label}".strip()
    ws["A1"].font = _BOLD
    ws["A2"] = title
    ws["A3"] = (
        f"{data.commune_name} — từ {data.date_from} đến {data.date_to} (lũy kế từ {data.cum_from})"
    )
    _header(
        ws, 5, ["Mã", "Nhóm", "Chỉ tiêu", "Đơn vị tính", "Trong kỳ", "Lũy kế từ đầu năm", "Nguồn"]
    )
    for row in data.rows:
        ws.append(
            [
                row.code,
                row.group,
                row.name,
                row.unit,
                _cell(row.period),
                _cell(row.cumulative),
                "nhập tay" if row.is_manual else "tự động từ nhật ký hoạt động",
            ]
        )
    _widths(ws, [8, 30, 60, 14, 16, 18, 28])
    for name, items in [("Theo thôn", data.by_village), ("Theo nội dung", data.by_theme)]:
        sheet = wb.create_sheet(name)
        _header(sheet, 1, ["", *[f"{r.name} ({r.unit})" for r in data.key_rows]])
        for item in items:
            sheet.append([item.label, *[_cell(item.values.get(r.code)) for r in data.key_rows]])
        _widths(sheet, [40] + [18] * len(data.key_rows))
    sheet = wb.create_sheet("Theo kênh")
    _header(sheet, 1, ["Hình thức tuyên truyền", "Số hoạt động", "Lượt người tiếp cận"])
    for ch in data.by_channel:
        sheet.append([ch.label, ch.activities, _cell(ch.reach)])
    _widths(sheet, [50, 14, 20])
    sheet = wb.create_sheet("Theo tháng")
    _header(sheet, 1, ["Tháng", "Số hoạt động", "Lượt người tiếp cận"])
    for m in data.by_month:
        sheet.append([m.label, m.activities, _cell(m.reach)])
    return _save(wb)


def rollup_xlsx(rollup: Rollup) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Tổng hợp"
    w = rollup.window
    ws["A1"] = f"TỔNG HỢP CHỈ TIÊU TRUYỀN THÔNG CHUYỂN ĐỔI SỐ — TỈNH {rollup.province.name.upper()}"
    ws["A1"].font = _BOLD
    ws["A2"] = f"Từ ngày {w.date_from:%d/%m/%Y} đến ngày {w.date_to:%d/%m/%Y}"
    if rollup.indicator_set:
        ws["A3"] = f"Bộ chỉ tiêu: {rollup.indicator_set}"
    codes = [i.code for i in rollup.indicators]
    _header(ws, 5, ["Xã, phường", *codes])
    _header(ws, 6, ["", *[f"{i.name} ({i.unit})" for i in rollup.indicators]])
    for row in rollup.rows:
        ws.append([row.commune.full_name, *[_cell(row.values[c]) for c in codes]])
    ws.append(["Tổng cộng", *[_cell(rollup.totals[c]) for c in codes]])
    for cell in ws[ws.max_row]:
        cell.font = _BOLD
    _widths(ws, [30] + [16] * len(codes))
    ws.freeze_panes = "B7"
    return _save(wb)
