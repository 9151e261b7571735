"""OfficialDocument → DOCX bytes, laid out per Decree 30/2020 Appendix I.

Word and LibreOffice both open the result: only core WordprocessingML is used (tables with an
explicit grid, paragraph borders for the short rules, a PAGE field in a header that is absent
on the first page). Officials edit these files, so styles stay plain: everything is direct
formatting on top of a Times New Roman "Normal" style.
"""

from __future__ import annotations

import io
from functools import lru_cache

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from loalang.documents import document as m

FONT = "Times New Roman"
BODY_PT = 14
INDENT = Mm(12.7)
ALIGN = {
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}
TEXT_WIDTH_MM = 210 - 30 - 15
HEADER_LEFT_MM = 65.0
HEADER_RIGHT_MM = TEXT_WIDTH_MM - HEADER_LEFT_MM
LANDSCAPE_TEXT_WIDTH_MM = 297 - 30 - 15
# Decree 30/2020 App. I: the rule under the issuing body and under the summary is 1/3–1/2
# of the line above it. We draw 2/5.
RULE_SHARE = 0.4


def render_docx(doc: m.OfficialDocument) -> bytes:
    """The document as a .docx file. Pure: reads only `doc`."""
    out = Document()
    _setup(out, doc)
    if doc.is_draft or doc.urgency:
        _marks(out, doc)
    _header_block(out, doc)
    _title_block(out, doc)
    if doc.recipients_to:
        _kinh_gui(out, doc.recipients_to)
    _blocks(out, doc.body)
    # The closing paragraph goes with "Nơi nhận" and the signature (one unsplittable row):
    # no page ever holds only the recipients or only the signer.
    for text in doc.closing:
        _keep_with_next(_para(out, text))
    _signature_block(out, doc)
    for appendix in doc.appendices:
        _appendix(out, appendix, doc)
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()


# --- page, styles -----------------------------------------------------------------------


def _setup(out: DocxDocument, doc: m.OfficialDocument) -> None:
    section = out.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.orientation = WD_ORIENT.PORTRAIT
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = Mm(10)
    section.different_first_page_header_footer = True
    normal = out.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    _set_fonts(normal.element.get_or_add_rPr())
    pf = normal.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    pf.line_spacing = 1.0
    _page_header(section, doc, TEXT_WIDTH_MM)
    props = out.core_properties
    props.title = doc.metadata_title[:250]
    props.author = " ".join(doc.issuer_lines)[:250]
    props.language = "vi-VN"
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "vi-VN")
    _insert(normal.element.get_or_add_rPr(), lang, *AFTER_LANG)


def _page_header(section, doc: m.OfficialDocument, width_mm: float) -> None:
    """Page number centred over the text (`width_mm`) in the top margin, from page 2 on (the
    first-page header stays empty); a draft also says "DỰ THẢO" at the right of that header,
    so no printed page of it can pass for the issued text (page 1 has the boxed mark)."""
    header_par = section.header.paragraphs[0]
    header_par.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if doc.is_draft:
        header_par.alignment = WD_ALIGN_PARAGRAPH.LEFT
        stops = header_par.paragraph_format.tab_stops
        stops.add_tab_stop(Mm(width_mm / 2), WD_TAB_ALIGNMENT.CENTER)
        stops.add_tab_stop(Mm(width_mm), WD_TAB_ALIGNMENT.RIGHT)
        header_par.add_run("\t")
    _page_field(header_par)
    if doc.is_draft:
        header_par.add_run("\t")
        _run(header_par, doc.draft_label, size=11, bold=True)


def _set_fonts(rpr) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def _page_field(par: DocxParagraph) -> None:
    run = par.add_run()
    run.font.size = Pt(14)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2")):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text == " PAGE ":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        else:
            el = OxmlElement("w:t")
            el.text = text
        run._r.append(el)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(end)


# --- small helpers ----------------------------------------------------------------------


def _run(
    par: DocxParagraph,
    text: str,
    *,
    size: float = BODY_PT,
    bold: bool = False,
    italic: bool = False,
) -> None:
    run = par.add_run(text)
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    run.font.name = FONT
    _set_fonts(run._r.get_or_add_rPr())


def _fmt(
    par: DocxParagraph,
    *,
    align: str = "center",
    indent: bool = False,
    after: float = 0,
    before: float = 0,
    line: float = 1.0,
) -> DocxParagraph:
    par.alignment = ALIGN[align]
    pf = par.paragraph_format
    pf.first_line_indent = INDENT if indent else None
    pf.space_after = Pt(after)
    pf.space_before = Pt(before)
    pf.line_spacing = line
    return par


def _para(
    out: DocxDocument | _Cell,
    text: str,
    *,
    italic: bool = False,
    bold: bool = False,
    align: str = "justify",
    size: float = BODY_PT,
) -> DocxParagraph:
    par = _fmt(out.add_paragraph(), align=align, indent=align == "justify", after=6, line=1.15)
    _run(par, text, size=size, bold=bold, italic=italic)
    return par


def _rule(cell: _Cell, width_mm: float, cell_mm: float) -> None:
    """A short solid rule, centred: an empty paragraph with a top border and side indents."""
    par = _fmt(cell.add_paragraph(), align="center")
    side = max(0.0, (cell_mm - width_mm) / 2)  # layout cells have no margins
    par.paragraph_format.left_indent = Mm(side)
    par.paragraph_format.right_indent = Mm(side)
    _rule_line(par)


def _text_mm(text: str, size_pt: float, bold: bool = False) -> float:
    """Width of one line of Times New Roman at `size_pt`, in mm: measured with the
    metric-compatible Liberation Serif where it is installed, else estimated."""
    font = _metric_font(bold)
    if font is not None:
        return float(font.getlength(text)) / 1000 * size_pt * 0.3528
    em_mm = size_pt * 0.3528
    return len(text) * em_mm * (0.5 if bold else 0.47)


@lru_cache(maxsize=2)
def _metric_font(bold: bool):
    """Liberation Serif (same advance widths as Times New Roman) at 1000 units per em."""
    import shutil
    import subprocess

    from PIL import ImageFont

    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return None
    pattern = "Liberation Serif:bold" if bold else "Liberation Serif"
    try:
        path = subprocess.run(  # noqa: S603 - fixed local tool, fixed arguments
            [fc_match, "-f", "%{file}", pattern], capture_output=True, text=True, check=True
        ).stdout.strip()
        if "Liberation" not in path:
            return None
        return ImageFont.truetype(path, 1000)
    except (OSError, subprocess.CalledProcessError):
        return None


def _insert(parent, child, *successors: str) -> None:
    """Put `child` where ECMA-376 wants it: before the first of `successors` present."""
    parent.insert_element_before(child, *successors)


# Successors of the children we add ourselves (ECMA-376 Part 1, CT_PPrBase and CT_TblPr).
AFTER_PBDR = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
AFTER_TBLW = ("w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd", "w:tblLayout",
              "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription")  # fmt: skip
AFTER_TBLBORDERS = AFTER_TBLW[4:]
AFTER_TBLLAYOUT = AFTER_TBLW[6:]
AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")


def _border(par: DocxParagraph, edges: dict[str, dict[str, str]]) -> None:
    ppr = par._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    for edge, attrs in edges.items():
        el = OxmlElement(f"w:{edge}")
        for key, value in attrs.items():
            el.set(qn(key), value)
        borders.append(el)
    _insert(ppr, borders, *AFTER_PBDR)


RULE = {"w:val": "single", "w:sz": "6", "w:space": "1", "w:color": "000000"}


def _rule_line(par: DocxParagraph) -> None:
    """An empty paragraph 2 pt high whose top border is the rule (the PDF draws a border
    with no line of its own, so the text below starts at the same height)."""
    par.paragraph_format.line_spacing = Pt(2)
    _run(par, "", size=2)
    mark = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "4")
    mark.append(size)
    _insert(par._p.get_or_add_pPr(), mark, "w:sectPr", "w:pPrChange")
    _border(par, {"top": RULE})


def _keep_with_next(par: DocxParagraph) -> None:
    par.paragraph_format.keep_with_next = True


def _table_borders(table, attrs: dict[str, str]) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        for key, value in attrs.items():
            el.set(qn(key), value)
        borders.append(el)
    _insert(tbl_pr, borders, *AFTER_TBLBORDERS)


def _no_borders(table) -> None:
    """A layout table (header, signature): no borders and no cell margins, as in the PDF."""
    _table_borders(table, {"w:val": "nil"})
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), "0")
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    _insert(table._tbl.tblPr, margins, "w:tblLook", "w:tblCaption", "w:tblDescription")


def _all_borders(table) -> None:
    _table_borders(table, {"w:val": "single", "w:sz": "4", "w:space": "0", "w:color": "000000"})


def _twips(mm: float) -> str:
    return str(round(mm / 25.4 * 1440))


def _grid(table, widths_mm: list[float]) -> None:
    """Column widths on the grid, on every cell and as the table's width (LibreOffice reads
    the grid; Word the cells); a fixed layout so neither re-flows the columns."""
    table.autofit = False  # python-docx writes the one w:tblLayout type="fixed"
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths_mm, strict=False):
        col.set(qn("w:w"), _twips(width))
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=False):
            cell.width = Mm(width)
    tbl_pr = table._tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        _insert(tbl_pr, tbl_w, *AFTER_TBLW)
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), _twips(sum(widths_mm)))


def _first_par(cell: _Cell) -> DocxParagraph:
    return cell.paragraphs[0]


# --- the fixed parts --------------------------------------------------------------------


def _marks(out: DocxDocument, doc: m.OfficialDocument) -> None:
    for text in (doc.draft_label, doc.urgency):
        if not text:
            continue
        par = _fmt(out.add_paragraph(), align="right", after=4)
        _run(par, text, size=13, bold=True)
        box = {"w:val": "single", "w:sz": "8", "w:space": "2", "w:color": "000000"}
        _border(par, {edge: box for edge in ("top", "left", "bottom", "right")})
        par.paragraph_format.left_indent = Mm(TEXT_WIDTH_MM - 35)


def _header_block(out: DocxDocument, doc: m.OfficialDocument) -> None:
    table = out.add_table(rows=2, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(table)
    _grid(table, [HEADER_LEFT_MM, HEADER_RIGHT_MM])
    left, right = table.cell(0, 0), table.cell(0, 1)
    first = True
    for line in doc.parent_lines:
        par = _first_par(left) if first else left.add_paragraph()
        _run(_fmt(par), line.upper(), size=13)
        first = False
    for line in doc.issuer_lines:
        par = _first_par(left) if first else left.add_paragraph()
        _run(_fmt(par), line.upper(), size=13, bold=True)
        first = False
    longest = max((_text_mm(x.upper(), 13, True) for x in doc.issuer_lines), default=30)
    _rule(left, longest * RULE_SHARE, HEADER_LEFT_MM)
    _run(_fmt(_first_par(right)), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12.5, bold=True)
    motto = "Độc lập - Tự do - Hạnh phúc"
    _run(_fmt(right.add_paragraph()), motto, size=13.5, bold=True)
    _rule(right, _text_mm(motto, 13.5, True), HEADER_RIGHT_MM)
    _run(_fmt(_first_par(table.cell(1, 0)), before=4), doc.number_line, size=13)
    _run(_fmt(_first_par(table.cell(1, 1)), before=4), doc.place_date_line, size=14, italic=True)


def _title_block(out: DocxDocument, doc: m.OfficialDocument) -> None:
    par = _fmt(out.add_paragraph(), before=18)
    _run(par, doc.type_name.upper(), bold=True)
    _keep_with_next(par)
    lines = [s for s in doc.summary.split("\n") if s.strip()]
    for line in lines:
        summary = _fmt(out.add_paragraph())
        _run(summary, line.strip(), bold=True)
        _keep_with_next(summary)
    # A long summary wraps: the widest printed line is at most the text width.
    width = min(TEXT_WIDTH_MM, max((_text_mm(x, 14, True) for x in lines), default=40))
    rule_holder = _fmt(out.add_paragraph(), after=12)
    side = max(0.0, (TEXT_WIDTH_MM - width * RULE_SHARE) / 2)
    rule_holder.paragraph_format.left_indent = Mm(side)
    rule_holder.paragraph_format.right_indent = Mm(side)
    _rule_line(rule_holder)


def _kinh_gui(out: DocxDocument, recipients: list[str]) -> None:
    if len(recipients) == 1:
        par = _fmt(out.add_paragraph(), after=6)
        _run(par, f"Kính gửi: {recipients[0]}")
        return
    label = "Kính gửi:"
    par = _fmt(out.add_paragraph(), align="left")
    par.paragraph_format.left_indent = Mm(40)
    _run(par, label)
    for text in recipients:
        line = _fmt(out.add_paragraph(), align="left")
        line.paragraph_format.left_indent = Mm(40 + _text_mm(label, 14))
        _run(line, f"- {text}")
    out.paragraphs[-1].paragraph_format.space_after = Pt(6)


# --- body blocks ------------------------------------------------------------------------


def _blocks(out: DocxDocument, blocks: list[m.Block], width_mm: float = TEXT_WIDTH_MM) -> None:
    """Blocks in order; a heading, or the line just before a table (its caption), is kept on
    the page of what follows it."""
    for i, block in enumerate(blocks):
        following = blocks[i + 1] if i + 1 < len(blocks) else None
        if isinstance(block, m.Table):
            _table(out, block, width_mm=width_mm)
            continue
        _block(out, block)
        if isinstance(following, m.Table) and isinstance(block, (m.Paragraph, m.Clause)):
            _keep_with_next(out.paragraphs[-1])


def _block(out: DocxDocument | _Cell, block: m.Block) -> None:
    if isinstance(block, m.Part):
        part = _fmt(out.add_paragraph(), before=6)
        _run(part, f"Phần {block.number}", bold=True)
        _keep_with_next(part)
        title = _fmt(out.add_paragraph(), after=6)
        _run(title, block.title.upper(), bold=True)
        _keep_with_next(title)
    elif isinstance(block, m.Section):
        par = _fmt(out.add_paragraph(), align="justify", indent=True, after=6, before=6, line=1.15)
        _run(par, f"{block.number}. {block.title.upper()}", bold=True)
        _keep_with_next(par)
    elif isinstance(block, m.Clause):
        par = _fmt(out.add_paragraph(), align="justify", indent=True, after=6, line=1.15)
        head = f"{block.number}. {block.title}".strip() if block.title else f"{block.number}."
        _run(par, head, bold=bool(block.title))
        if block.text:
            _run(par, f" {block.text}")
        elif block.title:
            _keep_with_next(par)  # a heading
    elif isinstance(block, m.Point):
        _para(out, f"{block.letter}) {block.text}")
    elif isinstance(block, m.Bullet):
        _para(out, f"{block.marker} {block.text}")
    elif isinstance(block, m.LegalBasis):
        _para(out, block.text, italic=True)
    elif isinstance(block, m.Paragraph):
        _para(out, block.text, italic=block.italic, bold=block.bold, align=block.align)
    elif isinstance(block, m.Table):
        _table(out, block)
    elif isinstance(block, m.Image):
        par = _fmt(out.add_paragraph(), after=6)
        par.add_run().add_picture(io.BytesIO(block.png), width=Mm(block.width_mm))
        if block.caption:
            _run(_fmt(out.add_paragraph(), after=6), block.caption, size=13, italic=True)
    elif isinstance(block, m.PageBreak):
        out.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _table(out: DocxDocument | _Cell, block: m.Table, width_mm: float = TEXT_WIDTH_MM) -> None:
    if block.caption:
        caption = _fmt(out.add_paragraph(), after=4)
        _run(caption, block.caption, size=13, bold=True)
        _keep_with_next(caption)
    ncols = len(block.columns)
    table = out.add_table(rows=1 + len(block.rows), cols=ncols)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _all_borders(table)
    _grid(table, m.table_widths(block, width_mm, fill=width_mm > TEXT_WIDTH_MM))
    for i, text in enumerate(block.columns):
        _run(_fmt(_first_par(table.cell(0, i))), text, size=12, bold=True)
    # Header row repeats on every page; no row is split across two pages.
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for row_el in table.rows:
        row_el._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    for r, row in enumerate(block.rows, start=1):
        for c, text in enumerate(row[:ncols]):
            align = "right" if c in block.numeric_columns else "left"
            _run(_fmt(_first_par(table.cell(r, c)), align=align), str(text), size=12)
    out.add_paragraph()


# --- signature, recipients, appendices --------------------------------------------------


def _signature_block(out: DocxDocument, doc: m.OfficialDocument) -> None:
    if not (doc.signature or doc.distribution):
        return
    table = out.add_table(rows=1, cols=2)
    _no_borders(table)
    _grid(table, [80.0, TEXT_WIDTH_MM - 80.0])
    # The recipients and the signature move to the next page together, never split.
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.cell(0, 0), table.cell(0, 1)
    if doc.distribution:
        par = _fmt(_first_par(left), align="left", before=6)
        _run(par, "Nơi nhận:", size=12, bold=True, italic=True)
        for line in doc.distribution:
            _run(_fmt(left.add_paragraph(), align="left"), f"- {line}", size=11)
    sig = doc.signature
    if sig:
        first = True
        for line in sig.lines:
            par = _first_par(right) if first else right.add_paragraph()
            _run(_fmt(par, before=6 if first else 0), line.upper(), bold=True)
            first = False
        pictures = [p for p in (sig.signature_png, sig.seal_png) if p]
        if pictures:
            par = _fmt(right.add_paragraph(), before=6, after=6)
            for png in pictures:
                par.add_run().add_picture(io.BytesIO(png), height=Mm(28))
        else:  # room to sign and stamp: 28 mm, as in the PDF
            space = _fmt(right.add_paragraph())
            space.paragraph_format.line_spacing = Mm(28)
        _run(_fmt(right.add_paragraph()), sig.name, bold=True)


def _appendix(out: DocxDocument, appendix: m.Appendix, doc: m.OfficialDocument) -> None:
    """An appendix starts a section of its own: a landscape one gets A4 landscape with its
    own header, so the page number stays centred over the wider text; tables use the full
    text width of the orientation."""
    new = out.add_section()
    new.different_first_page_header_footer = False  # appendix pages keep their number
    if appendix.landscape:
        new.orientation = WD_ORIENT.LANDSCAPE
        new.page_width, new.page_height = Mm(297), Mm(210)
    else:
        new.orientation = WD_ORIENT.PORTRAIT
        new.page_width, new.page_height = Mm(210), Mm(297)
    new.top_margin = new.bottom_margin = Mm(20)
    new.left_margin, new.right_margin = Mm(30), Mm(15)
    width = LANDSCAPE_TEXT_WIDTH_MM if appendix.landscape else TEXT_WIDTH_MM
    new.header.is_linked_to_previous = False
    _page_header(new, doc, width)
    label = _fmt(out.add_paragraph())
    _run(label, appendix.label, bold=True)
    _keep_with_next(label)
    title = _fmt(out.add_paragraph())
    _run(title, appendix.title.upper(), bold=True)
    _keep_with_next(title)
    if appendix.reference:
        reference = _fmt(out.add_paragraph(), after=12)
        _run(reference, appendix.reference, italic=True)
        _keep_with_next(reference)
    _blocks(out, appendix.body, width_mm=width)
