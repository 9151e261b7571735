"""The official document as plain data (Decree 30/2020/NĐ-CP, Appendix I).

This module is the shared contract of `loalang.documents`: any app (plans, reports, …) builds
an `OfficialDocument` and hands it to `loalang.documents.render.render_docx(doc) -> bytes` or
`render_pdf(doc) -> bytes`. Nothing here or in the renderers touches the database, so a
document can be built in a test, a job or a management command alike.

API (stable; new fields are added with defaults, nothing is renamed or removed):

    OfficialDocument(
        issuer_lines=["ỦY BAN NHÂN DÂN", "XÃ ÁI THƯỢNG"],   # box 2, bold, upper case
        parent_lines=[],                                    # box 2 parent body, upright
        symbol="KH-UBND", number="07",                      # "Số: 07/KH-UBND"; "" = blank
        place="Ái Thượng", issued_on=date(2023, 1, 5),      # None = blank date
        year=2023,                                          # year shown when date is blank
        type_name="KẾ HOẠCH", summary="Truyền thông …",      # box 5a
        recipients_to=["Sở Khoa học và Công nghệ"],         # "Kính gửi:" (box 9a), optional
        body=[LegalBasis(…), Paragraph(…), Section("I", "MỤC ĐÍCH"), Clause("1", "Mục đích"),
              Bullet(…), Point("a", …), Table(…), Image(png_bytes, …), Part("I", "…")],
        closing=["Trên đây là …/."],
        signature=Signature(authority="TM. ỦY BAN NHÂN DÂN", deputy="KT. CHỦ TỊCH",
                            title="PHÓ CHỦ TỊCH", name="…", signature_png=None,
                            seal_png=None),
        distribution=["Phòng VH-TT huyện (để B/c);", "Lưu: VT."],  # Nơi nhận, no dash
        appendices=[Appendix(label="Phụ lục I", title="…", reference="(Kèm theo …)",
                             body=[Table(…)])],
        is_draft=False, urgency="",
    )

Texts are given exactly as they must read (the renderer adds the dash before each "Nơi
nhận" line and the "a)" / "-" / "1." markers of points, bullets and clauses, nothing else).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Part:
    """'Phần I' (bold) with an upper-case bold title on the next line."""

    number: str
    title: str


@dataclass(frozen=True)
class Section:
    """'I. MỤC ĐÍCH, YÊU CẦU' — Roman numeral, upper case, bold."""

    number: str
    title: str


@dataclass(frozen=True)
class Clause:
    """'1. Mục đích' — bold when it has a title. `text` follows the title on the same line."""

    number: str
    title: str = ""
    text: str = ""


@dataclass(frozen=True)
class Point:
    """'a) …' — a lettered item (letters a b c d đ e g h i k …)."""

    letter: str
    text: str


@dataclass(frozen=True)
class Bullet:
    """'- …' — a dash item."""

    text: str
    marker: str = "-"


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph: justified, first-line indent."""

    text: str
    italic: bool = False
    bold: bool = False
    align: str = "justify"  # justify | center | left | right


@dataclass(frozen=True)
class LegalBasis:
    """A 'Căn cứ …' / 'Thực hiện …' line: italic, one per paragraph, punctuation included."""

    text: str


@dataclass(frozen=True)
class Table:
    """A ruled table. `widths_mm` (optional) must have one width per column."""

    columns: list[str]
    rows: list[list[str]]
    widths_mm: list[float] | None = None
    caption: str = ""
    numeric_columns: frozenset[int] = frozenset()  # right-aligned columns


@dataclass(frozen=True)
class Image:
    """A PNG picture (a chart), centred, `width_mm` wide, with an optional italic caption."""

    png: bytes
    width_mm: float = 150
    caption: str = ""


@dataclass(frozen=True)
class PageBreak:
    pass


Block = (
    Part | Section | Clause | Point | Bullet | Paragraph | LegalBasis | Table | Image | PageBreak
)


@dataclass(frozen=True)
class Signature:
    """Boxes 7a–7c and 8. Lines are upper case as given; name is bold under the title."""

    title: str
    name: str = ""
    authority: str = ""  # "TM. ỦY BAN NHÂN DÂN"
    deputy: str = ""  # "KT. CHỦ TỊCH"
    signature_png: bytes | None = None
    seal_png: bytes | None = None

    @property
    def lines(self) -> list[str]:
        return [line for line in (self.authority, self.deputy, self.title) if line]


@dataclass(frozen=True)
class Appendix:
    label: str  # "Phụ lục I"
    title: str  # upper case
    reference: str = ""  # "(Kèm theo Báo cáo số …/BC-UBND ngày … của UBND xã …)"
    body: list[Block] = field(default_factory=list)
    landscape: bool = False


@dataclass
class OfficialDocument:
    issuer_lines: list[str]
    type_name: str
    summary: str
    symbol: str = ""
    number: str = ""
    place: str = ""
    issued_on: dt.date | None = None
    year: int | None = None
    parent_lines: list[str] = field(default_factory=list)
    recipients_to: list[str] = field(default_factory=list)
    body: list[Block] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)
    signature: Signature | None = None
    distribution: list[str] = field(default_factory=list)
    appendices: list[Appendix] = field(default_factory=list)
    is_draft: bool = False
    urgency: str = ""  # KHẨN, THƯỢNG KHẨN, HỎA TỐC
    title_for_metadata: str = ""

    @property
    def number_line(self) -> str:
        return number_line(self.number, self.symbol)

    @property
    def place_date_line(self) -> str:
        return place_date_line(self.place, self.issued_on, self.year)

    @property
    def draft_label(self) -> str:
        return "DỰ THẢO" if self.is_draft else ""

    @property
    def metadata_title(self) -> str:
        return self.title_for_metadata or f"{self.type_name.capitalize()} {self.summary}".strip()


BLANK_NUMBER = "\u00a0" * 6  # keeps a visible gap in "Số:      /KH-UBND"


def number_line(number: str, symbol: str) -> str:
    """'Số: 07/KH-UBND' (leading zero under 10); a blank number keeps room to write it."""
    number = (number or "").strip()
    if number.isdigit() and int(number) < 10:
        number = f"{int(number):02d}"
    shown = number or BLANK_NUMBER
    return f"Số: {shown}/{symbol}" if symbol else f"Số: {shown}"


def place_date_line(place: str, issued_on: dt.date | None, year: int | None = None) -> str:
    """'Ái Thượng, ngày 05 tháng 01 năm 2023'; a blank date keeps room to write it."""
    prefix = f"{place}, " if place else ""
    if issued_on is None:
        gap = "\u00a0" * 5
        shown_year = str(year) if year else gap
        return f"{prefix}ngày{gap}tháng{gap}năm {shown_year}"
    # Decree 30/2020: a leading zero for days below 10 and for months 1 and 2 only.
    month = f"{issued_on.month:02d}" if issued_on.month <= 2 else str(issued_on.month)
    return f"{prefix}ngày {issued_on.day:02d} tháng {month} năm {issued_on.year}"


def block_text(block: Block) -> str:
    """The text a reader sees for one block (used by tests and plain-text exports)."""
    if isinstance(block, Part):
        return f"Phần {block.number}\n{block.title}"
    if isinstance(block, Section):
        return f"{block.number}. {block.title}"
    if isinstance(block, Clause):
        head = f"{block.number}. {block.title}".strip()
        return f"{head} {block.text}".strip() if block.text else head
    if isinstance(block, Point):
        return f"{block.letter}) {block.text}"
    if isinstance(block, Bullet):
        return f"{block.marker} {block.text}"
    if isinstance(block, (Paragraph, LegalBasis)):
        return block.text
    if isinstance(block, Table):
        return "\n".join(" | ".join(r) for r in [block.columns, *block.rows])
    if isinstance(block, Image):
        return block.caption
    return ""


def table_widths(table: Table, text_width_mm: float, *, fill: bool = False) -> list[float]:
    """Column widths in mm for a text `text_width_mm` wide: the table's own widths, or equal
    columns when it has none. With `fill` (a landscape appendix) a table laid out narrower
    — for a portrait page — is spread proportionally over the whole width."""
    count = len(table.columns)
    if not table.widths_mm:
        return [text_width_mm / count] * count
    total = sum(table.widths_mm)
    if fill and total < text_width_mm * 0.9:
        return [w * text_width_mm / total for w in table.widths_mm]
    return list(table.widths_mm)
