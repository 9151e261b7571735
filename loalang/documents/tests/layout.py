"""Measuring a printed document the way a clerk looks at it: where words are on which page
(poppler's pdftotext -bbox), how long the short rules are (the page rasterised by pdftoppm),
and LibreOffice's rendering of our DOCX (soffice --convert-to pdf).

Works on any PDF, so the same checks run on our WeasyPrint PDF and on LibreOffice's PDF of
our DOCX.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

MM_PER_PT = 25.4 / 72
INSTALL_HINT = (
    "LibreOffice is needed to compare our DOCX with our PDF: "
    "apt-get install -y libreoffice-writer-nogui"
)


@dataclass(frozen=True)
class Word:
    page: int  # 1-based
    x0: float  # mm from the page's left edge
    y0: float  # mm from the page's top edge
    x1: float
    y1: float
    text: str

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(frozen=True)
class Page:
    number: int
    width: float  # mm
    height: float

    @property
    def landscape(self) -> bool:
        return self.width > self.height


_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')
_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)


def words(pdf: bytes) -> tuple[list[Page], list[Word]]:
    """Every page's size and every word's box, in mm."""
    result = subprocess.run(  # noqa: S603 - fixed local tool, PDF through stdin
        [_tool("pdftotext"), "-enc", "UTF-8", "-bbox", "-", "-"],
        input=pdf, capture_output=True, check=True,
    )  # fmt: skip
    pages: list[Page] = []
    out: list[Word] = []
    for chunk in result.stdout.decode("utf-8").split("<page ")[1:]:
        size = _PAGE.search("<page " + chunk)
        assert size is not None
        page = Page(len(pages) + 1, float(size[1]) * MM_PER_PT, float(size[2]) * MM_PER_PT)
        pages.append(page)
        for m in _WORD.finditer(chunk):
            x0, y0, x1, y1 = (float(m[i]) * MM_PER_PT for i in range(1, 5))
            out.append(Word(page.number, x0, y0, x1, y1, html.unescape(m[5])))
    return pages, out


def find(all_words: list[Word], phrase: str) -> list[Word]:
    """The first word of every occurrence of `phrase` (words in reading order)."""
    tokens = phrase.split()
    hits = []
    for i in range(len(all_words) - len(tokens) + 1):
        window = all_words[i : i + len(tokens)]
        if [w.text for w in window] == tokens and len({w.page for w in window}) == 1:
            hits.append(window[0])
    return hits


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx: bytes) -> bytes:
    """LibreOffice's PDF of `docx` (its own throw-away profile, so runs never collide)."""
    binary = soffice()
    assert binary, INSTALL_HINT
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "doc.docx"
        src.write_bytes(docx)
        profile = Path(tmp) / "profile"
        subprocess.run(  # noqa: S603 - fixed local tool on our own temp files
            [binary, f"-env:UserInstallation={profile.as_uri()}", "--headless",
             "--convert-to", "pdf", "--outdir", tmp, str(src)],
            capture_output=True, check=True, timeout=240,
        )  # fmt: skip
        return (Path(tmp) / "doc.pdf").read_bytes()


# --- rules, measured on the rasterised page --------------------------------------------------

DPI = 200
PX_PER_MM = DPI / 25.4


@dataclass(frozen=True)
class Rule:
    y: float  # mm from the top
    x0: float
    x1: float

    @property
    def length(self) -> float:
        return self.x1 - self.x0


def _raster(pdf: bytes, page: int):  # type: ignore[no-untyped-def]
    from PIL import Image

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "doc.pdf"
        src.write_bytes(pdf)
        subprocess.run(  # noqa: S603 - fixed local tool on our own temp file
            [_tool("pdftoppm"), "-r", str(DPI), "-gray", "-f", str(page), "-l", str(page),
             "-png", str(src), str(Path(tmp) / "p")],
            capture_output=True, check=True,
        )  # fmt: skip
        png = next(Path(tmp).glob("p*.png"))
        with Image.open(png) as im:
            return im.convert("L").copy()


def rules(pdf: bytes, page: int = 1, *, min_mm: float = 8.0) -> list[Rule]:
    """Horizontal hairlines on `page`: runs of dark pixels at least `min_mm` long with white
    above and below (text never makes such a run)."""
    import numpy as np

    dark = np.asarray(_raster(pdf, page)) < 128
    h, _w = dark.shape
    found: list[Rule] = []
    min_px = int(min_mm * PX_PER_MM)
    for y in range(2, h - 3):
        row = dark[y]
        if row.sum() < min_px:
            continue
        edges = np.flatnonzero(np.diff(np.concatenate(([0], row.astype(np.int8), [0]))))
        for start, stop in zip(edges[::2], edges[1::2], strict=True):
            if stop - start < min_px:
                continue
            if dark[y - 2, start:stop].mean() < 0.3 and dark[y + 3, start:stop].mean() < 0.3:
                rule = Rule(y / PX_PER_MM, start / PX_PER_MM, stop / PX_PER_MM)
                if not any(abs(r.y - rule.y) < 1 and abs(r.x0 - rule.x0) < 1 for r in found):
                    found.append(rule)
    return found


def line_extents(all_words: list[Word], page: int, top: float, bottom: float,
                 left: float, right: float) -> list[tuple[float, float]]:  # fmt: skip
    """(x0, x1) of each printed line whose words start (top edge) in the box, top to
    bottom."""
    inside = [
        w for w in all_words
        if w.page == page and top <= w.y0 < bottom and w.x0 >= left and w.x1 <= right
    ]  # fmt: skip
    lines: dict[int, list[Word]] = {}
    for w in inside:
        lines.setdefault(round(w.y1), []).append(w)
    return [(min(w.x0 for w in ws), max(w.x1 for w in ws)) for _y, ws in sorted(lines.items())]


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise FileNotFoundError(f"{name} (poppler-utils) is not installed")
    return path
