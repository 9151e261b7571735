"""Reading numbers aloud in Vietnamese (Northern conventions: 'linh', 'nghìn', 'tỷ')."""

from __future__ import annotations

DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
SCALES = ["", "nghìn", "triệu", "tỷ"]


def _two(tens: int, units: int, *, full: bool) -> list[str]:
    """The last two digits of a group; `full` when a hundreds word precedes (→ 'linh')."""
    if tens == 0:
        if units == 0:
            return []
        return (["linh"] if full else []) + [DIGITS[units]]
    words = ["mười"] if tens == 1 else [DIGITS[tens], "mươi"]
    if units == 0:
        return words
    if units == 1 and tens >= 2:
        return [*words, "mốt"]
    if units == 4 and tens >= 2:
        return [*words, "tư"]
    if units == 5:
        return [*words, "lăm"]
    return [*words, DIGITS[units]]


def _group(n: int, *, leading: bool) -> list[str]:
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    if leading and hundreds == 0:
        return _two(tens, units, full=False)
    return [DIGITS[hundreds], "trăm", *_two(tens, units, full=True)]


def read_int(n: int) -> str:
    """2500 → 'hai nghìn năm trăm'; 2021 → 'hai nghìn không trăm hai mươi mốt';
    105 → 'một trăm linh năm'; 21 → 'hai mươi mốt'; 15 → 'mười lăm'."""
    if n < 0:
        return "âm " + read_int(-n)
    if n == 0:
        return "không"
    if n >= 10**12:
        high, low = divmod(n, 10**9)
        return read_int(high) + " tỷ" + (" " + _below_billion(low, leading=False) if low else "")
    return _below_billion_or_billions(n)


def _below_billion_or_billions(n: int) -> str:
    groups = []
    while n:
        n, g = divmod(n, 1000)
        groups.append(g)
    words: list[str] = []
    top = len(groups) - 1
    for i in range(top, -1, -1):
        g = groups[i]
        if g == 0:
            continue
        words += _group(g, leading=(i == top))
        if SCALES[i]:
            words.append(SCALES[i])
    return " ".join(words)


def _below_billion(n: int, *, leading: bool) -> str:
    if n == 0:
        return ""
    text = _below_billion_or_billions(n + 10**9)  # force non-leading groups
    return text.split(" tỷ ", 1)[1] if " tỷ " in text else ""


def read_digits(digits: str) -> str:
    """'0912' → 'không chín một hai'."""
    return " ".join(DIGITS[int(d)] for d in digits if d.isdigit())


def read_number_text(text: str) -> str:
    """A number as written in Vietnamese text: '.' groups thousands, ',' marks decimals.

    '2.500' → 'hai nghìn năm trăm'; '2,5' → 'hai phẩy năm'; '0,05' → 'không phẩy không năm';
    '1.5' (not a thousands group) → 'một chấm năm'."""
    if "," in text:
        whole, _sep, frac = text.partition(",")
        return f"{read_number_text(whole)} phẩy {_fraction(frac)}"
    parts = text.split(".")
    if len(parts) > 1 and all(len(p) == 3 for p in parts[1:]) and 1 <= len(parts[0]) <= 3:
        return read_int(int("".join(parts)))
    if len(parts) == 2:
        return f"{read_int(int(parts[0]))} chấm {_fraction(parts[1])}"
    if len(parts) > 2:
        return " chấm ".join(read_int(int(p)) for p in parts if p)
    return read_int(int(text))


def _fraction(digits: str) -> str:
    if digits.startswith("0") or len(digits) > 3:
        return read_digits(digits)
    return read_int(int(digits))


ORDINALS = {1: "nhất", 4: "tư"}


def read_ordinal(n: int) -> str:
    """After 'thứ': 1 → 'nhất', 4 → 'tư', else the cardinal ('thứ hai', 'thứ mười')."""
    return ORDINALS.get(n, read_int(n))


ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def roman_to_int(text: str) -> int | None:
    total, prev = 0, 0
    for ch in reversed(text):
        value = ROMAN.get(ch)
        if value is None:
            return None
        total = total - value if value < prev else total + value
        prev = max(prev, value)
    return total or None


def read_month(n: int) -> str:
    """'tháng tư' rather than 'tháng bốn'."""
    return "tư" if n == 4 else read_int(n)
