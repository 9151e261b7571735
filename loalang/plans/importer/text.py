"""Text → paragraphs, and the same-length fold every matcher works on.

Matching runs on a fold with exactly one character per original character (no diacritics,
lower case, every dash a hyphen), so a span found on the fold is cut from the original
wording: OCR spelling and the officer's capitals are kept, never "fixed" by guessing.
"""

from __future__ import annotations

import re
import unicodedata

from loalang.core.text import fold

DASHES = "–—‑−"
# Lines that are a motto, not an issuer: the state's, the Party's, with any dash and case.
# A web table may break it: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA' ⏎ 'VIỆT NAM'.
MOTTO = re.compile(
    r"cong hoa xa hoi chu nghia(?:\s+viet\s+nam)?|^\s*viet\s+nam\s*$"
    r"|doc lap\s*-\s*tu do\s*-\s*hanh\s+phuc|dang cong san viet nam"
)
TYPE_WORDS = {
    "ke hoach": "Kế hoạch",
    "chuong trinh": "Chương trình",
    "bao cao": "Báo cáo",
    "huong dan": "Hướng dẫn",
    "de an": "Đề án",
}
VERBS = (
    ("can cu", "Căn cứ"),
    ("thuc hien", "Thực hiện"),
    ("trien khai", "Triển khai"),
    ("theo de nghi", "Theo đề nghị"),
)


def fold_same_length(text: str) -> str:
    """fold() one character at a time, so positions in the result match the original."""
    out = []
    for ch in text:
        if ch in DASHES:
            out.append("-")
        else:
            out.append((fold(ch) or " ")[0])
    return "".join(out)


def is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) >= 0.8


def strip_motto(line: str) -> str:
    folded = fold_same_length(line)
    for m in reversed(list(MOTTO.finditer(folded))):
        line = line[: m.start()] + " " + line[m.end() :]
    return " ".join(line.split())


def type_of(line: str) -> tuple[str, str] | None:
    """'KẾ HOẠCH' → ('Kế hoạch', ''); 'KẾ HOẠCH TUYÊN TRUYỀN …' → ('Kế hoạch', 'TUYÊN …')."""
    bare = strip_motto(line)
    folded = fold_same_length(bare)
    for word, name in TYPE_WORDS.items():
        if folded == word:
            return name, ""
        if folded.startswith(word + " ") and is_upper(bare[: len(word)]):
            rest = bare[len(word) :].strip(" :-")
            return name, rest
    return None


def verb_of(text: str) -> tuple[str, str] | None:
    """The citation verb a paragraph opens with ('Căn cứ', …) and the text after it."""
    folded = fold_same_length(text)
    for word, name in VERBS:
        if folded.startswith(word) and not folded[len(word) : len(word) + 1].isalpha():
            return name, text[len(word) :].lstrip(" :,")
    return None


# --- paragraphs --------------------------------------------------------------------------

MARKER = re.compile(
    r"^\s*(?:[-+*•◦▪]\s*|\S\)\s|\d{1,2}(?:\.\d{1,2}){0,2}[.)]?\s|[ivxl|1]{1,4}[.):]\s"
    r"|phan\s+(?:[ivxl]{1,4}|thu)\b|noi nhan|so\s*:|tm\.|kt\.|q\.|tl\.|tuq\.)",
)
_OPENER = re.compile(r"^(?:can cu|thuc hien|trien khai|theo de nghi|nham|de\s|tren day)\b")
PLACE_DATE = re.compile(
    r",\s*ngay\s*(?P<d>[\d.…_ ]*?)\s*thang\s*(?P<m>[\d.…_ ]*?)\s*nam\s*(?P<y>\d{4})"
    r"|,\s*ngay\s*(?P<d2>\d{1,2})\s*/\s*(?P<m2>\d{1,2})\s*/\s*(?P<y2>\d{4})"
)
_NOISE = re.compile(r"^[\W_]*$")


def split_cells(text: str) -> list[str]:
    """Web tables pasted as text keep their cells on one line, split by '|' or tabs."""
    lines: list[str] = []
    for raw in text.split("\n"):
        if "|" in raw or "\t" in raw:
            cells = [c for c in re.split(r"\s*[|\t]\s*", raw) if c.strip()]
            bordered = re.match(r"^\s*\|\s|.*\|\s*$", raw) or "\t" in raw
            # '|. MUC ĐÍCH' is OCR for 'I.', not a table: one cell without a border stays.
            lines.extend(cells if len(cells) > 1 or bordered else [raw])
        else:
            lines.append(raw)
    return lines


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.replace("\u00a0", " ").replace("\f", "\n\n").replace("\u200b", "")
    # Markdown, as notes and chat apps copy it: '## I. MỤC ĐÍCH', '**Nơi nhận:**', comments.
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    text = re.sub(r"(?m)^\s{0,3}#{1,6}\s+", "", text)
    return re.sub(r"\*\*(.+?)\*\*", r"\1", text)


def paragraphs_from_text(text: str) -> list[str]:
    """Join hard-wrapped lines (OCR, web pages, e-mail) into paragraphs; text pasted from a
    word processor (one paragraph a line) stays as it is."""
    paragraphs: list[str] = []
    current = ""
    last = ""  # the last line joined into `current`
    in_title = False  # the lines right after the type line ('KẾ HOẠCH') are the title
    lines = [" ".join(raw.split()) for raw in split_cells(normalise(text))]
    lengths = sorted(len(x) for x in lines if x)
    width = lengths[int(len(lengths) * 0.9)] if lengths else 0

    def wrapped(prev: str) -> bool:
        """A line that ends near the text's width was broken by the width, not the writer."""
        return width >= 25 and len(prev) >= 0.7 * width

    for line in lines:
        if not line:
            if current:
                paragraphs.append(current)
                in_title = False
            current = ""
            continue
        if re.fullmatch(r"\d{1,3}", line) or _NOISE.match(line):  # page numbers, rules
            continue
        folded = fold_same_length(line)
        if in_title and current:
            continues = (
                line[:1].islower()
                or line[:1].isdigit()
                or (is_upper(current) and is_upper(line) and not MARKER.match(folded))
                or (wrapped(last) and not current.endswith((".", ";", ":")))
            )
            if continues and not _OPENER.match(folded) and not MARKER.match(folded):
                current = f"{current} {line}"
                last = line
                continue
            in_title = False
            paragraphs.append(current)
            current = line
            continue
        starts_new = (
            bool(MARKER.match(folded))
            or (bool(_OPENER.match(folded)) and line[:1].isupper())
            or is_upper(strip_motto(line))
            or (bool(current) and is_upper(strip_motto(current)))
            or bool(PLACE_DATE.search(folded[:120]))
            or (current.endswith((".", ";", ":", "!", "?")) and line[:1].isupper())
            # '1. Sở Thông tin và Truyền thông' ⏎ 'Chủ trì, …': a short line ended on purpose.
            or (line[:1].isupper() and not wrapped(last))
        )
        if current and not starts_new:
            joiner = "" if re.search(r"\w-$", current) and not current.endswith(" -") else " "
            current = f"{current}{joiner}{line}"
        else:
            if current:
                paragraphs.append(current)
            current = line
        last = line
        t = type_of(current)
        if t is not None and not t[1]:
            paragraphs.append(current)
            current = ""
            in_title = True
    if current:
        paragraphs.append(current)
    return paragraphs
