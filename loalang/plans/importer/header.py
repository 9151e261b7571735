"""The header block: issuing body (both lines), number and symbol, place and date, type.

Real pages put a web site's own headings above it ('Trang chủ › Văn bản', the page title,
'Ngày đăng …'): the header starts at its first anchor (the motto, 'Số:', the place-and-date
line or the type line) and the agency lines just above it; what comes before is set aside
and shown to the officer, not parsed as the plan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from loalang.plans.data import PlanData
from loalang.plans.importer.citations import date_iso
from loalang.plans.importer.text import (
    MOTTO,
    PLACE_DATE,
    fold_same_length,
    is_upper,
    strip_motto,
    type_of,
)

NUMBER = re.compile(
    r"^so\s*:?\s*(?P<num>[^/\s-]{0,12}?|[\d.…_ ]{0,30}?)\s*(?P<j>[/-])\s*(?P<sym>[^\s,]+)"
)
AGENCY = re.compile(
    r"^(?:uy ban|ubnd|hoi dong|hdnd|dang uy|dang bo|chi bo|ban |bcd|so |phong |xa |phuong |"
    r"thi tran|thi xa|huyen|quan |tinh |thanh pho|tp\.? |uy ban mat tran|mttq|doan |hoi |"
    r"van phong|trung tam|tinh uy|huyen uy|thanh uy|dang uy|to cong nghe|cong an|bo )"
)
HEADER_WINDOW = 40


def is_anchor(text: str) -> bool:
    folded = fold_same_length(text)
    return bool(
        MOTTO.search(folded)
        or NUMBER.match(folded)
        or PLACE_DATE.search(folded[:120])
        or (type_of(text) is not None and is_upper(text))
    )


def is_agency_line(text: str) -> bool:
    bare = strip_motto(text)
    return bool(bare) and is_upper(bare) and bool(AGENCY.match(fold_same_length(bare)))


def header_start(paragraphs: list[str]) -> int:
    """Index where the document begins (0 unless web headings sit above its header)."""
    for i, para in enumerate(paragraphs[:HEADER_WINDOW]):
        if is_anchor(para):
            start = i
            while start > 0 and i - start < 4 and is_agency_line(paragraphs[start - 1]):
                start -= 1
            return start
    return 0


@dataclass(frozen=True)
class HeaderLine:
    """What a header line gave besides the fields it wrote into the plan data."""

    original_number: str | None = None  # '07/KH-UBND', '' when blank; None: no number here
    number: str = ""  # '07' (leading zeros kept)
    date_year: int | None = None  # the issue date's year, when the line has the date


def header_line(text: str, data: PlanData, warnings: list[str]) -> HeaderLine:
    """'Số: 07/KH-UBND', 'Ái Thượng, ngày 05 tháng 01 năm 2023', or both on one line.
    Writes place, issue date and symbol into `data`."""
    date_year = None
    folded = fold_same_length(text)
    m_num = NUMBER.match(folded)
    m_date = PLACE_DATE.search(folded)
    symbol_end = m_num.end() if m_num else 0
    if m_date:
        between = text[symbol_end : m_date.start()].strip()
        if m_num and between and " " not in between and between.isupper():
            symbol_end += len(text[symbol_end:]) - len(text[symbol_end:].lstrip()) + len(between)
            between = ""  # 'Số: 07/KH UBND' — the rest of a broken symbol, not a place
        data["place"] = between.strip(" ,")
        d = m_date.group("d") if m_date.group("y") else m_date.group("d2")
        m = m_date.group("m") if m_date.group("y") else m_date.group("m2")
        y = m_date.group("y") or m_date.group("y2")
        data["issued_on"] = date_iso(d, m, y, warnings, _("ngày ban hành"))
        date_year = int(y)
    elif m_num:
        symbol_end = len(text)
    if not m_num:
        return HeaderLine(date_year=date_year)
    number = m_num.group("num").strip(" ._…")
    symbol = text[m_num.start("sym") : symbol_end].strip()
    if number and not number.isdigit():
        warnings.append(
            _("Số văn bản “%(n)s” không đúng dạng (chỉ gồm chữ số); đã bỏ qua.") % {"n": number}
        )
        number = ""
    if not re.fullmatch(r"[A-Za-zĐđ0-9]+(?:[-/][A-Za-zĐđ0-9]+)*", symbol):
        warnings.append(
            _("Ký hiệu “%(s)s” không đúng dạng (ví dụ: KH-UBND); hãy sửa lại.") % {"s": symbol}
        )
        symbol = re.sub(r"[^A-Za-zĐđ0-9/]+", "-", symbol).strip("-")
    data["symbol"] = symbol or data["symbol"]
    joiner = m_num.group("j")
    original = f"{number}{joiner}{symbol}" if number else ""
    return HeaderLine(original_number=original, number=number, date_year=date_year)
