"""Every spreadsheet Loa Làng hands out (XLSX and CSV) is written here, once.

A finance officer opens our workbooks in Excel or LibreOffice and expects them to behave like
the ones the office makes itself, so every sheet written through `Book` gets:

* a label in every header cell, the header rows frozen and repeated on each printed page;
* numbers as numbers with a thousands separator (`#,##0`), money as a VND number format,
  dates as real dates shown dd/mm/yyyy — never text that looks like a number or an ISO date;
* column widths fitted to the content (bounded), A4 print setup fitted to the page width;
* every text cell written as text: a value from user data starting with ``= + - @`` (or a tab
  or carriage return) is stored as a string cell with Excel's "quote prefix", so no
  spreadsheet program evaluates it as a formula (OWASP "CSV injection", issue 12 item 6).
  In CSV, where a cell has no type, such a value gets a leading apostrophe.

Pure: values in, bytes out. `core` imports no other Loa Làng app, so any app can use it.

    book = Book()
    sheet = book.sheet(
        "Chỉ tiêu",
        [Column("Mã"), Column("Chỉ tiêu"), Column("Trong kỳ", NUMBER), Column("Kinh phí", MONEY)],
        title_lines=["BÁO CÁO 01/BC-UBND", "Từ ngày 01/01/2023 đến ngày 31/12/2023"],
    )
    sheet.row(["1.1", "=HYPERLINK(…)", 12500, 1_500_000])
    content = book.to_bytes()
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

TEXT = "text"
NUMBER = "number"  # integers: 12.345
DECIMAL = "decimal"  # one decimal place: 12.345,5
MONEY = "money"  # Vietnamese đồng, no decimals
DATE = "date"
PERCENT = "percent"  # a value already in percent (85.5 → 85,5)

FORMATS = {
    NUMBER: "#,##0",
    DECIMAL: "#,##0.0",
    MONEY: '#,##0 "₫"',
    DATE: "dd/mm/yyyy",
    PERCENT: '#,##0.0"%"',
}
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
MIN_WIDTH, MAX_WIDTH = 8, 60

_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=13)
_HEADER_FILL = PatternFill("solid", fgColor="E7EEF7")
_THIN = Side(style="thin", color="999999")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_TRIGGERS)


def csv_safe(value: Any) -> str:
    """A CSV cell: dates dd/mm/yyyy; text that a spreadsheet would run gets a leading "'"."""
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.strftime("%d/%m/%Y %H:%M" if isinstance(value, dt.datetime) else "%d/%m/%Y")
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return str(value)
    text = str(value)
    return f"'{text}" if is_formula_like(text) else text


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """UTF-8 with BOM (so Excel reads the diacritics), every cell through `csv_safe`."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow([csv_safe(h) for h in header])
    for row in rows:
        writer.writerow([csv_safe(v) for v in row])
    return buf.getvalue().encode("utf-8-sig")


@dataclass(frozen=True)
class Column:
    label: str
    kind: str = TEXT
    width: float | None = None  # characters; None = fitted to the content


def write_text(cell: Cell, text: str) -> None:
    """Text stays text: never parsed as a formula, a number or a date."""
    cell.value = text
    if cell.data_type != "s":  # openpyxl took a leading "=" for a formula
        cell.data_type = "s"
    if is_formula_like(text):
        cell.quotePrefix = True  # what Excel itself does for a typed "'=…"


class Sheet:
    def __init__(
        self,
        ws: Worksheet,
        columns: Sequence[Column],
        *,
        title_lines: Sequence[str] = (),
        extra_headers: Sequence[Sequence[str]] = (),
        landscape: bool | None = None,
    ) -> None:
        if not columns:
            raise ValueError("a sheet needs at least one column")
        self.ws = ws
        self.columns = list(columns)
        self._widths = [len(c.label) for c in self.columns]
        for r, line in enumerate(title_lines, 1):
            cell = ws.cell(row=r, column=1)
            write_text(cell, line)
            cell.font = _TITLE if r == 1 else _BOLD
        first_header = len(title_lines) + 2 if title_lines else 1
        headers = [[c.label for c in self.columns], *[list(h) for h in extra_headers]]
        for offset, labels in enumerate(headers):
            if len(labels) != len(self.columns) or not all(str(x).strip() for x in labels):
                raise ValueError(f"every header cell needs a label: {labels!r}")
            for col, label in enumerate(labels, 1):
                cell = ws.cell(row=first_header + offset, column=col)
                write_text(cell, str(label))
                cell.font = _BOLD
                cell.fill = _HEADER_FILL
                cell.border = _BOX
                cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
                self._widths[col - 1] = max(self._widths[col - 1], min(len(str(label)), 30))
        self.last_header = first_header + len(headers) - 1
        self._next_row = self.last_header + 1
        ws.freeze_panes = f"A{self._next_row}"
        ws.print_title_rows = f"{first_header}:{self.last_header}"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        wide = landscape if landscape is not None else len(self.columns) > 6
        ws.page_setup.orientation = "landscape" if wide else "portrait"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.horizontalCentered = True

    def row(self, values: Sequence[Any], *, bold: bool = False) -> None:
        if len(values) > len(self.columns):
            raise ValueError("more values than columns")
        r = self._next_row
        self._next_row += 1
        for col, (column, value) in enumerate(zip(self.columns, values, strict=False), 1):
            cell = self.ws.cell(row=r, column=col)
            shown = self._write(cell, column, value)
            cell.border = _BOX
            cell.alignment = Alignment(vertical="top", wrap_text=column.kind == TEXT)
            if bold:
                cell.font = _BOLD
            self._widths[col - 1] = max(self._widths[col - 1], shown)

    @staticmethod
    def _write(cell: Cell, column: Column, value: Any) -> int:
        """Writes one value the way its column expects; returns its width in characters."""
        if value is None or value == "":
            return 0
        if column.kind == DATE and isinstance(value, dt.date):
            cell.value = value
            cell.number_format = FORMATS[DATE]
            return 10
        if (
            column.kind in FORMATS
            and isinstance(value, (int, float, Decimal))
            and not isinstance(value, bool)
        ):
            cell.value = value
            cell.number_format = FORMATS[column.kind]
            cell.alignment = Alignment(horizontal="right")
            return len(f"{value:,.1f}") + (2 if column.kind == MONEY else 0)
        text = str(value)
        write_text(cell, text)
        return max((len(line) for line in text.splitlines()), default=0)

    def finish(self) -> None:
        for i, (column, seen) in enumerate(zip(self.columns, self._widths, strict=True), 1):
            width = column.width or min(max(seen + 2, MIN_WIDTH), MAX_WIDTH)
            self.ws.column_dimensions[get_column_letter(i)].width = width


class Book:
    def __init__(self) -> None:
        self.wb = Workbook()
        self.sheets: list[Sheet] = []

    def sheet(
        self,
        name: str,
        columns: Sequence[Column],
        *,
        title_lines: Sequence[str] = (),
        extra_headers: Sequence[Sequence[str]] = (),
        landscape: bool | None = None,
    ) -> Sheet:
        ws = self.wb.active if not self.sheets else self.wb.create_sheet()
        assert ws is not None
        ws.title = name[:31]
        sheet = Sheet(
            ws,
            columns,
            title_lines=title_lines,
            extra_headers=extra_headers,
            landscape=landscape,
        )
        self.sheets.append(sheet)
        return sheet

    def to_bytes(self) -> bytes:
        for sheet in self.sheets:
            sheet.finish()
        buf = io.BytesIO()
        self.wb.save(buf)
        return buf.getvalue()


class UnreadableSheet(ValueError):
    """An uploaded workbook this reader refuses: not an XLSX, too big once unpacked, or too wide."""


MAX_UNPACKED_BYTES = 50 * 1024 * 1024


class Formula(str):
    """A cell holding a formula (its text, "=SUM(A1:A3)"), from `read_xlsx_rows(formulas=True)`.

    The value a formula shows is only in the file when the program that saved it calculated it
    (LibreOffice and generated files often do not), and it can be stale: an import that wants
    typed values says so instead of reading an empty cell.
    """


def read_xlsx_rows(
    data: bytes, *, max_rows: int, max_cols: int = 64, formulas: bool = False
) -> list[list[Any]]:
    """The first sheet's rows as lists of cell values, bounded whatever the file claims.

    A workbook says how big its sheet is (its "dimension"), and openpyxl's read-only mode pads
    every row to it: a 5 KB file claiming A1:XFD1048576 would become 17 billion cells. So the
    claimed dimension is ignored, each row is cut to `max_cols` cells, reading stops after
    `max_rows` rows (the caller says "too many rows" when it gets more than it allows, so ask
    for one more than the limit), and a file that unpacks to more than MAX_UNPACKED_BYTES is
    refused before parsing (a zip bomb). Blank rows between values keep their places (as one
    shared empty list each); blank rows after the last value are dropped, so a value far below
    a run of blank rows is read, never silently lost.

    By default a formula cell gives the value last saved with it (None when the file has none);
    with `formulas=True` it gives a `Formula` with the formula's text instead.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError) as exc:
        raise UnreadableSheet("not an XLSX archive") from exc
    if unpacked > MAX_UNPACKED_BYTES:
        raise UnreadableSheet("unpacks too large")
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=not formulas)
        sheet = book.worksheets[0]
        if isinstance(sheet, ReadOnlyWorksheet):
            sheet.reset_dimensions()
        rows: list[list[Any]] = []
        blank: list[Any] = []  # one shared list for every blank row: row numbers stay right
        blanks = 0  # blank rows not yet known to lie between rows with values
        for cells in sheet.iter_rows():
            values = [_cell_value(c, formulas) for c in cells[:max_cols]]
            if all(v is None or v == "" for v in values):
                blanks += 1  # a value further down still counts (Excel stops at 1,048,576)
                continue
            rows.extend([blank] * blanks)
            blanks = 0
            rows.append(values)
            if len(rows) >= max_rows:
                break
        book.close()
    except UnreadableSheet:
        raise
    except Exception as exc:  # any unreadable workbook is the same error to the user
        raise UnreadableSheet("unreadable workbook") from exc
    return rows


def _cell_value(cell: Any, formulas: bool) -> Any:
    if formulas and getattr(cell, "data_type", None) == "f":
        text = getattr(cell.value, "text", cell.value)  # an array formula is an object
        return Formula(text if isinstance(text, str) else "=")
    return cell.value
