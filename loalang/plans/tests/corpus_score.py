"""The import corpus (tests/corpus/NN-*.txt with NN-*.json expectations) and its scoring.

Each expectation names the fields a clerk reads: header (issuer, number, symbol, issued_on,
place, type_name, title, year), every legal basis (number, kind, issued_on, issuer,
summary: five fields each), counts of purposes, requirements, themes, channels and
recipients, each section heading, each assignment's unit, the funding kinds and the signer.
A field missing from the result, or an extra legal basis, counts as wrong. The expected
files were written from the texts before the parser was tuned to them and are not edited
afterwards (see docs/benchmarks.md for the order, with commit ids).
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from loalang.core.text import fold
from loalang.plans.importer import parse_plan
from loalang.plans.importer.export import result_json
from loalang.plans.importer.sources import docx_paragraphs, paragraphs_from_text, pdf_paragraphs

CORPUS = Path(__file__).resolve().parent / "corpus"
HEADER = ("issuer", "number", "symbol", "issued_on", "place", "type_name", "title", "year")
COUNTS = ("purposes", "requirements", "themes", "channels", "recipients")
BASIS = ("number", "kind", "issued_on", "issuer", "summary")


def norm(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str):
        return " ".join(value.replace("\n", " ").split()).strip(" ;.,:")
    return value


def norm_heading(value: str) -> str:
    return fold(norm(value))


@dataclass
class Score:
    name: str
    right: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    def check(self, label: str, expected: Any, got: Any) -> None:
        self.total += 1
        if norm(expected) == norm(got):
            self.right += 1
        else:
            self.misses.append(f"{label}: expected {expected!r}, got {got!r}")


def score(name: str, expected: dict[str, Any], got: dict[str, Any]) -> Score:
    s = Score(name)
    for key in HEADER:
        if key in expected:
            s.check(key, expected[key], got.get(key))
    bases = got.get("legal_bases", [])
    for i, want in enumerate(expected.get("legal_bases", [])):
        have = bases[i] if i < len(bases) else {}
        for key in BASIS:
            s.check(f"legal_bases[{i}].{key}", want[key], have.get(key))
    for extra in bases[len(expected.get("legal_bases", [])) :]:
        s.check("legal_bases (extra)", None, extra.get("number") or extra.get("summary"))
    for key in COUNTS:
        if key in expected:
            s.check(f"{key} (count)", expected[key], len(got.get(key, [])))
    if "sections" in expected:
        headings = [norm_heading(x["heading"]) for x in got.get("sections", [])]
        for i, want in enumerate(expected["sections"]):
            s.check(f"sections[{i}]", norm_heading(want), headings[i] if i < len(headings) else "")
    if "assignments" in expected:
        units = [a["unit"] for a in got.get("assignments", [])]
        for i, want in enumerate(expected["assignments"]):
            s.check(f"assignments[{i}]", want, units[i] if i < len(units) else "")
    if "funding" in expected:
        s.check("funding", sorted(expected["funding"]), sorted(got["funding"]["sources"]))
    for key, want in expected.get("signer", {}).items():
        s.check(f"signer.{key}", want, got.get("signer", {}).get(key))
    return s


# --- building the DOCX and PDF variants from a text --------------------------------------


def build_docx(text: str) -> bytes:
    """A DOCX the way offices make them: the header in a borderless two-column table (the
    '|' rows of the text), lists as Word list paragraphs (numPr), not typed markers."""
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = Document()
    numbering = document.part.numbering_part.element
    next_id = [100]

    def new_list(abstract_of: str) -> str:
        """A fresh w:num (restarting at 1) on the abstract list the template's num uses."""
        base = numbering.find(f"{qn('w:num')}[@{qn('w:numId')}='{abstract_of}']")
        abstract_id = base.find(qn("w:abstractNumId")).get(qn("w:val"))
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), str(next_id[0]))
        ref = OxmlElement("w:abstractNumId")
        ref.set(qn("w:val"), abstract_id)
        num.append(ref)
        override = OxmlElement("w:lvlOverride")
        override.set(qn("w:ilvl"), "0")
        start = OxmlElement("w:startOverride")
        start.set(qn("w:val"), "1")
        override.append(start)
        num.append(override)
        numbering.append(num)
        next_id[0] += 1
        return num.get(qn("w:numId"))

    def listed(paragraph: Any, num_id: str) -> None:
        ppr = paragraph._p.get_or_add_pPr()
        num_pr = OxmlElement("w:numPr")
        ilvl = OxmlElement("w:ilvl")
        ilvl.set(qn("w:val"), "0")
        nid = OxmlElement("w:numId")
        nid.set(qn("w:val"), num_id)
        num_pr.append(ilvl)
        num_pr.append(nid)
        ppr.append(num_pr)

    lines = text.splitlines()
    signing = next((i for i, x in enumerate(lines) if x.startswith("Nơi nhận")), len(lines))
    lines, tail = lines[:signing], lines[signing:]
    rows = [line.split("|") for line in lines if "|" in line]
    head = rows[:3]
    table = document.add_table(rows=1, cols=2)  # no style: borderless
    for row in rows[: len(head)]:
        for cell, value in zip(table.rows[0].cells, row, strict=False):
            cell.add_paragraph(value.strip())
    numbered, bulleted = "", ""
    last_kind = ""
    for line in lines:
        if "|" in line:
            continue
        if m := re.match(r"^(\d{1,2})\.\s+(.*)$", line):
            if not numbered:
                numbered = new_list("5")
            p = document.add_paragraph(m.group(2))
            listed(p, numbered)
            last_kind = "number"
        elif m := re.match(r"^-\s+(.*)$", line):
            if last_kind != "bullet":
                bulleted = new_list("1")
            p = document.add_paragraph(m.group(1))
            listed(p, bulleted)
            last_kind = "bullet"
        else:
            document.add_paragraph(line)
            if re.match(r"^(?:PHẦN\s+)?[IVX]+\.", line):
                numbered, last_kind = "", ""
    if tail:  # 'Nơi nhận' and the signature: another two-column table
        sign = document.add_table(rows=1, cols=2)
        for line in tail:
            for cell, value in zip(sign.rows[0].cells, line.split("|"), strict=False):
                if value.strip():
                    cell.add_paragraph(value.strip())
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def build_pdf(text: str) -> bytes:
    """A PDF with a text layer (WeasyPrint), the header as a two-column table."""
    from html import escape

    from weasyprint import HTML

    rows, body = [], []
    for line in text.splitlines():
        if "|" in line:
            left, right = (escape(x.strip()) for x in line.split("|", 1))
            rows.append(f"<tr><td>{left}</td><td>{right}</td></tr>")
        else:
            body.append(f"<p>{escape(line)}</p>")
    html = (
        "<html><head><meta charset='utf-8'><style>body{font-family:'DejaVu Serif',serif;"
        "font-size:12pt} td{width:50%;text-align:center;vertical-align:top}</style></head>"
        f"<body><table>{''.join(rows)}</table>{''.join(body)}</body></html>"
    )
    return HTML(string=html).write_pdf()


def paragraphs_for(path: Path, source: str) -> list[str]:
    text = path.read_text(encoding="utf-8")
    if source == "docx":
        return docx_paragraphs(build_docx(text))
    if source == "pdf":
        return pdf_paragraphs(build_pdf(text))
    return paragraphs_from_text(text)


def corpus() -> list[tuple[Path, dict[str, Any]]]:
    items = []
    for expected in sorted(CORPUS.glob("*.json")):
        items.append((expected.with_suffix(".txt"), json.loads(expected.read_text("utf-8"))))
    return items


def run(names: set[str] | None = None) -> list[Score]:
    scores = []
    for path, expected in corpus():
        if names is not None and path.stem[:2] not in names:
            continue
        paragraphs = paragraphs_for(path, expected.get("source", "text"))
        got = result_json(parse_plan(paragraphs))
        scores.append(score(path.stem, expected, got))
    return scores
