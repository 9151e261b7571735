"""The normalisation passes. Pure functions, no database."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from loalang.radio.normalize import context
from loalang.radio.normalize.lexicon import (
    DEFAULT_LEXICON,
    LETTER_NAMES,
    UNITS,
)
from loalang.radio.normalize.numbers import (
    read_digits,
    read_int,
    read_month,
    read_number_text,
    read_ordinal,
    roman_to_int,
)

NUM = r"\d+(?:[.,]\d+)*"
UPPER = "A-ZĐÀ-ỸÁÉÍÓÚÝ"

# --- Vietnamese syllables, to tell "THÔNG BÁO" (words) from "UBND" (letters) -------------------
_INITIALS = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x"
_VOWELS = "aăâeêioôơuưyàằầèềìòồờùừỳáắấéếíóốớúứýảẳẩẻểỉỏổởủửỷãẵẫẽễĩõỗỡũữỹạặậẹệịọộợụựỵ"
_SYLLABLE = re.compile(rf"^(?:{_INITIALS})?[{_VOWELS}]{{1,3}}(?:ch|ng|nh|c|m|n|p|t)?$")


def is_syllable(word: str) -> bool:
    return bool(_SYLLABLE.match(word.lower()))


def spell(token: str) -> str:
    return " ".join(
        LETTER_NAMES.get(ch, read_digits(ch) if ch.isdigit() else "") for ch in token.lower()
    ).strip()


# --- Passes ------------------------------------------------------------------------------------


def _valid_date(d: int, m: int) -> bool:
    return 1 <= d <= 31 and 1 <= m <= 12


def _date_words(d: int, m: int, y: int | None) -> str:
    text = f"ngày {read_int(d)} tháng {read_month(m)}"
    return text + (f" năm {read_int(y)}" if y is not None else "")


_PHONE = re.compile(r"(?<![\d.,])0\d{1,4}(?:[ .-]?\d{2,4}){2,3}(?![\d])")
_HOTLINE = re.compile(r"(?<![\d.,])(1[89]00)[ .]?(\d{4}|\d{2}[ .]\d{2}|\d{3}[ .]\d{3})(?![\d])")
_PHONE_SHORT = re.compile(
    r"(?i)\b(gọi(?: điện)?(?: ngay)?(?: (?:đến|tới|vào))?(?: số)?|đường dây nóng(?: số)?"
    r"|hotline|tổng đài(?: số)?|số máy)(\s*:?\s*)(\d{3,5}(?:[ .]\d{3,4})*)(?!\d|[.,]\d)"
)
_DATE_RANGE = re.compile(
    r"\b(?:([Nn]gày)\s+)?(\d{1,2})\s*[-–]\s*(\d{1,2})/(\d{1,2})(?:/(\d{4}))?(?![\d/])"
)
_DATE_FULL = re.compile(r"\b(?:([Nn]gày|[Mm]ồng)\s+)?(\d{1,2})([/.-])(\d{1,2})\3(\d{4})\b")
_MONTH_YEAR = re.compile(r"\b(?:([Tt]háng)\s+)?(\d{1,2})/(\d{4})\b")
_MONTH_WORD = re.compile(r"\b([Tt]háng)\s+(\d{1,2})\b(?![/\d.,])")
_TIME = re.compile(r"\b([01]?\d|2[0-3])\s?(?::|h|giờ)\s?([0-5]\d)(?:\s?(?:phút|'))?(?![\d])")
_TIME_HOUR = re.compile(r"\b([01]?\d|2[0-3])\s?h(?![\w])")
_RANGE = re.compile(rf"(?<![\w])(?<!\d[.,])({NUM})\s*[-–—]\s*({NUM})(?!\w|[.,]\d)")
_PERCENT = re.compile(rf"({NUM})\s*%")
_ORDINAL = re.compile(r"\b([Tt]hứ)\s+(\d+)\b(?![.,]\d)")
_ROMAN_AFTER = re.compile(
    r"\b(phần|mục|chương|khóa|khoá|quý|đại hội|kỳ|thế kỷ|điều|phụ lục|thứ|cấp|lần|loại|hạng)"
    r"\s+([IVXLC]+)\b(?![\w])",
    re.IGNORECASE,
)
_ROMAN_HEADING = re.compile(r"(?m)^([IVX]+)\.\s")
_EMAIL_OR_SITE = re.compile(
    r"(?<![\w@.])(?:[\w.+-]+@)?(?:[A-Za-z0-9-]+\.)+(?:vn|com|net|org|gov|edu|info)(?:/[\w/.-]*)?(?![\w])"
)
_WEB_WORDS = {
    "vn": "vê en", "gov": "gốp", "com": "com", "net": "nét", "org": "o rờ giê",
    "www": "vê kép vê kép vê kép",
    "edu": "ê đu", "info": "in phô", "http": "hát tê tê pê", "https": "hát tê tê pê ét",
}  # fmt: skip


def _web(m: re.Match[str]) -> str:
    words = []
    for part in re.split(r"([@./])", m.group(0)):
        if part == "@":
            words.append("a còng")
        elif part == ".":
            words.append("chấm")
        elif part == "/":
            words.append("gạch chéo")
        elif part:
            low = part.lower()
            words.append(
                _WEB_WORDS.get(low) or (low if is_syllable(low) or len(low) > 4 else spell(low))
            )
    return " ".join(words)


_NUM_LETTER = re.compile(r"\b(\d+)([A-Za-z])\b")
_NUMBER = re.compile(NUM)
_CAPS = re.compile(
    rf"(?<![\w])([{UPPER}][{UPPER}A-Za-zđ]*[{UPPER}][A-Za-zđ]*|[{UPPER}]{{2,}})(?![\w])"
)


@lru_cache(maxsize=64)
def _unit_pattern(units: tuple[str, ...]) -> re.Pattern[str]:
    alternation = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))
    return re.compile(rf"({NUM})\s?({alternation})(?![\w²³])")


@lru_cache(maxsize=64)
def _per_unit_pattern(units: tuple[str, ...]) -> re.Pattern[str]:
    alternation = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))
    return re.compile(rf"(?<=\w)/({alternation})(?![\w²³])")


@lru_cache(maxsize=64)
def _lone_unit_pattern(units: tuple[str, ...]) -> re.Pattern[str]:
    """'mỗi kg', 'một ha': a unit after a word that counts, without a number."""
    alternation = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))
    return re.compile(rf"\b(mỗi|một|từng|trên)\s+({alternation})(?![\w²³])")


# "/người", "/năm" after an amount: "đồng/người/năm" is "đồng một người một năm".
PER_WORDS = {
    w: w
    for w in (
        "người", "năm", "tháng", "ngày", "tuần", "hộ", "con", "tấn", "tạ", "lượt", "buổi",
        "giờ", "lần", "cây", "sào", "lít", "chiếc", "suất", "khẩu", "thôn", "xã", "lớp",
    )
} | {"s": "giây", "h": "giờ"}  # fmt: skip

# Codes of letters and digits: a rice variety "TBR225", a flu strain "H5N1", "VN30".
_CODE = re.compile(r"(?<![\w-])(?=[A-Z0-9]*\d)[A-Z][A-Z0-9]{1,9}(?![\w-])")


def _code(token: str, lexicon: dict[str, str]) -> str:
    words = []
    for run in re.findall(r"[A-Z]+|\d+", token):
        if run.isdigit():
            words.append(read_digits(run) if run.startswith("0") else read_int(int(run)))
        else:
            words.append(lexicon.get(run) or (run.lower() if is_syllable(run) else spell(run)))
    return " ".join(words)


@lru_cache(maxsize=64)
def _lexicon_pattern(keys: tuple[str, ...]) -> re.Pattern[str] | None:
    if not keys:
        return None
    parts = []
    for key in sorted(keys, key=len, reverse=True):
        escaped = re.escape(key)
        parts.append(f"(?i:{escaped})" if key == key.lower() else escaped)
    return re.compile(rf"(?<![\w.])(?:{'|'.join(parts)})(?![\w])")


def _apply_lexicon(text: str, lexicon: dict[str, str]) -> str:
    pattern = _lexicon_pattern(tuple(lexicon))
    if pattern is None:
        return text
    lowered = {k.lower(): v for k, v in lexicon.items() if k == k.lower()}

    def sub(m: re.Match[str]) -> str:
        word = m.group(0)
        return lexicon.get(word) or lowered.get(word.lower(), word)

    return pattern.sub(sub, text)


def _tidy(text: str) -> str:
    text = text.replace("./.", ".").replace("…", ".").replace("...", ".")
    text = re.sub(r"(?m)^\s*[-+•*]\s+", "", text)  # list bullets
    text = re.sub(r"\s+[-–—]\s+", ", ", text)  # "kinh tế - xã hội": a pause
    text = re.sub(r"(?<=\w)-(?=\w)", " ", text)  # "cô vít-mười chín"
    text = re.sub(r"[()\[\]]", ", ", text)
    text = re.sub(r"[\"“”‘’«»*#]", "", text)
    text = (
        text.replace("&", " và ")
        .replace("+", " cộng ")
        .replace("=", " bằng ")
        .replace("@", " a còng ")
    )
    text = re.sub(r"(?<=\w)\s*/\s*(?=\w)", " trên ", text)
    text = text.replace("/", " ")
    text = text.replace(";", ",")
    lines = []
    for line in text.splitlines():
        line = " ".join(line.split())
        if not line:
            continue
        if line[-1] not in ".!?:,":
            line += "."
        lines.append(line)
    text = " ".join(lines)
    text = re.sub(r"\s+([,.!?:])", r"\1", text)
    text = re.sub(r"([,.!?:])(?:\s*,)+", r"\1", text)
    text = re.sub(r",\s*([.!?])", r"\1", text)
    text = re.sub(r"([,.!?:])(?=\w)", r"\1 ", text)
    text = re.sub(r"^[,.\s]+", "", text)
    return " ".join(text.split()).lower()


def _digit_groups(text: str) -> str:
    return ", ".join(read_digits(g) for g in text.replace(".", " ").split())


def _phone(m: re.Match[str]) -> str:
    """Phone numbers digit by digit, a pause between the groups as written."""
    groups = re.split(r"[ .-]", m.group(0))
    digits = "".join(groups)
    if not 10 <= len(digits) <= 11:
        return m.group(0)
    if len(groups) == 1:  # unbroken: group the Vietnamese way, 4-3-3
        groups = [digits[:4], digits[4:7], digits[7:]]
    return ", ".join(read_digits(g) for g in groups)


def normalize(text: str, *, lexicon: dict[str, str] | None = None) -> str:
    """Written Vietnamese → the words a reader says, lower-case, punctuation kept."""
    lexicon = DEFAULT_LEXICON if lexicon is None else lexicon
    text = unicodedata.normalize("NFC", text or "").replace("\u00a0", " ")
    text = text.replace("–", "-").replace("—", "-").replace("−", "-")

    text = context.place_abbreviations(text)
    text = context.DOC_SYMBOL.sub(
        lambda m: context.doc_symbol(m, m.string, lexicon, spell, is_syllable), text
    )
    text = _apply_lexicon(text, lexicon)
    text = _EMAIL_OR_SITE.sub(_web, text)
    text = _PHONE.sub(_phone, text)
    text = _HOTLINE.sub(lambda m: ", ".join(read_digits(g) for g in m.groups()), text)
    text = _PHONE_SHORT.sub(
        lambda m: m.group(1) + m.group(2) + _digit_groups(m.group(3)),
        text,
    )
    text = context.service_numbers(text)
    text = context.DATE_TO_DATE.sub(context.date_to_date, text)

    def date_range(m: re.Match[str]) -> str:
        d1, d2, mo = int(m.group(2)), int(m.group(3)), int(m.group(4))
        if not (_valid_date(d1, mo) and _valid_date(d2, mo)):
            return m.group(0)
        year = int(m.group(5)) if m.group(5) else None
        return f"ngày {read_int(d1)} đến {_date_words(d2, mo, year)}"

    def date_full(m: re.Match[str]) -> str:
        d, mo, y = int(m.group(2)), int(m.group(4)), int(m.group(5))
        if not _valid_date(d, mo):
            return m.group(0)
        return _date_words(d, mo, y)

    def month_year(m: re.Match[str]) -> str:
        mo, y = int(m.group(2)), int(m.group(3))
        if not 1 <= mo <= 12:
            return m.group(0)
        return f"tháng {read_month(mo)} năm {read_int(y)}"

    text = _DATE_RANGE.sub(date_range, text)
    text = _DATE_FULL.sub(date_full, text)
    text = _MONTH_YEAR.sub(month_year, text)
    text = context.slash_pair(text)
    text = _MONTH_WORD.sub(lambda m: f"{m.group(1)} {read_month(int(m.group(2)))}", text)

    def clock(m: re.Match[str]) -> str:
        hour, minute = int(m.group(1)), int(m.group(2))
        return f"{read_int(hour)} giờ" + (f" {read_int(minute)} phút" if minute else "")

    text = context.TIME_TO_TIME.sub(
        lambda m: f"{context.read_clock(m.group(1))} đến {context.read_clock(m.group(2))}", text
    )
    text = _TIME.sub(clock, text)
    text = _TIME_HOUR.sub(lambda m: f"{read_int(int(m.group(1)))} giờ", text)
    text = context.PERCENT_RANGE.sub(
        lambda m: f"{read_number_text(m.group(1))} đến {read_number_text(m.group(2))} phần trăm",
        text,
    )
    text = _PERCENT.sub(lambda m: f"{read_number_text(m.group(1))} phần trăm", text)
    units = _unit_pattern(tuple(UNITS))
    text = _RANGE.sub(lambda m: f"{m.group(1)} đến {m.group(2)}", text)
    text = units.sub(lambda m: f"{read_number_text(m.group(1))} {UNITS[m.group(2)]}", text)
    per = {**PER_WORDS, **UNITS}
    text = _per_unit_pattern(tuple(per)).sub(lambda m: f" một {per[m.group(1)]}", text)
    text = _lone_unit_pattern(tuple(UNITS)).sub(lambda m: f"{m.group(1)} {UNITS[m.group(2)]}", text)
    text = _ORDINAL.sub(lambda m: f"{m.group(1)} {read_ordinal(int(m.group(2)))}", text)

    def roman_after(m: re.Match[str]) -> str:
        value = roman_to_int(m.group(2))
        if value is None:
            return m.group(0)
        spoken = read_ordinal(value) if m.group(1).lower() == "thứ" else read_int(value)
        return f"{m.group(1)} {spoken}"

    text = _ROMAN_AFTER.sub(roman_after, text)
    text = _ROMAN_HEADING.sub(lambda m: f"{read_int(roman_to_int(m.group(1)) or 0)}, ", text)
    text = _NUM_LETTER.sub(lambda m: f"{read_int(int(m.group(1)))} {spell(m.group(2))}", text)
    text = _CODE.sub(lambda m: _code(m.group(0), lexicon), text)
    text = _NUMBER.sub(lambda m: read_number_text(m.group(0)), text)

    def caps(m: re.Match[str]) -> str:
        word = m.group(1)
        return word if is_syllable(word) else spell(word)

    text = _CAPS.sub(caps, text)
    return _tidy(text)
