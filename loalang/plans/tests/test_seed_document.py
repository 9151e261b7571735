"""The Ái Thượng 2023 plan, loaded as data, renders back to the seed text paragraph by
paragraph, in DOCX and in PDF."""

from __future__ import annotations

import io
import re

import pytest
from docx import Document

from loalang.documents.readback import docx_paragraphs, pdf_fonts, pdf_text
from loalang.documents.render import render_docx, render_pdf
from loalang.plans.demo import seed_data
from loalang.plans.document import plan_document
from loalang.plans.tests.seedtext import norm, seed_paragraphs


@pytest.fixture(scope="module")
def seed_doc():
    return plan_document(seed_data())


def _in_order(expected: list[str], haystack: str) -> list[str]:
    """The expected paragraphs not found in `haystack` in this order."""
    missing, pos = [], 0
    for para in expected:
        at = haystack.find(para, pos)
        if at < 0:
            missing.append(para)
        else:
            pos = at + len(para)
    return missing


def test_seed_has_every_part_as_data():
    data = seed_data()
    assert [b["number"] for b in data["legal_bases"]] == ["65", "07"]
    assert len(data["purposes"]) == 2 and len(data["requirements"]) == 2
    assert [t["letter"] for t in data["themes"]] == ["a", "b", "c", "d", "e", "g"]
    assert [c["channel"] for c in data["channels"]] == ["portal", "radio", "event", "printed"]
    assert [a["is_standing"] for a in data["assignments"]] == [True, False, False, False]
    assert [len(a["duties"]) for a in data["assignments"]] == [7, 0, 2, 2]
    assert data["recipients"][-1] == {"name": "Lưu: VT", "purpose": ""}
    # Unknown in the source: left blank, not invented.
    assert data["number"] == "" and data["issued_on"] == ""
    assert not any(data["signer"].values())


def test_docx_matches_seed_paragraph_by_paragraph(seed_doc):
    paragraphs = [norm(p) for p in docx_paragraphs(render_docx(seed_doc)) if p.strip()]
    expected = seed_paragraphs()
    # Every DOCX paragraph after the header that carries text is a seed paragraph, in order.
    start = paragraphs.index("KẾ HOẠCH")
    body = paragraphs[start:]
    assert body == expected


def test_docx_styles_follow_decree_30(seed_doc):
    document = Document(io.BytesIO(render_docx(seed_doc)))
    by_text = {p.text: p for p in document.paragraphs}
    legal = by_text[next(t for t in by_text if t.startswith("Thực hiện Kế hoạch số 65"))]
    assert legal.runs[0].italic
    assert legal.paragraph_format.first_line_indent is not None
    assert legal.paragraph_format.space_after.pt >= 6
    assert by_text["KẾ HOẠCH"].runs[0].bold
    section = by_text["I. MỤC ĐÍCH, YÊU CẦU"]
    assert section.runs[0].bold
    # Blank number and date keep their room; no draft mark on an issued plan.
    header = document.tables[0]
    assert re.fullmatch(r"Số:\s+/KH-UBND", header.cell(1, 0).text.replace("\u00a0", " "))
    assert "năm 2023" in header.cell(1, 1).text
    assert "DỰ THẢO" not in [p.text for p in document.paragraphs]


def test_pdf_matches_seed_paragraph_by_paragraph(seed_doc):
    text = pdf_text(render_pdf(seed_doc), raw=True)
    pages = text.split("\f")
    # Drop the page number printed at the top of pages 2+ (in content-stream order it may
    # come first or last on its page).
    cleaned = [pages[0]] + [
        re.sub(r"\n\s*\d+\s*$", "", re.sub(r"^\s*\d+\s*\n", "", p, count=1), count=1)
        for p in pages[1:]
    ]
    # A line that breaks right after a word-internal hyphen ("06-⏎NQ/TU") joins without a space.
    joined = re.sub(r"(?<=\S-)\n(?=\S)", "", "\n".join(cleaned))
    flat = norm(joined)
    assert _in_order(seed_paragraphs(), flat) == []
    fonts = pdf_fonts(render_pdf(seed_doc))
    assert fonts and all(f.name.startswith(("Liberation-Serif", "Times")) for f in fonts)
