"""The hostile-input corpus and the form finder used by ops/tests/test_hostile_input.py.

Forms are found by rendering pages and reading their HTML (`<form method=post>` and htmx
`hx-post`), so every new page's forms are attacked without anyone listing them.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser

XSS = '<script>alert("xss")</script><img src=x onerror=alert(1)>'
SQL = "'; DROP TABLE places_commune; -- \" OR 1=1 --"
TRAVERSAL_NAME = "../../../../tmp/loalang-evil.pdf"
LONG = "Đ" * 100_000
INVALID_UTF8 = b"title=\xff\xfe\xfd%ff%fe&text=\xc3\x28"

# What must never appear in a rendered page: the payload's markup, unescaped.
UNESCAPED = re.compile(r"<script>alert\(\"xss\"\)|<img[^>]*\sonerror=alert", re.IGNORECASE)


@dataclass
class Form:
    page: str
    action: str
    fields: dict[str, str] = field(default_factory=dict)  # name -> default value
    text_fields: set[str] = field(default_factory=set)
    file_fields: set[str] = field(default_factory=set)


class _FormParser(HTMLParser):
    TEXT_TYPES = {
        "text",
        "search",
        "email",
        "url",
        "tel",
        "number",
        "date",
        "time",
        "datetime-local",
        "month",
        "password",
        "",
    }

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.forms: list[Form] = []
        self.current: Form | None = None
        self.select: str | None = None
        self.textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        if tag == "form":
            action = a.get("hx-post") or (
                a.get("action") if a.get("method", "").lower() == "post" else None
            )
            if action is None and a.get("method", "").lower() == "post":
                action = ""
            self.current = Form(self.page, action) if action is not None else None
            if self.current is not None:
                self.forms.append(self.current)
            return
        form = self.current
        if tag in ("button", "input") and a.get("hx-post") and form is None:
            self.forms.append(Form(self.page, a["hx-post"]))
        if form is None or not a.get("name"):
            return
        name = a["name"]
        if tag == "input":
            kind = a.get("type", "").lower()
            if kind == "file":
                form.file_fields.add(name)
            elif kind in ("checkbox", "radio"):
                if "checked" in a:
                    form.fields[name] = a.get("value", "on")
            elif kind in ("submit", "button", "image", "reset"):
                return
            else:
                form.fields[name] = a.get("value", "")
                if kind in self.TEXT_TYPES and name != "csrfmiddlewaretoken" and kind != "hidden":
                    form.text_fields.add(name)
        elif tag == "textarea":
            form.fields[name] = ""
            form.text_fields.add(name)
        elif tag == "select":
            self.select = name
        elif tag == "option" and self.select and self.select not in form.fields:
            form.fields[self.select] = a.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.current = None
        elif tag == "select":
            self.select = None


def find_forms(page: str, html: str) -> list[Form]:
    parser = _FormParser(page)
    parser.feed(html)
    for form in parser.forms:
        if not form.action:
            form.action = page
    return parser.forms


def zip_bomb(name: str = "word/document.xml", size: int = 64 * 1024 * 1024) -> bytes:
    """A small zip (an .xlsx/.docx look-alike) that inflates to `size` bytes of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open(name, "w", force_zip64=True) as member:
            block = b"\0" * (1024 * 1024)
            for _ in range(size // len(block)):
                member.write(block)
    return buffer.getvalue()
