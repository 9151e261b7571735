"""Our DOCX follows the element order of ECMA-376 (Office Open XML, Part 1) for every element
we write, in every document type: Word "repairs" (or refuses) files whose properties come
in another order, e.g. w:pBdr after w:spacing, or a table with two w:tblLayout.

The sequences below are the schema's xsd:sequence for the property elements WordprocessingML
documents use (wml.xsd: CT_PPrBase + CT_PPr, CT_RPr, CT_TblPr, CT_TcPr, CT_SectPr, CT_Tbl,
CT_Row, CT_P, CT_R, CT_Body, CT_Style). Children not listed are extensions we never write
and would fail the check.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree

from loalang.documents.render import render_docx
from loalang.documents.tests.samples import DOCUMENTS

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

PPR = [
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
    "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap",
    "jc", "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId",
    "cnfStyle", "rPr", "sectPr", "pPrChange",
]  # fmt: skip
RPR = [
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
    "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden",
    "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect",
    "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout",
    "specVanish", "oMath", "rPrChange",
]  # fmt: skip
TBLPR = [
    "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
    "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd",
    "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription", "tblPrChange",
]  # fmt: skip
TCPR = [
    "cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
    "textDirection", "tcFitText", "vAlign", "hideMark", "headers", "cellIns", "cellDel",
    "cellMerge", "tcPrChange",
]  # fmt: skip
SECTPR = [
    "headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar",
    "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign",
    "noEndnote", "titlePg", "textDirection", "bidi", "rtlGutter", "docGrid",
    "printerSettings", "sectPrChange",
]  # fmt: skip
PBDR = ["top", "left", "bottom", "right", "between", "bar"]
TBLBORDERS = ["top", "left", "start", "bottom", "right", "end", "insideH", "insideV"]
STYLE = [
    "name", "aliases", "basedOn", "next", "link", "autoRedefine", "hidden", "uiPriority",
    "semiHidden", "unhideWhenUsed", "qFormat", "locked", "personal", "personalCompose",
    "personalReply", "rsid", "pPr", "rPr", "tblPr", "trPr", "tcPr", "tblStylePr",
]  # fmt: skip
# name → (order, children that may repeat)
SEQUENCES: dict[str, tuple[list[str], set[str]]] = {
    "pPr": (PPR, set()),
    "rPr": (RPR, set()),
    "tblPr": (TBLPR, set()),
    "tcPr": (TCPR, set()),
    "sectPr": (SECTPR, {"headerReference", "footerReference"}),
    "pBdr": (PBDR, set()),
    "tblBorders": (TBLBORDERS, set()),
    "tcBorders": ([*TBLBORDERS, "tl2br", "tr2bl"], set()),
    "style": (STYLE, {"tblStylePr"}),
    "tbl": (["tblPr", "tblGrid", "tr"], {"tr"}),
    "tr": (["tblPrEx", "trPr", "tc"], {"tc"}),
    "tc": (["tcPr", "p", "tbl"], {"p", "tbl"}),
}
# Where an element is first of its parent: w:p starts with w:pPr, w:r with w:rPr, the body
# ends with its w:sectPr.
FIRST = {"p": "pPr", "r": "rPr"}


def order_problems(xml: bytes) -> list[str]:
    """Every element whose children break the ECMA-376 sequence, as readable lines."""
    root = etree.fromstring(xml)
    problems = []
    for el in root.iter():
        if not isinstance(el.tag, str) or not el.tag.startswith(W):
            continue
        name = el.tag[len(W) :]
        children = [c.tag[len(W) :] for c in el if isinstance(c.tag, str) and c.tag.startswith(W)]
        if name in SEQUENCES:
            order, repeatable = SEQUENCES[name]
            # tbl and tc mix p/tbl freely after their properties
            if name == "tc":
                children = [c if c not in {"p", "tbl"} else "p" for c in children]
            if name in {"tc", "tbl", "tr"}:
                children = [c for i, c in enumerate(children)
                            if i == 0 or c != children[i - 1] or c not in repeatable]  # fmt: skip
            unknown = [c for c in children if c not in order]
            if unknown:
                problems.append(f"w:{name} has unexpected {unknown}")
                continue
            positions = [order.index(c) for c in children]
            if positions != sorted(positions):
                problems.append(f"w:{name} children out of order: {children}")
            duplicates = {c for c in children if children.count(c) > 1} - repeatable
            if duplicates:
                problems.append(f"w:{name} repeats {sorted(duplicates)}: {children}")
        if name in FIRST and FIRST[name] in children and children[0] != FIRST[name]:
            problems.append(f"w:{name} does not start with w:{FIRST[name]}: {children}")
        if name == "body" and "sectPr" in children and children[-1] != "sectPr":
            problems.append("w:body does not end with its w:sectPr")
    return problems


def docx_parts(docx: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        return {
            name: z.read(name)
            for name in z.namelist()
            if name.startswith("word/") and name.endswith(".xml")
            and name.split("/")[-1].startswith(("document", "styles", "header", "footer"))
        }  # fmt: skip


def test_order_checker_catches_what_word_repairs():
    bad = (
        f'<w:document xmlns:w="{W[1:-1]}"><w:body><w:p><w:pPr><w:spacing w:after="0"/>'
        "<w:pBdr><w:top w:val='single'/></w:pBdr></w:pPr></w:p><w:tbl><w:tblPr>"
        "<w:tblLayout w:type='fixed'/><w:tblLayout w:type='fixed'/></w:tblPr><w:tblGrid/>"
        "</w:tbl><w:sectPr/></w:body></w:document>"
    ).encode()
    problems = order_problems(bad)
    assert any("w:pPr children out of order" in p for p in problems)
    assert any("w:tblPr repeats ['tblLayout']" in p for p in problems)


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_docx_elements_follow_the_schema_order(name):
    parts = docx_parts(render_docx(DOCUMENTS[name]()))
    assert "word/document.xml" in parts and any(p.startswith("word/header") for p in parts)
    problems = {part: order_problems(xml) for part, xml in parts.items()}
    assert {part: found for part, found in problems.items() if found} == {}
