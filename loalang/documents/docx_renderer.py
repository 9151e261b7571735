"""OfficialDocument → DOCX bytes, laid out per Decree 30/2020 Appendix I.

Word and LibreOffice both open the result: only core WordprocessingML is used (tables with an
explicit grid, paragraph borders for the short rules, a PAGE field in a header that is absent
on the first page). Officials edit these files, so styles stay plain: everything is direct
formatting on top of a Times New Roman "Normal" style.
"""

from __future__ import annotations

import io

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
    for block in doc.body:
        _block(out, block)
    for text in doc.closing:
        _para(out, text)
    _signature_block(out, doc)
    for appendix in doc.appendices:
        _appendix(out, appendix)
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
    # Page number, centred in the top margin, from page 2 on (first-page header stays empty);
    # a draft also says "DỰ THẢO" at the right of that header, so no printed page of it can
    # pass for the issued text (the first page has the boxed mark).
    header_par = section.header.paragraphs[0]
    header_par.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if doc.is_draft:
        header_par.alignment = WD_ALIGN_PARAGRAPH.LEFT
        stops = header_par.paragraph_format.tab_stops
        stops.add_tab_stop(Mm(TEXT_WIDTH_MM / 2), WD_TAB_ALIGNMENT.CENTER)
        stops.add_tab_stop(Mm(TEXT_WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT)
        header_par.add_run("\t")
    _page_field(header_par)
    if doc.is_draft:
        header_par.add_run("\t")
        _run(header_par, doc.draft_label, size=11, bold=True)
    props = out.core_properties
    props.title = doc.metadata_title[:250]
    props.author = " ".join(doc.issuer_lines)[:250]
    props.language = "vi-VN"
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "vi-VN")
    normal.element.get_or_add_rPr().append(lang)


def _set_fonts(rpr) -> None:  # type: ignore[no-untyped-def]
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
    side = max(0.0, (cell_mm - width_mm) / 2)
    par.paragraph_format.left_indent = Mm(side)
    par.paragraph_format.right_indent = Mm(side)
    _run(par, "", size=2)
    ppr = par._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(key), value)
    borders.append(top)
    ppr.append(borders)


def _text_mm(text: str, size_pt: float, bold: bool = False) -> float:
    """Rough width of a Times line (average glyph ≈ 0.47 em, bold ≈ 0.5 em)."""
    em_mm = size_pt * 0.3528
    return len(text) * em_mm * (0.5 if bold else 0.47)


def _no_borders(table) -> None:  # type: ignore[no-untyped-def]
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def _all_borders(table) -> None:  # type: ignore[no-untyped-def]
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        for key, value in (
            ("w:val", "single"),
            ("w:sz", "4"),
            ("w:space", "0"),
            ("w:color", "000000"),
        ):
            el.set(qn(key), value)
        borders.append(el)
    tbl_pr.append(borders)


def _grid(table, widths_mm: list[float]) -> None:  # type: ignore[no-untyped-def]
    """Column widths on the grid and on every cell (LibreOffice reads the grid)."""
    table.autofit = False
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths_mm, strict=False):
        col.set(qn("w:w"), str(int(width / 25.4 * 1440)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=False):
            cell.width = Mm(width)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)


def _first_par(cell: _Cell) -> DocxParagraph:
    return cell.paragraphs[0]


# --- the fixed parts --------------------------------------------------------------------


def _marks(out: DocxDocument, doc: m.OfficialDocument) -> None:
    for text in (doc.draft_label, doc.urgency):
        if not text:
            continue
        par = _fmt(out.add_paragraph(), align="right", after=4)
        _run(par, text, size=13, bold=True)
        ppr = par._p.get_or_add_pPr()
        borders = OxmlElement("w:pBdr")
        for edge in ("top", "left", "bottom", "right"):
            el = OxmlElement(f"w:{edge}")
            for key, value in (
                ("w:val", "single"),
                ("w:sz", "8"),
                ("w:space", "2"),
                ("w:color", "000000"),
            ):
                el.set(qn(key), value)
            borders.append(el)
        ppr.insert(0, borders)
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
    longest = max((_text_mm(x, 13, True) for x in doc.issuer_lines), default=30)
    _rule(left, max(18.0, longest / 2.5), HEADER_LEFT_MM)
    _run(_fmt(_first_par(right)), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12.5, bold=True)
    motto = "Độc lập - Tự do - Hạnh phúc"
    _run(_fmt(right.add_paragraph()), motto, size=13.5, bold=True)
    _rule(right, _text_mm(motto, 13.5, True), HEADER_RIGHT_MM)
    _run(_fmt(_first_par(table.cell(1, 0)), before=4), doc.number_line, size=13)
    _run(_fmt(_first_par(table.cell(1, 1)), before=4), doc.place_date_line, size=14, italic=True)


def _title_block(out: DocxDocument, doc: m.OfficialDocument) -> None:
    par = _fmt(out.add_paragraph(), before=18)
    _run(par, doc.type_name.upper(), bold=True)
    lines = [s for s in doc.summary.split("\n") if s.strip()]
    for line in lines:
        _run(_fmt(out.add_paragraph()), line.strip(), bold=True)
    width = max((_text_mm(x, 14, True) for x in lines), default=40)
    rule_holder = _fmt(out.add_paragraph(), after=12)
    side = max(0.0, (TEXT_WIDTH_MM - max(25.0, width / 2.5)) / 2)
    rule_holder.paragraph_format.left_indent = Mm(side)
    rule_holder.paragraph_format.right_indent = Mm(side)
    _run(rule_holder, "", size=2)
    ppr = rule_holder._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(key), value)
    borders.append(top)
    ppr.append(borders)


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


def _block(out: DocxDocument | _Cell, block: m.Block) -> None:
    if isinstance(block, m.Part):
        _run(_fmt(out.add_paragraph(), before=6), f"Phần {block.number}", bold=True)
        _run(_fmt(out.add_paragraph(), after=6), block.title.upper(), bold=True)
    elif isinstance(block, m.Section):
        par = _fmt(out.add_paragraph(), align="justify", indent=True, after=6, before=6, line=1.15)
        _run(par, f"{block.number}. {block.title.upper()}", bold=True)
    elif isinstance(block, m.Clause):
        par = _fmt(out.add_paragraph(), align="justify", indent=True, after=6, line=1.15)
        head = f"{block.number}. {block.title}".strip() if block.title else f"{block.number}."
        _run(par, head, bold=bool(block.title))
        if block.text:
            _run(par, f" {block.text}")
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
        _run(_fmt(out.add_paragraph(), after=4), block.caption, size=13, bold=True)
    ncols = len(block.columns)
    table = out.add_table(rows=1 + len(block.rows), cols=ncols)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _all_borders(table)
    widths = block.widths_mm or [width_mm / ncols] * ncols
    _grid(table, widths)
    for i, text in enumerate(block.columns):
        _run(_fmt(_first_par(table.cell(0, i))), text, size=12, bold=True)
    # Header row repeats on every page.
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    tr_pr.append(header)
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
        else:
            for _ in range(4):
                right.add_paragraph()
        _run(_fmt(right.add_paragraph()), sig.name, bold=True)


def _appendix(out: DocxDocument, appendix: m.Appendix) -> None:
    new = out.add_section()
    new.different_first_page_header_footer = False  # appendix pages keep their number
    if appendix.landscape:
        new.orientation = WD_ORIENT.LANDSCAPE
        new.page_width, new.page_height = Mm(297), Mm(210)
    width = (297 if appendix.landscape else 210) - 45
    _run(_fmt(out.add_paragraph()), appendix.label, bold=True)
    _run(_fmt(out.add_paragraph()), appendix.title.upper(), bold=True)
    if appendix.reference:
        _run(_fmt(out.add_paragraph(), after=12), appendix.reference, italic=True)
    for block in appendix.body:
        if isinstance(block, m.Table):
            _table(out, block, width_mm=width)
        else:
            _block(out, block)
