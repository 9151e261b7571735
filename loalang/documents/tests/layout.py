"""Measuring a printed document the way a clerk looks at it: which line of text is where on
which page, and how long the short rules are; and LibreOffice's rendering of our DOCX
(soffice --convert-to pdf).

Pure Python (pypdf walks the page's content stream; widths come from the Liberation Serif
metrics the DOCX renderer uses), so it needs no poppler (ADR 0076), and the same checks run on
our WeasyPrint PDF and on LibreOffice's PDF of our DOCX.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MM_PER_PT = 25.4 / 72
INSTALL_HINT = (
    "LibreOffice is needed to compare our DOCX with our PDF: "
    "sudo apt-get install -y libreoffice-writer-nogui (or run scripts/bootstrap-system.sh)"
)


@dataclass(frozen=True)
class Word:
    """One run of text as drawn (a line, a cell, a title): its page and box in mm from the
    page's top-left corner."""

    page: int  # 1-based
    x0: float
    y0: float
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


@dataclass(frozen=True)
class Rule:
    y: float  # mm from the top
    x0: float
    x1: float

    @property
    def length(self) -> float:
        return self.x1 - self.x0


def _apply(matrix: list[float], x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = matrix
    return a * x + c * y + e, b * x + d * y + f


def _mul(m1: list[float], m2: list[float]) -> list[float]:
    a1, b1, c1, d1, e1, f1 = m1
    a2, b2, c2, d2, e2, f2 = m2
    return [
        a1 * a2 + b1 * c2, a1 * b2 + b1 * d2, c1 * a2 + d1 * c2, c1 * b2 + d1 * d2,
        e1 * a2 + f1 * c2 + e2, e1 * b2 + f1 * d2 + f2,
    ]  # fmt: skip


def _width_pt(text: str, size: float, font: str) -> float:
    from loalang.documents.docx_renderer import _metric_font

    metric = _metric_font("Bold" in font)
    if metric is None:
        return len(text) * size * 0.5
    return float(metric.getlength(text)) / 1000 * size


def _read(pdf: bytes) -> tuple[list[Page], list[Word], list[Rule], dict[int, list[Rule]]]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    pages: list[Page] = []
    found: list[Word] = []
    by_page: dict[int, list[Rule]] = {}
    for number, page in enumerate(reader.pages, start=1):
        box = page.mediabox
        height_pt = float(box.height)
        pages.append(Page(number, float(box.width) * MM_PER_PT, height_pt * MM_PER_PT))
        segments: list[tuple[float, float, float, float]] = []  # x0, y0, x1, y1 in pt (top)
        path: list[tuple[str, list[float], list[float]]] = []

        def top(y: float, _h: float = height_pt) -> float:
            return _h - y

        def on_op(op: Any, args: Any, cm: Any, tm: Any, path: Any = path,
                  segments: Any = segments) -> None:  # fmt: skip
            name = op.decode() if isinstance(op, bytes) else str(op)
            if name in {"re", "m", "l"}:
                path.append((name, [float(a) for a in args], list(cm)))
            elif name in {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*"}:
                segments.extend(_segments(path))
                path.clear()
            elif name == "n":
                path.clear()

        def on_text(text: str, cm: Any, tm: Any, font: Any, size: float,
                    number: int = number) -> None:  # fmt: skip
            content = " ".join(text.split())
            if not content:
                return
            matrix = _mul(list(tm), list(cm))
            x, y = _apply(matrix, 0, 0)
            scale = (matrix[0] ** 2 + matrix[1] ** 2) ** 0.5
            pt = size * scale
            name = str(font.get("/BaseFont", "")) if font else ""
            width = _width_pt(content, pt, name)
            found.append(Word(number, x * MM_PER_PT, (top(y) - pt * 0.9) * MM_PER_PT,
                              (x + width) * MM_PER_PT, (top(y) + pt * 0.22) * MM_PER_PT,
                              content))  # fmt: skip

        page.extract_text(visitor_operand_before=on_op, visitor_text=on_text)
        lines = [
            (x0 * MM_PER_PT, top(y0) * MM_PER_PT, x1 * MM_PER_PT)
            for x0, y0, x1, y1 in segments
            if abs(y1 - y0) < 0.1 and x1 - x0 > 1
        ]
        by_page[number] = _merge(lines)
    return pages, found, [], by_page


def _segments(path: list[tuple[str, list[float], list[float]]]) -> list[tuple[float, ...]]:
    """Horizontal hairlines in a painted path, in pt from the bottom-left: a stroked line
    (LibreOffice), a thin filled rectangle, or the thin strip between two nested rectangles
    filled even-odd (WeasyPrint's borders)."""
    out: list[tuple[float, ...]] = []
    rects: list[tuple[float, float, float, float]] = []
    last: tuple[float, float] | None = None
    for name, args, cm in path:
        if name == "re":
            x, y, w, h = args
            (ax, ay), (bx, by) = _apply(cm, x, y), _apply(cm, x + w, y + h)
            rects.append((min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)))
        elif name == "m":
            last = _apply(cm, *args)
        elif name == "l" and last is not None:
            point = _apply(cm, *args)
            if abs(point[1] - last[1]) < 0.5:
                y = (point[1] + last[1]) / 2
                out.append((min(point[0], last[0]), y, max(point[0], last[0]), y))
            last = point
    for x0, y0, x1, y1 in rects:
        if 0 < y1 - y0 <= 2.5:
            out.append((x0, (y0 + y1) / 2, x1, (y0 + y1) / 2))
    for i, a in enumerate(rects):
        for b in rects[i + 1 :]:
            if abs(a[0] - b[0]) < 0.1 and abs(a[2] - b[2]) < 0.1:
                outer, inner = (a, b) if a[3] - a[1] > b[3] - b[1] else (b, a)
                if 0 < (outer[3] - outer[1]) - (inner[3] - inner[1]) <= 2.5:
                    gap = (
                        (outer[1], inner[1]) if inner[1] - outer[1] > 0.05 else (inner[3], outer[3])
                    )
                    y = sum(gap) / 2
                    out.append((outer[0], y, outer[2], y))
    return out


def _merge(lines: list[tuple[float, float, float]]) -> list[Rule]:
    """Collinear pieces (a table border drawn cell by cell) joined into one rule."""
    rules: list[Rule] = []
    for x0, y, x1 in sorted(lines, key=lambda t: (round(t[1], 1), t[0])):
        if rules and abs(rules[-1].y - y) < 0.3 and x0 <= rules[-1].x1 + 0.6:
            last = rules[-1]
            rules[-1] = Rule(last.y, last.x0, max(last.x1, x1))
        else:
            rules.append(Rule(y, x0, x1))
    return sorted(rules, key=lambda r: (r.y, r.x0))


def words(pdf: bytes) -> tuple[list[Page], list[Word]]:
    """Every page's size and every drawn run of text, in mm."""
    pages, found, _unused, _rules = _read(pdf)
    return pages, found


def rules(pdf: bytes, page: int = 1, *, min_mm: float = 8.0) -> list[Rule]:
    """Horizontal rules on `page` at least `min_mm` long, top to bottom."""
    return [r for r in _read(pdf)[3][page] if r.length >= min_mm]


def find(all_words: list[Word], phrase: str, *, exact: bool = False) -> list[Word]:
    """The runs of text that contain (or, `exact`, are) `phrase`, in drawing order."""
    return [w for w in all_words if (w.text == phrase if exact else phrase in w.text)]


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
