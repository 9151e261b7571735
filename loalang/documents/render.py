"""Entry points of the shared renderer: `render_docx(doc)` and `render_pdf(doc)`.

Both take a `loalang.documents.document.OfficialDocument` and return bytes; neither touches the
database or the network. `render_body_html(doc)` gives the same document as an HTML fragment
for on-screen previews (styled by static/css/documents.css).
"""

from __future__ import annotations

from loalang.documents.document import OfficialDocument


def render_docx(doc: OfficialDocument) -> bytes:
    from loalang.documents.docx_renderer import render_docx as _render

    return _render(doc)


def render_pdf(doc: OfficialDocument) -> bytes:
    from loalang.documents.pdf_renderer import render_pdf as _render

    return _render(doc)


def render_body_html(doc: OfficialDocument) -> str:
    from loalang.documents.pdf_renderer import render_body_html as _render

    return _render(doc)


__all__ = ["render_body_html", "render_docx", "render_pdf"]
