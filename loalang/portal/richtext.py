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
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "width", "height"}, "th": {"scope"}}


def _only_local_images(tag: str, attr: str, value: str) -> str | None:
    # Pictures come from our own media (uploaded, resized, alt text given), never a tracker.
    if tag == "img" and attr == "src" and not value.startswith("/media/"):
        return None
    return value


def sanitize(body: str) -> str:
    """Keep formatting, links and our own images; drop scripts, styles, handlers, iframes."""
    return nh3.clean(
        body or "",
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer nofollow",
        attribute_filter=_only_local_images,
        strip_comments=True,
    ).strip()


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
