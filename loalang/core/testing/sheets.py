"""What a finance officer expects of a workbook, as a check any app's tests can call."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from openpyxl import load_workbook

from loalang.core.sheets import FORMULA_TRIGGERS

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def spreadsheet_problems(content: bytes) -> list[str]:
    """Every way `content` (XLSX) falls short of `loalang.core.sheets`' promises; [] = none."""
    wb = load_workbook(io.BytesIO(content))
    problems: list[str] = []
    for ws in wb.worksheets:
        where = f"[{ws.title}]"
        if not ws.freeze_panes:
            problems.append(f"{where} header rows not frozen")
            continue
        header_row = ws[ws.freeze_panes].row - 1
        for col in range(1, ws.max_column + 1):
            if not str(ws.cell(header_row, col).value or "").strip():
                problems.append(f"{where} header cell {ws.cell(header_row, col).coordinate} empty")
            width = ws.column_dimensions[ws.cell(1, col).column_letter].width
            if not width or not 6 <= width <= 130:
                problems.append(f"{where} column {col} width {width}")
        if ws.page_setup.paperSize not in (9, "9"):
            problems.append(f"{where} paper is not A4")
        if not ws.sheet_properties.pageSetUpPr.fitToPage or ws.page_setup.fitToWidth not in (
            1,
            "1",
        ):
            problems.append(f"{where} not fitted to the page width")
        for row in ws.iter_rows():
            for cell in row:
                value = cell.value
                if cell.data_type == "f":
                    problems.append(f"{where} {cell.coordinate} is a formula: {value!r}")
                elif isinstance(value, bool) or value is None:
                    continue
                elif isinstance(value, (dt.date, dt.datetime)):
                    if cell.number_format != "dd/mm/yyyy":
                        problems.append(f"{where} {cell.coordinate} date as {cell.number_format}")
                elif isinstance(value, (int, float)):
                    if "#,##0" not in cell.number_format:
                        problems.append(f"{where} {cell.coordinate} number as {cell.number_format}")
                elif isinstance(value, str):
                    if ISO_DATE.search(value):
                        problems.append(f"{where} {cell.coordinate} ISO date in {value!r}")
                    if value.startswith(FORMULA_TRIGGERS) and not cell.quotePrefix:
                        problems.append(f"{where} {cell.coordinate} formula-like text {value!r}")
    return problems


def with_far_cell(content: bytes) -> bytes:
    """The same workbook with one more cell at XFD1048576: its sheet now claims 17 billion."""
    src = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                text = re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:XFD1048576"/>', text)
                far = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
                text = text.replace("</sheetData>", far + "</sheetData>")
                data = text.encode()
            dst.writestr(info, data)
    return out.getvalue()
