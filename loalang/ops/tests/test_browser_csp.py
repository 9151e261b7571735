"""Pages pass the strict Content-Security-Policy in a real browser (Debian's chromium).

The page list is built by walking the URL resolver — every staff page that needs only the
commune, every public page of the commune, the API docs — so it grows with the app.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

from loalang.home.demo import DEMO_PASSWORD, load_foundation


def _simple_routes() -> list[str]:
    """Routes whose only parameter is the commune slug (or none), as path templates."""
    routes: list[str] = []

    def walk(patterns, prefix: str) -> None:  # type: ignore[no-untyped-def]
        for p in patterns:
            route = prefix + str(p.pattern)
            if isinstance(p, URLResolver):
                walk(p.url_patterns, route)
            elif isinstance(p, URLPattern):
                params = route.count("<")
                if params == 0 or (params == 1 and "<slug:commune_slug>" in route):
                    routes.append(route)

    walk(get_resolver().url_patterns, "")
    skip = ("admin/", "i18n/", "healthz", "api/", "media/")
    return sorted({r for r in routes if not r.startswith(skip) and "$" not in r and "^" not in r})


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_pages_pass_the_strict_csp(live_server, page: Page):
    commune = load_foundation()
    slug = getattr(commune, "slug", "ai-thuong")
    violations: list[str] = []
    page.on(
        "console",
        lambda m: (
            violations.append(f"{m.location.get('url')}: {m.text}")
            if "Content Security Policy" in m.text
            else None
        ),
    )
    page.goto(live_server.url + "/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("vanhoa")
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()

    paths = [r.replace("<slug:commune_slug>", slug) for r in _simple_routes()]
    paths += ["/api/docs", "/tai-khoan/bao-mat/hai-buoc/"]
    visited = 0
    for path in paths:
        url = live_server.url + ("" if path.startswith("/") else "/") + path
        if path.rsplit(".", 1)[-1] in {
            "ics",
            "xml",
            "csv",
            "xlsx",
            "pdf",
            "mp3",
            "zip",
            "txt",
            "json",
        }:
            continue
        try:
            response = page.goto(url)
        except PlaywrightError:  # a file download, an empty 405, an aborted navigation
            continue
        if response is not None and response.headers.get("content-type", "").startswith(
            "text/html"
        ):
            page.wait_for_load_state("networkidle")
            visited += 1
    assert visited >= 5
    assert violations == []
