"""Follow links with the test client, the way a user clicks through pages (GET only)."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlparse

HREF = re.compile(r'href="([^"#]+)"')
SKIP = re.compile(r"(dang-xuat|logout|/tai-|xlsx|docx|pdf|\.ics|\.mp3|\.csv|\.zip|/media/|export)")


def crawl(client: Any, start: str, limit: int = 90) -> Iterator[tuple[str, str, Any]]:
    """(url, linked from, response) for each page shape reachable from `start` under its path
    (numbers in a path count as one shape, so a list of 500 items costs one visit)."""
    prefix = urlparse(start).path
    seen: set[str] = set()
    queue: deque[tuple[str, str]] = deque([(start, "(start)")])
    while queue and len(seen) < limit:
        url, source = queue.popleft()
        shape = re.sub(r"\d+", "N", urlparse(url).path)
        if shape in seen:
            continue
        seen.add(shape)
        response = client.get(url)
        yield url, source, response
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for href in HREF.findall(response.content.decode()):
            target = urljoin(url, href.replace("&amp;", "&"))
            if target.startswith(prefix) and not SKIP.search(target):
                queue.append((target, url))


class _Text(HTMLParser):
    HIDDEN = {"script", "style", "template", "head"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self._hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden and data.strip():
            self.parts.append(data.strip())


def visible_text(html: str) -> list[str]:
    """The text nodes a reader sees (no attributes, scripts, styles or <head>)."""
    parser = _Text()
    parser.feed(html)
    return parser.parts
