"""Read rendered documents back as text (pypdf for PDF, python-docx for DOCX).

Used by tests of every app that renders official documents, and by the plan import (its DOCX
walk and PDF pages are these).
Pure Python on purpose: `make test` needs no poppler-utils (ADR 0076).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any


def pdf_pages(data: bytes, *, layout: bool = False) -> list[str]:
    """Each page's text layer (pypdf). Raises pypdf's errors on a damaged file."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if layout:
        return [page.extract_text(extraction_mode="layout") for page in reader.pages]
    return [page.extract_text() or "" for page in reader.pages]


def pdf_text(data: bytes, *, layout: bool = False, raw: bool = False) -> str:
    """The PDF's text, pages separated by form feeds (as pdftotext prints them).

    `layout` keeps the printed columns side by side (a two-column header reads as one line);
    the default and `raw` follow the content stream, which keeps a hyphen printed at a line end
    ("06-⏎NQ/TU" stays "06-\\nNQ/TU"). `raw` is kept for callers that ask for that guarantee.
    """
    del raw  # pypdf's plain mode already keeps content-stream order and line-end hyphens
    return "\f".join(pdf_pages(data, layout=layout)) + "\f"


@dataclass(frozen=True)
class PdfFont:
    name: str  # the base font without its subset prefix: "Liberation-Serif-Bold"
    subtype: str  # "Type0", "TrueType", ...
    is_embedded: bool


def _embedded(font: Any) -> bool:
    descriptor = font.get("/FontDescriptor")
    if descriptor is None:
        descendants = font.get("/DescendantFonts") or []
        return bool(descendants) and all(_embedded(d.get_object()) for d in descendants)
    descriptor = descriptor.get_object()
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def pdf_fonts(data: bytes) -> list[PdfFont]:
    """Every font the pages use (each once), and whether the PDF carries it."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    seen: dict[str, PdfFont] = {}
    for page in reader.pages:
        resources = page.get("/Resources")
        fonts = resources.get_object().get("/Font") if resources is not None else None
        for ref in (fonts.get_object() if fonts is not None else {}).values():
            font = ref.get_object()
            base = str(font.get("/BaseFont", "")).lstrip("/")
            name = base.split("+", 1)[1] if "+" in base[:7] else base
            seen.setdefault(
                base, PdfFont(name, str(font.get("/Subtype", "")).lstrip("/"), _embedded(font))
            )
    return list(seen.values())


def docx_walk(document: Any) -> Iterator[Any]:
    """Every paragraph of a python-docx Document in reading order, table cells row by row
    (a merged cell once)."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    def walk(container: Any) -> Iterator[Any]:
        for child in container.iter_inner_content():
            if isinstance(child, Paragraph):
                yield child
            elif isinstance(child, Table):
                for row in child.rows:
                    seen = set()
                    for cell in row.cells:
                        if id(cell._tc) in seen:
                            continue
                        seen.add(id(cell._tc))
                        yield from walk(cell)

    return walk(document)


def docx_paragraphs(data: bytes) -> list[str]:
    """Every paragraph's text in reading order, table cells included (row by row)."""
    from docx import Document

    return [paragraph.text for paragraph in docx_walk(Document(io.BytesIO(data)))]
