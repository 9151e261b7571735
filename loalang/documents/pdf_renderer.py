"""OfficialDocument → PDF bytes through WeasyPrint (HTML + print CSS).

Times New Roman is asked for first; where it is absent (Debian) the metric-compatible
Liberation Serif from fonts-liberation2 is used and embedded, so line breaks match the DOCX.
The renderer never fetches anything: images travel as data: URIs and every other URL is refused.
"""

from __future__ import annotations

import base64
import html
import logging
from functools import lru_cache
from pathlib import Path

from loalang.documents import document as m

CSS_PATH = Path(__file__).resolve().parents[2] / "static" / "css" / "documents.css"


def render_pdf(doc: m.OfficialDocument) -> bytes:
    """The document as a PDF. Pure: reads only `doc`; never fetches a URL."""
    from weasyprint import CSS as WCSS
    from weasyprint import HTML

    html_text = render_html(doc)
    sheets = [_stylesheet(WCSS)] + ([_draft_sheet(WCSS)] if doc.is_draft else [])
    return HTML(string=html_text, url_fetcher=_fetcher()).write_pdf(
        stylesheets=sheets, font_config=_font_config()
    )


# A printed draft page must never pass for the issued text: "DỰ THẢO" in the top right margin
# of every page after the first (the first carries the boxed mark above the header block).
DRAFT_CSS = """
@page { @top-right { content: "DỰ THẢO"; font: bold 11pt "Times New Roman", "Liberation Serif",
  serif; vertical-align: middle; } }
@page :first { @top-right { content: none; } }
"""


@lru_cache(maxsize=1)
def _draft_sheet(css_class):
    return css_class(string=DRAFT_CSS, font_config=_font_config())


@lru_cache(maxsize=1)
def _font_config():
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


@lru_cache(maxsize=1)
def _stylesheet(css_class):
    return css_class(string=CSS_PATH.read_text(encoding="utf-8"), font_config=_font_config())


@lru_cache(maxsize=1)
def _fetcher():
    from weasyprint.urls import URLFetcher

    # data: URIs only (embedded images); http, https and file are refused.
    return URLFetcher(allowed_protocols={"data"}, allow_redirects=False, timeout=1)


# WeasyPrint logs every layout step at INFO; one line per page per render is noise here.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

MM_PER_PX = 25.4 / 96


def e(text: str) -> str:
    return html.escape(text, quote=True)


def render_html(doc: m.OfficialDocument) -> str:
    """The print HTML the PDF is made from (also usable as an on-screen preview)."""
    parts: list[str] = [
        "<!doctype html><html lang='vi'><head><meta charset='utf-8'>",
        f"<title>{e(doc.metadata_title)}</title>",
        f"<style>{_column_css(doc)}</style>",
        f"<meta name='author' content='{e(' '.join(doc.issuer_lines))}'></head><body>",
        render_body_html(doc),
        "</body></html>",
    ]
    return "".join(parts)


def render_body_html(doc: m.OfficialDocument) -> str:
    """The document inside `<div class="od">` (styled by static/css/documents.css); the
    staff preview page shows exactly this, so screen and PDF never drift apart."""
    parts: list[str] = ["<div class='od'>"]
    marks = [x for x in (doc.draft_label, doc.urgency) if x]
    if marks:
        parts.append(
            "<p class='marks'>"
            + "".join(f"<span class='mark'>{e(x)}</span>" for x in marks)
            + "</p>"
        )
    parts.append(_header(doc))
    parts.append(f"<p class='type'>{e(doc.type_name.upper())}</p>")
    # The summary sits in a box as wide as its widest line; the rule under it is 2/5 of that.
    summary = "".join(
        f"<p class='summary'>{e(line)}</p>"
        for line in (s.strip() for s in doc.summary.split("\n"))
        if line
    )
    parts.append(
        f"<div class='title'><div class='title-box'>{summary}"
        "<div class='summary-rule'></div></div></div>"
    )
    if doc.recipients_to:
        parts.append(_kinh_gui(doc.recipients_to))
    counter = iter(range(1, 10_000))

    def many(blocks: list[m.Block]) -> str:
        out = []
        for i, block in enumerate(blocks):
            table_no = next(counter) if isinstance(block, m.Table) else 0
            html_block = body_html(block, table_no)
            following = blocks[i + 1] if i + 1 < len(blocks) else None
            if isinstance(following, m.Table) and isinstance(block, (m.Paragraph, m.Clause)):
                html_block = html_block.replace("<p class='", "<p class='keep ", 1)
            out.append(html_block)
        return "".join(out)

    parts.append(many(doc.body))
    # The closing paragraph goes with "Nơi nhận" and the signature: no page ever holds only
    # the recipients or only the signer.
    closing = "".join(f"<p class='b'>{e(text)}</p>" for text in doc.closing)
    parts.append(f"<div class='closing-sign'>{closing}{_signature(doc)}</div>")
    for appendix in doc.appendices:
        parts.append(_appendix(appendix, many))
    parts.append("</div>")
    return "".join(parts)


def _header(doc: m.OfficialDocument) -> str:
    left = "".join(f"<div class='issuer-parent'>{e(x.upper())}</div>" for x in doc.parent_lines)
    # The issuer's lines sit in a box as wide as the widest of them; the rule under them is
    # 2/5 of that width (Decree 30/2020 Appendix I, box 2: 1/3–1/2 of the line).
    issuer = "".join(f"<div class='issuer'>{e(x.upper())}</div>" for x in doc.issuer_lines)
    left += f"<div class='issuer-box'>{issuer}<div class='rule'></div></div>"
    right = (
        "<div class='motto1'>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div>"
        "<div class='motto2'>Độc lập - Tự do - Hạnh phúc</div>"
    )
    return (
        "<table class='head'><tr>"
        f"<td class='h-left'>{left}</td><td>{right}</td></tr>"
        f"<tr><td class='num'>{e(doc.number_line)}</td>"
        f"<td class='date'>{e(doc.place_date_line)}</td></tr></table>"
    )


def _kinh_gui(recipients: list[str]) -> str:
    if len(recipients) == 1:
        return f"<p class='kg b center'>Kính gửi: {e(recipients[0])}</p>"
    lines = "".join(f"<p>- {e(r)}</p>" for r in recipients)
    return f"<div class='kg kg-many'><p class='kg-label'>Kính gửi:</p>{lines}</div>"


def _tables(doc: m.OfficialDocument) -> list[m.Table]:
    blocks = list(doc.body) + [b for a in doc.appendices for b in a.body]
    return [b for b in blocks if isinstance(b, m.Table)]


TEXT_WIDTH_MM = 210 - 30 - 15
LANDSCAPE_TEXT_WIDTH_MM = 297 - 30 - 15


def _column_css(doc: m.OfficialDocument) -> str:
    """Column widths for the PDF only: the preview lets the browser size columns, which
    keeps the fragment free of style attributes (strict CSP). A table in a landscape
    appendix spreads over the landscape text width."""
    landscape = {id(b) for a in doc.appendices if a.landscape for b in a.body}
    rules = []
    for n, table in enumerate(_tables(doc), start=1):
        if not table.widths_mm:
            continue
        wide = id(table) in landscape
        widths = m.table_widths(
            table, LANDSCAPE_TEXT_WIDTH_MM if wide else TEXT_WIDTH_MM, fill=wide
        )
        for i, width in enumerate(widths, start=1):
            rules.append(f".od #odt{n} col:nth-child({i}) {{ width: {width:.1f}mm; }}")
    return "\n".join(rules)


def body_html(block: m.Block, table_no: int = 0) -> str:
    if isinstance(block, m.Part):
        return (
            f"<p class='part'>Phần {e(block.number)}</p>"
            f"<p class='part'>{e(block.title.upper())}</p>"
        )
    if isinstance(block, m.Section):
        return f"<p class='b sec'>{e(block.number)}. {e(block.title.upper())}</p>"
    if isinstance(block, m.Clause):
        if block.title:
            head = f"<span class='bold'>{e(block.number)}. {e(block.title)}</span>"
        else:
            head = f"{e(block.number)}."
        tail = f" {e(block.text)}" if block.text else ""
        heading = " keep" if block.title and not block.text else ""
        return f"<p class='b{heading}'>{head}{tail}</p>"
    if isinstance(block, m.Point):
        return f"<p class='b'>{e(block.letter)}) {e(block.text)}</p>"
    if isinstance(block, m.Bullet):
        return f"<p class='b'>{e(block.marker)} {e(block.text)}</p>"
    if isinstance(block, m.LegalBasis):
        return f"<p class='b i'>{e(block.text)}</p>"
    if isinstance(block, m.Paragraph):
        classes = ["b"]
        if block.align != "justify":
            classes.append(block.align)
        if block.italic:
            classes.append("i")
        if block.bold:
            classes.append("bold")
        return f"<p class='{' '.join(classes)}'>{e(block.text)}</p>"
    if isinstance(block, m.Table):
        return _table(block, table_no)
    if isinstance(block, m.Image):
        data = base64.b64encode(block.png).decode("ascii")
        cap = f"<p class='caption'>{e(block.caption)}</p>" if block.caption else ""
        return (
            f"<p class='fig'><img src='data:image/png;base64,{data}' "
            f"width='{round(block.width_mm / MM_PER_PX)}' alt='{e(block.caption)}'></p>{cap}"
        )
    if isinstance(block, m.PageBreak):
        return "<div class='page-break'></div>"
    return ""


def _table(block: m.Table, table_no: int = 0) -> str:
    cap = f"<p class='tcap'>{e(block.caption)}</p>" if block.caption else ""
    cols = ""
    if block.widths_mm:
        cols = "<colgroup>" + "".join("<col>" for _ in block.widths_mm) + "</colgroup>"
    head = "".join(f"<th>{e(c)}</th>" for c in block.columns)
    rows = []
    for row in block.rows:
        cells = "".join(
            f"<td class='num'>{e(str(v))}</td>"
            if i in block.numeric_columns
            else f"<td>{e(str(v))}</td>"
            for i, v in enumerate(row[: len(block.columns)])
        )
        rows.append(f"<tr>{cells}</tr>")
    full = "" if block.widths_mm else " full"
    return (
        f"{cap}<table class='grid{full}' id='odt{table_no}'>{cols}<thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _signature(doc: m.OfficialDocument) -> str:
    if not (doc.signature or doc.distribution):
        return ""
    left = ""
    if doc.distribution:
        left = "<div class='recv-label'>Nơi nhận:</div>" + "".join(
            f"<div class='recv-line'>- {e(x)}</div>" for x in doc.distribution
        )
    right = ""
    sig = doc.signature
    if sig:
        right = "".join(f"<div>{e(line.upper())}</div>" for line in sig.lines)
        pics = [p for p in (sig.signature_png, sig.seal_png) if p]
        if pics:
            right += (
                "<div>"
                + "".join(
                    f"<img class='sig-img' alt='' src='data:image/png;base64,"
                    f"{base64.b64encode(p).decode('ascii')}'>"
                    for p in pics
                )
                + "</div>"
            )
        else:
            right += "<div class='sig-space'></div>"
        right += f"<div>{e(sig.name)}</div>"
    return (
        "<table class='sign'><tr>"
        f"<td class='recv'>{left}</td><td class='signer'>{right}</td></tr></table>"
    )


def _appendix(appendix: m.Appendix, many) -> str:
    classes = "appendix land" if appendix.landscape else "appendix"
    out = [
        f"<section class='{classes}'>",
        f"<p class='app-label'>{e(appendix.label)}</p>",
        f"<p class='app-title'>{e(appendix.title.upper())}</p>",
    ]
    if appendix.reference:
        out.append(f"<p class='app-ref'>{e(appendix.reference)}</p>")
    out.append(many(appendix.body))
    out.append("</section>")
    return "".join(out)
