"""Decree 30 layout details, measured on our PDF and on LibreOffice's rendering of our DOCX.

Every document type Loa Làng issues (samples.DOCUMENTS: the plan, signed by the Chair and
by a Vice-Chair, and the report with its landscape annex) is rendered both ways; the checks
read where each run of text and each rule is drawn (pypdf over the content stream).

LibreOffice is required: where `soffice` is missing these tests fail with the command that
installs it (CI installs it, see .ci/run).
"""

from __future__ import annotations

import re
from functools import cache

import pytest

from loalang.documents import document as m
from loalang.documents.render import render_docx, render_pdf
from loalang.documents.tests import layout
from loalang.documents.tests.samples import DOCUMENTS

TEXT_LEFT_MM, TEXT_WIDTH_MM, LANDSCAPE_TEXT_WIDTH_MM = 30.0, 165.0, 252.0
RENDERINGS = ["pdf", "libreoffice"]


@cache
def document(name: str) -> m.OfficialDocument:
    return DOCUMENTS[name]()


@cache
def rendered(name: str, how: str) -> bytes:
    doc = document(name)
    if how == "pdf":
        return render_pdf(doc)
    if layout.soffice() is None:
        pytest.fail(layout.INSTALL_HINT)
    return layout.docx_to_pdf(render_docx(doc))


@cache
def measured(name: str, how: str) -> tuple[list[layout.Page], list[layout.Word]]:
    return layout.words(rendered(name, how))


def _issuer_rule(name: str, how: str) -> tuple[layout.Rule, tuple[float, float]]:
    """The rule under the issuing body and the body's longest printed line (x0, x1)."""
    _pages, words = measured(name, how)
    left_column = [
        r for r in layout.rules(rendered(name, how)) if r.x1 < TEXT_LEFT_MM + 70 and r.y < 60
    ]
    assert left_column, "no rule under the issuing body"
    rule = left_column[0]
    lines = layout.line_extents(words, 1, rule.y - 12, rule.y, TEXT_LEFT_MM - 2, 100)
    assert lines, "no issuer line above the rule"
    return rule, max(lines, key=lambda x: x[1] - x[0])


@pytest.mark.parametrize("how", RENDERINGS)
@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_rule_under_the_issuing_body_is_a_third_to_a_half_of_its_line(name, how):
    rule, (x0, x1) = _issuer_rule(name, how)
    line = x1 - x0
    assert line / 3 <= rule.length <= line / 2, (rule.length, line)
    assert abs((rule.x0 + rule.x1) / 2 - (x0 + x1) / 2) < 2, "rule not centred under the body"


@pytest.mark.parametrize("how", RENDERINGS)
@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_rule_under_the_title_is_a_third_to_a_half_of_the_summary_line(name, how):
    issuer_rule, _line = _issuer_rule(name, how)
    _pages, words = measured(name, how)
    below = [
        r for r in layout.rules(rendered(name, how))
        if r.y > issuer_rule.y + 10 and abs((r.x0 + r.x1) / 2 - (TEXT_LEFT_MM + 82.5)) < 5
    ]  # fmt: skip
    assert below, "no rule under the title"
    rule = below[0]
    lines = layout.line_extents(words, 1, rule.y - 10, rule.y, TEXT_LEFT_MM - 2, 200)
    summary = max(x1 - x0 for x0, x1 in lines)
    assert summary / 3 <= rule.length <= summary / 2, (rule.length, summary)


def _signature_words(name: str, how: str) -> tuple[layout.Word, layout.Word, layout.Word]:
    """'Nơi nhận:', the signer's name and the closing paragraph's last word."""
    doc = document(name)
    _pages, words = measured(name, how)
    recipients = layout.find(words, "Nơi nhận:", exact=True)
    assert doc.signature is not None
    # A draft the Chair has not signed yet has no name: its last signature line stands in.
    signer = layout.find(words, doc.signature.name or doc.signature.lines[-1], exact=True)
    closing_end = doc.closing[-1].split()[-1]
    ends = [w for w in words if w.text.endswith(closing_end)]
    assert len(recipients) == 1 and len(signer) == 1 and ends
    return recipients[0], signer[0], ends[-1]


@pytest.mark.parametrize("how", RENDERINGS)
@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_closing_recipients_and_signer_are_printed_together(name, how):
    recipients, signer, closing_end = _signature_words(name, how)
    assert recipients.page == signer.page == closing_end.page
    assert signer.y0 > recipients.y0  # the name under the titles, beside the list
    doc = document(name)
    assert doc.signature is not None
    for line in doc.signature.lines:  # TM. / KT. / title beside "Nơi nhận"
        first = layout.find(measured(name, how)[1], line, exact=True)
        assert first and first[0].page == signer.page and first[0].x0 > 95


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_word_prints_like_our_pdf_pages_and_signature_position(name):
    pages_pdf, _ = measured(name, "pdf")
    pages_lo, _ = measured(name, "libreoffice")
    assert len(pages_lo) == len(pages_pdf)
    assert [p.landscape for p in pages_lo] == [p.landscape for p in pages_pdf]
    _r, ours, _c = _signature_words(name, "pdf")
    _r, theirs, _c = _signature_words(name, "libreoffice")
    assert theirs.page == ours.page
    # About where it was: LibreOffice's justification now and then fits one more word on a
    # line, so over a page or two the text drifts by a few lines (≤ 6 lines of 14 pt).
    assert abs(theirs.y0 - ours.y0) < 35, (theirs.y0, ours.y0)
    assert abs(theirs.cx - ours.cx) < 5, (theirs.cx, ours.cx)


def _vocabulary(doc: m.OfficialDocument) -> set[str]:
    texts = [a.title.upper() for a in doc.appendices] + [a.label for a in doc.appendices]
    texts += [a.reference for a in doc.appendices]
    for appendix in doc.appendices:
        for block in appendix.body:
            texts.append(m.block_text(block))
    return {t for text in texts for t in re.split(r"[\s|]+", text) if t}


@pytest.mark.parametrize("how", RENDERINGS)
def test_landscape_annex_is_full_width_with_centred_number_and_headings(how):
    doc = document("report")
    pages, words = measured("report", how)
    land = [p for p in pages if p.landscape]
    assert land, "the report's Phụ lục II is not landscape"
    centre = TEXT_LEFT_MM + LANDSCAPE_TEXT_WIDTH_MM / 2
    vocabulary = _vocabulary(doc) | {str(p.number) for p in pages}
    for page in land:
        number = [w for w in words if w.page == page.number and w.y1 < 20]
        assert [w.text for w in number] == [str(page.number)], "page number"
        assert abs(number[0].cx - centre) < 4, ("page number off-centre", number[0].cx)
        widest = max(r.length for r in layout.rules(rendered("report", how), page.number))
        assert widest > 0.95 * LANDSCAPE_TEXT_WIDTH_MM, ("table narrower than the text", widest)
        printed = {t for w in words if w.page == page.number for t in w.text.split()}
        broken = printed - vocabulary
        assert not broken, f"words broken across lines: {sorted(broken)[:10]}"
    title = layout.find(words, "Phụ lục II", exact=True)
    assert title and title[0].page == land[0].number
    line = layout.line_extents(words, land[0].number, title[0].y0 - 1, title[0].y1 + 1, 0, 297)
    assert abs(sum(line[0]) / 2 - centre) < 4, "appendix heading off-centre"
