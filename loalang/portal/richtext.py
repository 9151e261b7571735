"""Rich text in, safe HTML out: the allow-list every article body passes through (ADR 0042)."""

from __future__ import annotations

import html
import re

import nh3

TAGS = {
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "sub",
    "sup",
    "hr",
    "ul",
    "ol",
    "li",
    "h2",
    "h3",
    "h4",
    "blockquote",
    "a",
    "img",
    "figure",
    "figcaption",
    "table",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
}
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
# Blocks outside the list keep their block-ness under a tag inside it, instead of being unwrapped
# into the paragraph before them (Word and other editors write <div>, <h1>, <h5>).
_RENAME = [
    (re.compile(r"<(/?)div\b[^>]*>", re.I), r"<\1p>"),
    (re.compile(r"<(/?)h1\b[^>]*>", re.I), r"<\1h2>"),
    (re.compile(r"<(/?)h[56]\b[^>]*>", re.I), r"<\1h4>"),
]
# Word's conditional comments wrap <xml> and <style> blocks whose text must not survive.
_WORD_BLOCKS = re.compile(r"<!--\[if[^\]]*\]>.*?<!\[endif\]-->|<xml\b.*?</xml>", re.I | re.S)
_EMPTY_BLOCK = re.compile(r"<(p|h2|h3|h4|li)>(?:\s|&nbsp;|\u00a0|<br\s*/?>)*</\1>", re.I)
_HAS_BLOCKS = re.compile(r"<(p|h[1-6]|ul|ol|table|blockquote|div|br|figure)\b", re.I)


def _only_local_images(tag: str, attr: str, value: str) -> str | None:
    # Pictures come from our own media (uploaded, resized, alt text given), never a tracker.
    if tag == "img" and attr == "src" and not value.startswith("/media/"):
        return None
    return value


def paragraphs_from_text(body: str) -> str:
    """Text typed without markup (the editor off, or an old body): a paragraph per blank line.

    Single line breaks inside a paragraph stay as <br>; inline markup is left for the allow-list.
    Bodies that already have block tags are returned unchanged.
    """
    if not body or _HAS_BLOCKS.search(body):
        return body or ""
    paragraphs = re.split(r"\n\s*\n", body.replace("\r\n", "\n").strip())
    return "".join(
        "<p>" + "<br>".join(line.strip() for line in p.strip().split("\n")) + "</p>"
        for p in paragraphs
        if p.strip()
    )


def sanitize(body: str) -> str:
    """Keep formatting, links and our own images; drop scripts, styles, handlers, iframes.

    Text without markup becomes paragraphs; Word's leftovers (mso- styles, <o:p>, spans,
    conditional comments) go; empty paragraphs go; <div>/<h1> become <p>/<h2>.
    """
    body = paragraphs_from_text(body or "")
    body = _WORD_BLOCKS.sub("", body)
    for pattern, repl in _RENAME:
        body = pattern.sub(repl, body)
    cleaned = nh3.clean(
        body,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer nofollow",
        attribute_filter=_only_local_images,
        strip_comments=True,
    )
    previous = None
    while previous != cleaned:  # <p><span>&nbsp;</span></p> empties only after the inner pass
        previous, cleaned = cleaned, _EMPTY_BLOCK.sub("", cleaned)
    return cleaned.strip()


_BLOCK_END = re.compile(r"</(p|h2|h3|h4|li|blockquote|tr|figcaption)>|<br\s*/?>", re.I)


def plain_text(body: str) -> str:
    """The words of an HTML body, one paragraph a line: for search, radio and social posts."""
    with_breaks = _BLOCK_END.sub("\n", body or "")
    text = html.unescape(nh3.clean(with_breaks, tags=set()))
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_line(value: str) -> str:
    """A one-line plain-text field (a title): no tags, no control characters."""
    return _CONTROL.sub("", html.unescape(nh3.clean(value or "", tags=set()))).strip()


def clean_text(value: str) -> str:
    """Multi-line plain text typed by a citizen: control characters out, kept as typed otherwise.

    Templates escape it on output; it is never marked safe.
    """
    return _CONTROL.sub("", value or "").replace("\r\n", "\n").strip()
