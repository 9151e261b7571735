"""Readings that depend on the words around them: fraction or date, range or pair, service
number or amount, place abbreviation or initial, and document symbols read the way an
announcer says them. Pure functions used by `rules.normalize`, in the order it calls them.
"""

from __future__ import annotations

import re

from loalang.radio.normalize.lexicon import DOC_SYMBOL_PARTS, DOC_TYPES
from loalang.radio.normalize.numbers import read_digits, read_int, read_month

UPPER = "A-ZĐÀ-ỸÁÉÍÓÚÝ"

# Nouns that count or measure something: "2/3 thôn", "3/4 số hộ", "114 hộ" are quantities.
QUANTITY_NOUNS = (
    "số|tổng số|thôn|bản|hộ|xã|người|học sinh|sinh viên|đơn vị|trường|tổ|cụm|thành viên|cơ quan|"
    "chỉ tiêu|nhiệm vụ|lớp|khu|phường|huyện|tỉnh|xóm|tiêu chí|em|cháu|diện tích|dân số|cán bộ|"
    "công chức|viên chức|đảng viên|doanh nghiệp|hợp tác xã|hồ sơ|thủ tục|gia đình|lượt|"
    "trường hợp|cử tri|đại biểu|phiếu|khẩu|con|ha|héc ta|tấn|kg|sản lượng|kinh phí|ngân sách|"
    "lao động|thanh niên|phụ nữ|hội viên|trẻ|cụ|ngày|tuần|tháng|năm|giờ|phút|lần|buổi|bài|tin|"
    "loa|điểm|km|m|cây|mét|chiếc|cái|bộ|máy|điện thoại|tài khoản|căn hộ|nhà|ngôi nhà|km2"
)
_QUANTITY_AFTER = re.compile(rf"\s+(?:{QUANTITY_NOUNS})(?![\wÀ-ỹ])", re.IGNORECASE)
_DATE_BEFORE = re.compile(
    r"(?:ngày|mồng|mùng|hôm|từ|đến|tới|trước|sau|sáng|chiều|tối|trưa|đêm|vào|hạn|lúc|nay|"
    r"kể từ|tính đến|đến hết|hết)\s*$",
    re.IGNORECASE,
)
# Denominators people read as a fraction ("hai phần ba"); other x/y pairs are "x trên y".
FRACTION_DENOMINATORS = {2, 3, 4}
_SHARE_OF = re.compile(r"\s+(?:tổng\s+)?số(?![\wÀ-ỹ])", re.IGNORECASE)
ROUND_THE_CLOCK = {("24", "7"), ("24", "24"), ("7", "7")}

_SLASH_PAIR = re.compile(r"(?<![\d/.,])(\d{1,4})/(\d{1,4})(?![\d/]|[.,]\d)")


def read_denominator(n: int) -> str:
    return "tư" if n == 4 else read_int(n)


# After these a date is read without "ngày": "sáng 15/11", "Quốc khánh 2/9".
_DAY_WORD_BEFORE = re.compile(
    r"(?:ngày|mồng|mùng|sáng|trưa|chiều|tối|đêm|khánh)\s*$", re.IGNORECASE
)


def slash_pair(text: str) -> str:
    """'3/4 số hộ' → 'ba phần tư số hộ'; 'ngày 3/4' → a date; '24/7' → 'hai mươi tư trên
    bảy'; '45/60 hộ' → 'bốn mươi lăm trên sáu mươi hộ'. Dates with a year are read before."""

    def sub(m: re.Match[str]) -> str:
        a, b = m.group(1), m.group(2)
        x, y = int(a), int(b)
        before = text[: m.start()]
        after = text[m.end() :]
        quantity = bool(_QUANTITY_AFTER.match(after))
        valid_date = 1 <= x <= 31 and 1 <= y <= 12
        if (a, b) in ROUND_THE_CLOCK and not _DATE_BEFORE.search(before):
            return f"{read_int(x)} trên {read_int(y)}"
        if (
            valid_date
            and not quantity
            and (_DATE_BEFORE.search(before) or not _looks_like_ratio(before))
        ):
            day = f"{read_int(x)} tháng {read_month(y)}"
            return day if _DAY_WORD_BEFORE.search(before) else f"ngày {day}"
        if x < y and (y in FRACTION_DENOMINATORS or _SHARE_OF.match(after)):
            return f"{read_int(x)} phần {read_denominator(y)}"
        return f"{read_int(x)} trên {read_int(y)}"

    return _SLASH_PAIR.sub(sub, text)


def _looks_like_ratio(before: str) -> bool:
    """'đạt 3/4', 'khoảng 2/3', 'tỷ lệ 1/2': a share, not a day."""
    return bool(
        re.search(
            r"(?:đạt|khoảng|gần|hơn|trên|dưới|chiếm|tỷ lệ|tỉ lệ|bằng|còn|có|được|chỉ|mới|"
            r"thêm|giảm|tăng|ít nhất|tối thiểu|tối đa)\s*$",
            before,
            re.IGNORECASE,
        )
    )


# --- Ranges ---------------------------------------------------------------------------------

_DATE_PART = r"\d{1,2}/\d{1,2}(?:/\d{4})?"
DATE_TO_DATE = re.compile(
    rf"(?<![\d/])(?:([Nn]gày|[Mm]ồng)\s+)?({_DATE_PART})\s*[-–]\s*(?:[Nn]gày\s+)?({_DATE_PART})(?![\d/])"
)
_TIME_PART = r"(?:[01]?\d|2[0-3])\s?(?:h|giờ|:)\s?(?:[0-5]\d)?(?:\s?phút)?"
TIME_TO_TIME = re.compile(rf"(?<![\d:])({_TIME_PART})\s*[-–]\s*({_TIME_PART})(?![\d\w])")
NUM = r"\d+(?:[.,]\d+)*"
PERCENT_RANGE = re.compile(rf"(?<![\w.,])({NUM})\s*%?\s*[-–]\s*({NUM})\s*%")
_CLOCK = re.compile(r"([01]?\d|2[0-3])\s?(?:h|giờ|:)\s?([0-5]\d)?")


def read_clock(token: str) -> str:
    m = _CLOCK.match(token.strip())
    if not m:
        return token
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    return f"{read_int(hour)} giờ" + (f" {read_int(minute)} phút" if minute else "")


def date_token_words(token: str) -> str | None:
    parts = [int(p) for p in token.split("/")]
    d, mo = parts[0], parts[1]
    if not (1 <= d <= 31 and 1 <= mo <= 12):
        return None
    text = f"ngày {read_int(d)} tháng {read_month(mo)}"
    return text + (f" năm {read_int(parts[2])}" if len(parts) == 3 else "")


def date_to_date(m: re.Match[str]) -> str:
    first, second = date_token_words(m.group(2)), date_token_words(m.group(3))
    if first is None or second is None:
        return m.group(0)
    return f"{first} đến {second}"


# --- Service and emergency numbers ---------------------------------------------------------

# Emergency (111 child protection, 112 rescue, 113 police, 114 fire, 115 ambulance) and short
# service numbers are dialled, so they are read digit by digit — unless they count something.
SERVICE_NUMBERS = {"111", "112", "113", "114", "115", "1022", "1080", "1088", "1900", "18001567"}
_SERVICE = re.compile(r"(?<![\d.,/])(11[1-5]|1022|1080|1088|18001567)(?![\d]|[.,]\d|\s*%)")


def service_numbers(text: str) -> str:
    def sub(m: re.Match[str]) -> str:
        if _QUANTITY_AFTER.match(text[m.end() :]):
            return m.group(0)
        return read_digits(m.group(1))

    return _SERVICE.sub(sub, text)


# --- Place abbreviations ---------------------------------------------------------------------

PLACE_ABBREVIATIONS = {
    "TT": "thị trấn",
    "TP": "thành phố",
    "Tp": "thành phố",
    "TX": "thị xã",
    "P": "phường",
    "X": "xã",
    "Q": "quận",
    "H": "huyện",
}
_TITLES = r"(?:Chủ|Phó|Giám|Trưởng|Hiệu|Bí|Thủ|Tổng|Ban|Hội|Đại|Văn)"
_PLACE = re.compile(
    rf"(?<![\w.])(TT|TP|Tp|TX|P|X|Q|H)\.\s?(?=[{UPPER}0-9])(?!{_TITLES}[a-zà-ỹ]*\s)"
)


def place_abbreviations(text: str) -> str:
    return _PLACE.sub(lambda m: PLACE_ABBREVIATIONS[m.group(1)] + " ", text)


# --- Document symbols ------------------------------------------------------------------------

DOC_SYMBOL = re.compile(
    rf"(?<![\w/])(\d{{1,5}})(?:/(\d{{4}}))?\s?[-/]\s?((?:[{UPPER}][A-Za-z{UPPER}đ&]*)"
    rf"(?:[-/][{UPPER}][A-Za-z{UPPER}đ&]*)*)(?![\w])"
)


GENERIC_KINDS = ("văn bản", "công văn")


def doc_symbol(m: re.Match[str], text: str, lexicon: dict[str, str], spell, is_syllable) -> str:
    """'Kế hoạch số 15/KH-UBND' → 'kế hoạch số mười lăm của ủy ban nhân dân';
    '49/2024/NĐ-CP' → 'nghị định số bốn mươi chín năm hai nghìn không trăm hai mươi tư của
    chính phủ'. The kind is not said twice when the sentence already names it."""
    number, year, symbol = m.group(1), m.group(2), m.group(3)
    parts = re.split(r"[-/]", symbol)
    kind = DOC_TYPES.get(parts[0])
    issuer_parts = parts[1:] if kind else parts
    issuer = []
    for part in issuer_parts:
        spoken = DOC_SYMBOL_PARTS.get(part) or lexicon.get(part)
        issuer.append(spoken if spoken else (part.lower() if is_syllable(part) else spell(part)))
    body = read_int(int(number))
    if year:
        body += f" năm {read_int(int(year))}"
    if issuer:
        body += " của " + " ".join(issuer)
    before = text[: m.start()].rstrip().rstrip(":").rstrip().lower()
    has_so = before.endswith("số")
    head = before[:-2].rstrip() if has_so else before
    if kind and (head.endswith(kind) or head.endswith(GENERIC_KINDS)):
        return body if has_so else f"số {body}"
    if has_so:
        if kind:  # "Số: 07/KH-UBND" in a header
            first, _sep, rest = body.partition(" của ")
            return f"{first}, {kind}" + (f" của {rest}" if rest else "")
        return body
    return f"{kind} số {body}" if kind else f"số {body}"
