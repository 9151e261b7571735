"""Vietnamese text helpers: folding for accent-free search, numbers, money and dates."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

_COMBINING = re.compile(r"[\u0300-\u036f]")


def fold(text: str) -> str:
    """Lower-case, without diacritics, đ→d: 'Chuyển đổi số Đông' → 'chuyen doi so dong'.

    đ/Đ have no Unicode decomposition, so NFD alone leaves them; they are mapped explicitly.
    """
    decomposed = unicodedata.normalize("NFD", text)
    stripped = _COMBINING.sub("", decomposed).replace("đ", "d").replace("Đ", "D")
    return unicodedata.normalize("NFC", stripped).lower()


# Ð ð (Eth) → Đ đ; a zero-width space still separates words.
_LOOKALIKES = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111", "\u200b": " "})


def clean_name(text: str) -> str:
    """A name as people mean it: composed Unicode (NFC), the legacy look-alike Ð (U+00D0, from
    old Vietnamese encodings) read as Đ, no invisible or control characters (zero-width space,
    NUL, which PostgreSQL refuses), single spaces."""
    text = unicodedata.normalize("NFC", text.translate(_LOOKALIKES))
    kept = "".join(
        " " if unicodedata.category(ch) in {"Zs", "Zl", "Zp"} else ch
        for ch in text
        if unicodedata.category(ch) not in {"Cc", "Cf"} or ch in "\t\n"
    )
    return " ".join(kept.split())


# Vietnamese alphabetical order: ă, â, đ, ê, ô, ơ, ư are letters of their own after a, a, d,
# e, o, o, u; tones order words that are otherwise equal (none, huyền, hỏi, ngã, sắc, nặng).
_ALPHABET = {ch: i for i, ch in enumerate("aăâbcdđeêfghijklmnoôơpqrstuưvwxyz")}
_SHAPES = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn: part of the letter
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def vi_sort_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...], str]:
    """A key that sorts Vietnamese names as a Vietnamese reader expects: "Bá Thước" before
    "Biện Thượng", "Hà Long" before "Hoằng Tiến", "Đông" after every "D…", whatever the case
    or the Unicode form. Spaces, digits and other characters sort before the letters."""
    letters: list[int] = []
    tones: list[int] = []
    base = ""
    for ch in unicodedata.normalize("NFD", text.casefold()) + " ":
        if unicodedata.combining(ch):
            if ch in _TONES:
                tones[-1:] = [_TONES[ch]]
            elif ch in _SHAPES:
                base += ch
            continue
        if base:
            letter = unicodedata.normalize("NFC", base)
            letters[-1] = _ALPHABET.get(letter, ord(letter[0]) - 0x110000)  # others first
        base = ch
        letters.append(0)
        tones.append(0)
    return tuple(letters[:-1]), tuple(tones[:-1]), text


def format_number(value: int | float | None, decimals: int = 0) -> str:
    """12345678 → '12.345.678'; 12.5 with decimals=1 → '12,5'."""
    if value is None:
        return ""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\u0000").replace(".", ",").replace("\u0000", ".")


def format_vnd(amount: int | None) -> str:
    """12500000 → '12.500.000 đ'."""
    if amount is None:
        return ""
    return f"{format_number(amount)} đ"


def date_long(value: dt.date) -> str:
    """The Decree 30/2020 form: 'ngày 05 tháng 01 năm 2023' (leading zeros for days < 10 and
    for months 1 and 2 only)."""
    month = f"{value.month:02d}" if value.month <= 2 else str(value.month)
    return f"ngày {value.day:02d} tháng {month} năm {value.year}"


def date_short(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def mask_phone(phone: str) -> str:
    """'0912345678' → '0912 xxx 678': enough to recognise, not enough to call."""
    digits = re.sub(r"\D", "", phone or "")
    if len(digits) < 7:
        return "xxx" if digits else ""
    return f"{digits[:4]} xxx {digits[-3:]}"


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


def when(value: object, tz: dt.tzinfo | None = None) -> str:
    """A date or moment as a Vietnamese reader writes it: '05/03/2023', '14:29 03/12/2026'.

    Accepts dates, datetimes and their ISO strings (JSON snapshots and audit diffs store
    ISO); an aware moment is shown in `tz` (the site's zone). Any other value is returned as
    text unchanged."""
    if isinstance(value, str):
        text = value.strip()
        try:
            if _ISO_DATE.match(text):
                value = dt.date.fromisoformat(text)
            elif _ISO_DATETIME.match(text):
                value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return text
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None and tz is not None:
            value = value.astimezone(tz)
        return value.strftime("%H:%M %d/%m/%Y")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return "" if value is None else str(value)
