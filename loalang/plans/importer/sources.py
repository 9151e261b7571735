"""Files → paragraphs: .txt (UTF-8, UTF-16 or Windows-1258), .docx (tables read row by row,
Word list numbering turned back into the '1.', 'a)', '-' a reader sees) and .pdf with a
text layer (pypdf, pure Python). A scanned PDF has no text: it is refused with a message
that says what to do instead. Uploads are checked in memory and never stored."""

from __future__ import annotations

import io
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from loalang.documents.readback import docx_walk, pdf_pages
from loalang.plans.importer.text import paragraphs_from_text
from loalang.plans.uploads import MAX_UPLOAD_BYTES, check_docx_bytes

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
         (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]  # fmt: skip


def roman(n: int) -> str:
    out = ""
    for value, glyph in ROMAN:
        while n >= value:
            out, n = out + glyph, n - value
    return out


def _format(n: int, fmt: str) -> str:
    if fmt == "decimal":
        return str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in {"lowerLetter", "upperLetter"}:
        letter = "abcdefghijklmnopqrstuvwxyz"[(n - 1) % 26] * ((n - 1) // 26 + 1)
        return letter if fmt == "lowerLetter" else letter.upper()
    if fmt in {"lowerRoman", "upperRoman"}:
        return roman(n) if fmt == "upperRoman" else roman(n).lower()
    return str(n)


class Numbering:
    """Word list numbering (w:numPr on the paragraph or its style) → the marker text."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for node in root.findall(f"{W}abstractNum"):
            levels = {}
            for lvl in node.findall(f"{W}lvl"):
                fmt = lvl.find(f"{W}numFmt")
                text = lvl.find(f"{W}lvlText")
                start = lvl.find(f"{W}start")
                levels[int(lvl.get(f"{W}ilvl", "0"))] = (
                    fmt.get(f"{W}val", "decimal") if fmt is not None else "decimal",
                    text.get(f"{W}val", "") if text is not None else "",
                    int(start.get(f"{W}val", "1")) if start is not None else 1,
                )
            abstract[node.get(f"{W}abstractNumId", "")] = levels
        for num in root.findall(f"{W}num"):
            ref = num.find(f"{W}abstractNumId")
            levels = dict(abstract.get(ref.get(f"{W}val", "") if ref is not None else "", {}))
            for override in num.findall(f"{W}lvlOverride"):
                start = override.find(f"{W}startOverride")
                ilvl = int(override.get(f"{W}ilvl", "0"))
                if start is not None and ilvl in levels:
                    fmt, text, _old = levels[ilvl]
                    levels[ilvl] = (fmt, text, int(start.get(f"{W}val", "1")))
            self.levels[num.get(f"{W}numId", "")] = levels

    @staticmethod
    def _num_pr(paragraph: Any) -> tuple[str, int] | None:
        sources = [paragraph._p.pPr]
        style = paragraph.style
        while style is not None:
            sources.append(style.element.pPr)
            style = style.base_style
        num_id, ilvl = None, None
        for ppr in sources:
            if ppr is None or ppr.numPr is None:
                continue
            if num_id is None and ppr.numPr.numId is not None:
                num_id = str(ppr.numPr.numId.val)
            if ilvl is None and ppr.numPr.ilvl is not None:
                ilvl = int(ppr.numPr.ilvl.val)
        if num_id is None or num_id == "0":
            return None
        return num_id, ilvl or 0

    def marker(self, paragraph: Any) -> str:
        found = self._num_pr(paragraph)
        if not found or found[0] not in self.levels:
            return ""
        num_id, ilvl = found
        levels = self.levels[num_id]
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        fmt, text, start = levels[ilvl]
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if fmt == "bullet":
            return "-"
        if fmt == "none":
            return ""

        def level_value(m: re.Match[str]) -> str:
            level = int(m.group(1)) - 1
            lfmt, _t, lstart = levels.get(level, ("decimal", "", 1))
            return _format(counters.get(level, lstart), lfmt)

        return re.sub(r"%(\d)", level_value, text).strip()


def docx_paragraphs(raw: bytes) -> list[str]:
    """Every paragraph in reading order (table cells row by row), list markers restored."""
    from docx import Document

    document = Document(io.BytesIO(raw))
    numbering = Numbering(document)
    out: list[str] = []
    for paragraph in docx_walk(document):
        marker = numbering.marker(paragraph)
        text = paragraph.text
        out.append(f"{marker} {text}" if marker and text.strip() else text)
    # A paragraph may hold soft line breaks (Shift+Enter): one line each, joined as text is.
    return paragraphs_from_text("\n\n".join(out))


def pdf_paragraphs(raw: bytes) -> list[str]:
    from pypdf.errors import PdfReadError

    try:
        text = "\n".join(pdf_pages(raw))
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise ValidationError(_("Không đọc được tệp PDF này."), code="unreadable") from exc
    if len(re.sub(r"\s", "", text)) < 40:
        raise ValidationError(
            _("Tệp PDF này là ảnh quét, không có lớp chữ nên không đọc được. Hãy nhận dạng chữ "
              "(OCR) rồi dán nội dung vào ô văn bản, hoặc tải lên bản Word (.docx)."),
            code="scanned_pdf",
        )  # fmt: skip
    return paragraphs_from_text(text)


def text_paragraphs(raw: bytes) -> list[str]:
    for encoding in ("utf-8-sig", "utf-16", "cp1258"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding != "utf-16" or raw[:2] in {b"\xff\xfe", b"\xfe\xff"}:
            return paragraphs_from_text(text)
    raise ValidationError(_("Không đọc được bảng mã của tệp văn bản này."), code="encoding")


def paragraphs_from_bytes(raw: bytes, name: str) -> list[str]:
    """Paragraphs of a file by its content (and its name for plain text)."""
    if raw.startswith(b"%PDF-"):
        return pdf_paragraphs(raw)
    if raw.startswith(b"PK\x03\x04"):
        check_docx_bytes(raw)
        try:
            return docx_paragraphs(raw)
        except Exception as exc:  # any parse failure means "not a usable DOCX"
            raise ValidationError(_("Không đọc được tệp Word này."), code="unreadable") from exc
    if name.lower().endswith(".docx"):
        check_docx_bytes(raw)  # says "not a Word file" in the officer's words
    if name.lower().endswith(".pdf"):
        raise ValidationError(
            _("Tệp “%(name)s” có đuôi .pdf nhưng không phải là tệp PDF (có thể bị hỏng hoặc đổi "
              "tên từ loại tệp khác). Hãy mở tệp trên máy và lưu lại dưới dạng PDF.")
            % {"name": name},
            code="not_pdf",
        )  # fmt: skip
    if name.lower().endswith((".txt", ".text", ".md")):
        return text_paragraphs(raw)
    raise ValidationError(
        _("Chỉ nhận tệp .docx, .pdf (có lớp chữ) hoặc .txt. Tệp .doc cũ: hãy lưu lại dưới "
          "dạng .docx rồi tải lên."),
        code="unsupported",
    )  # fmt: skip


def paragraphs_from_upload(upload: Any) -> list[str]:
    """The paragraphs of an uploaded file, or ValidationError with a message in Vietnamese."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("Tệp quá lớn (tối đa 5 MB)."), code="too_large")
    raw = upload.read(MAX_UPLOAD_BYTES + 1)
    if len(raw) > MAX_UPLOAD_BYTES:
        raise ValidationError(_("Tệp quá lớn (tối đa 5 MB)."), code="too_large")
    return paragraphs_from_bytes(raw, upload.name or "")
