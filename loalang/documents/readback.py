"""Read rendered documents back as text (poppler's pdftotext, python-docx).

Used by tests of every app that renders official documents, and by the plan import (DOCX).
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise FileNotFoundError(f"{name} (poppler-utils) is not installed")
    return path


def pdf_text(data: bytes, *, layout: bool = False, raw: bool = False) -> str:
    """The PDF's text, pages separated by form feeds. `raw` keeps content-stream order and
    line-end hyphens as printed (the default mode silently drops a hyphen at a line end,
    turning "06-⏎NQ/TU" into "06NQ/TU")."""
    args = [_tool("pdftotext"), "-enc", "UTF-8"]
    if layout:
        args.append("-layout")
    if raw:
        args.append("-raw")
    # Fixed local tool, fixed arguments; the PDF goes through stdin.
    result = subprocess.run([*args, "-", "-"], input=data, capture_output=True, check=True)  # noqa: S603
    return result.stdout.decode("utf-8")


def pdf_fonts(data: bytes) -> list[str]:
    """One line per font (pdffonts' table without its header)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.pdf"
        path.write_bytes(data)
        result = subprocess.run(  # noqa: S603 - fixed local tool on our own temp file
            [_tool("pdffonts"), str(path)], capture_output=True, check=True
        )
    return result.stdout.decode("utf-8").splitlines()[2:]


def docx_paragraphs(data: bytes) -> list[str]:
    """Every paragraph's text in reading order, table cells included (row by row)."""
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = Document(io.BytesIO(data))
    out: list[str] = []

    def walk(container) -> None:  # type: ignore[no-untyped-def]
        for child in container.iter_inner_content():
            if isinstance(child, Paragraph):
                out.append(child.text)
            elif isinstance(child, Table):
                for row in child.rows:
                    seen = set()
                    for cell in row.cells:
                        if id(cell._tc) in seen:
                            continue
                        seen.add(id(cell._tc))
                        walk(cell)

    walk(document)
    return out
