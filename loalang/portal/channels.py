"""One message, every channel: the radio script, the social post and the A4 poster of an article.

Renderers here are pure: data in, text or bytes out; they never query the database.
"""

from __future__ import annotations

import base64
import io
import re
from dataclasses import dataclass

import qrcode
import qrcode.image.svg
from django.template.loader import render_to_string

from loalang.core.text import fold
from loalang.portal.richtext import plain_text

_URL = re.compile(r"https?://\S+")


@dataclass(frozen=True)
class ArticleMessage:
    title: str
    summary: str
    body_html: str
    url: str
    commune_name: str
    themes: tuple[str, ...] = ()


def radio_script(msg: ArticleMessage) -> str:
    """Plain text for reading aloud: no links, no markup, short paragraphs, a spoken opening."""
    body = _URL.sub("", plain_text(msg.body_html))
    parts = [
        f"Kính thưa bà con nhân dân {msg.commune_name}.",
        msg.title.rstrip(".") + ".",
    ]
    if msg.summary:
        parts.append(msg.summary)
    parts.extend(p for p in body.split("\n") if p.strip())
    parts.append("Bà con có thể đọc toàn văn trên trang thông tin điện tử của xã.")
    return "\n\n".join(parts)


def _hashtag(text: str) -> str:
    return "#" + re.sub(r"\W", "", fold(text).title())


def social_post(msg: ArticleMessage) -> str:
    """A post for Zalo or Facebook: title, one-paragraph lead, hashtags, the link."""
    lead = msg.summary or (plain_text(msg.body_html).split("\n") or [""])[0]
    if len(lead) > 280:
        lead = lead[:277].rsplit(" ", 1)[0] + "…"
    tags = " ".join(["#ChuyenDoiSo", *(_hashtag(t) for t in msg.themes[:2])])
    return f"📢 {msg.title}\n\n{lead}\n\n👉 Đọc tiếp: {msg.url}\n\n{tags}".strip()


def qr_svg_data_uri(url: str) -> str:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    buf = io.BytesIO()
    image.save(buf)
    return "data:image/svg+xml;base64," + base64.b64encode(buf.getvalue()).decode()


def poster_pdf(msg: ArticleMessage) -> bytes:
    """An A4 poster/leaflet: title, lead, first paragraphs, a QR code to the article."""
    from weasyprint import HTML

    paragraphs = [p for p in plain_text(msg.body_html).split("\n") if p.strip()][:6]
    html = render_to_string(
        "portal/poster.html",
        {"msg": msg, "paragraphs": paragraphs, "qr": qr_svg_data_uri(msg.url)},
    )
    return HTML(string=html).write_pdf()
