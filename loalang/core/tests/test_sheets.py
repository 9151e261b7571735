"""The one spreadsheet writer: types, formats, layout and formula-like text."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile

import pytest
from openpyxl import load_workbook

from loalang.core.sheets import (
    DATE,
    MAX_UNPACKED_BYTES,
    MONEY,
    NUMBER,
    Book,
    Column,
    Formula,
    UnreadableSheet,
    csv_bytes,
    read_xlsx_rows,
)
from loalang.core.testing.sheets import spreadsheet_problems, with_far_cell

HOSTILE = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\r=1"]


def _book() -> bytes:
    book = Book()
    sheet = book.sheet(
        "Chi tiêu",
        [
            Column("Nội dung"),
            Column("Ngày", DATE),
            Column("Số lượt", NUMBER),
            Column("Tiền", MONEY),
        ],
        title_lines=["BẢNG KÊ", "Từ ngày 01/01/2023 đến ngày 31/12/2023"],
    )
    for text in HOSTILE:
        sheet.row([text, dt.date(2023, 3, 5), 12345, 1_500_000])
    return book.to_bytes()


def test_formula_like_user_text_is_stored_as_text_never_as_a_formula():
    ws = load_workbook(io.BytesIO(_book())).active
    cells = [ws.cell(r, 1) for r in range(5, 5 + len(HOSTILE))]
    assert [c.value for c in cells] == HOSTILE
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)


def test_numbers_money_and_dates_carry_vietnamese_formats():
    ws = load_workbook(io.BytesIO(_book())).active
    assert ws["B5"].value == dt.datetime(2023, 3, 5) and ws["B5"].number_format == "dd/mm/yyyy"
    assert ws["C5"].value == 12345 and ws["C5"].number_format == "#,##0"
    assert ws["D5"].value == 1_500_000 and "₫" in ws["D5"].number_format


def test_header_frozen_a4_fitted_to_width_and_columns_sized():
    content = _book()
    assert spreadsheet_problems(content) == []
    ws = load_workbook(io.BytesIO(content)).active
    assert ws.freeze_panes == "A5" and ws.print_title_rows == "$4:$4"
    assert ws.column_dimensions["A"].width >= 10


def test_a_header_cell_without_a_label_is_refused():
    with pytest.raises(ValueError, match="label"):
        Book().sheet("x", [Column("Tên"), Column("")])


def test_csv_cells_that_a_spreadsheet_would_run_get_an_apostrophe():
    content = csv_bytes(["Tiêu đề", "Ngày"], [[t, dt.date(2023, 3, 5)] for t in HOSTILE])
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0] == ["Tiêu đề", "Ngày"]
    assert all(r[0].startswith("'") for r in rows[1:])
    assert {r[1] for r in rows[1:]} == {"05/03/2023"}


def test_no_app_writes_a_spreadsheet_around_the_helper():
    import pathlib
    import re

    root = pathlib.Path(__file__).resolve().parents[2]
    writer = re.compile(r"openpyxl import .*\bWorkbook\b|csv\.(writer|DictWriter)\(")
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "tests" not in path.parts
        and path.name != "sheets.py"
        and writer.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_a_sheet_claiming_the_whole_grid_is_read_within_bounds():
    book = Book()
    sheet = book.sheet("Dữ liệu", [Column("Tên"), Column("Số", NUMBER)])
    sheet.row(["Thôn Đông", 3])
    bomb = with_far_cell(book.to_bytes())
    assert len(bomb) < 10_000
    rows = read_xlsx_rows(bomb, max_rows=50, max_cols=8)
    assert len(rows) == 2  # the far cell is beyond max_cols: a million blank rows, not kept
    assert rows[1][:2] == ["Thôn Đông", 3]


def test_a_value_below_many_blank_rows_is_read_and_the_row_bound_holds():
    book = Book()
    sheet = book.sheet("Dữ liệu", [Column("Tên"), Column("Số", NUMBER)])
    sheet.row(["Thôn Đông", 3])
    book.wb.active["A6000"] = "Thôn Tây"  # far below: must not be silently dropped
    rows = read_xlsx_rows(book.to_bytes(), max_rows=10_000)
    assert len(rows) == 6000 and rows[5999][0] == "Thôn Tây"
    assert rows[2] == [] and rows[3] is rows[4]  # blank rows keep their places, shared
    for n in range(3, 30):
        book.wb.active[f"A{n}"] = f"Thôn {n}"
    rows = read_xlsx_rows(book.to_bytes(), max_rows=20)
    assert len(rows) == 20  # stopped at the bound


def test_a_zip_bomb_and_a_non_workbook_are_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (MAX_UNPACKED_BYTES + 1))
    with pytest.raises(UnreadableSheet):
        read_xlsx_rows(out.getvalue(), max_rows=10)
    with pytest.raises(UnreadableSheet):
        read_xlsx_rows(b"PK\x03\x04 not really", max_rows=10)


def test_a_formula_cell_can_be_told_from_a_typed_value():
    book = Book()
    sheet = book.sheet("Dữ liệu", [Column("Tên"), Column("Số", NUMBER)])
    sheet.row(["=A1", 3])  # text that looks like a formula stays text
    book.wb.active["B3"] = "=SUM(B2:B2)"  # a real formula, never calculated
    data = book.to_bytes()
    assert len(read_xlsx_rows(data, max_rows=10)) == 2  # no value saved with it: a blank row
    rows = read_xlsx_rows(data, max_rows=10, formulas=True)
    assert isinstance(rows[2][1], Formula) and rows[2][1] == "=SUM(B2:B2)"
    assert rows[1] == ["=A1", 3] and not isinstance(rows[1][0], Formula)
