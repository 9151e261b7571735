"""The portal's browser walk: staff publishes, a citizen finds it without accents, reads it,
asks a question; staff answers and publishes the answer. axe-core checks the public pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from loalang.accounts.models import Role
from loalang.testing.factories import CommuneFactory, member

AXE = Path(__file__).parent / "assets" / "axe.min.js"  # test-only; never served


def _axe_serious(page: Page) -> list[str]:
    # evaluate() runs through the DevTools protocol, so the page's strict CSP stays in force.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document)")
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])})"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def _login(page: Page, live_server, user) -> None:  # type: ignore[no-untyped-def]
    from django.test import Client

    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_publish_find_read_ask_answer(live_server, page: Page, browser):  # type: ignore[no-untyped-def]
    from django.core.cache import cache

    cache.clear()
    commune = CommuneFactory(name="Ái Thượng", slug="ai-thuong-b")
    officer = member(commune, Role.CULTURE)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.set_viewport_size({"width": 360, "height": 740})

    # Staff writes and publishes.
    _login(page, live_server, officer)
    page.goto(f"{live_server.url}/app/{commune.slug}/cong-thong-tin/bai-viet/moi/")
    page.get_by_label("Tiêu đề").fill("Chuyển đổi số ở bản Đông Tâm")
    page.get_by_label("Tóm tắt").fill("Bà con học cách nộp hồ sơ trực tuyến.")
    page.get_by_role("textbox", name="Nội dung", exact=True).fill(
        "Tổ công nghệ số hướng dẫn từng nhà."
    )
    page.get_by_test_id("save").click()
    expect(page.get_by_test_id("status")).to_have_text("Bản nháp")
    page.get_by_test_id("publish").click()
    expect(page.get_by_test_id("status")).to_have_text("Đã đăng")

    # A citizen (no session) searches without accents, reads, asks.
    citizen = browser.new_context(viewport={"width": 360, "height": 740})
    cpage = citizen.new_page()
    cpage.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    home = f"{live_server.url}/{commune.slug}/"
    cpage.goto(home)
    assert cpage.evaluate("document.documentElement.scrollWidth") <= 360
    assert _axe_serious(cpage) == []
    cpage.get_by_role("searchbox").first.fill("chuyen doi so dong tam")
    cpage.get_by_role("button", name="Tìm").first.click()
    assert _axe_serious(cpage) == []
    cpage.get_by_role("link", name="Chuyển đổi số ở bản Đông Tâm").click()
    expect(cpage.get_by_role("heading", level=1)).to_have_text("Chuyển đổi số ở bản Đông Tâm")
    assert cpage.evaluate("document.documentElement.scrollWidth") <= 360
    assert _axe_serious(cpage) == []

    cpage.goto(home + "hoi-dap/gui/")
    assert _axe_serious(cpage) == []
    cpage.get_by_label("Lĩnh vực").select_option("dich_vu_cong")
    cpage.get_by_label("Tiêu đề").fill("Nộp hồ sơ khai sinh ở đâu?")
    cpage.get_by_label("Nội dung câu hỏi, góp ý").fill(
        "Con tôi mới sinh, nộp trực tuyến được không?"
    )
    cpage.get_by_role("button", name="Gửi", exact=True).click()
    expect(cpage.get_by_role("status")).to_contain_text("đã nhận câu hỏi")

    # Staff answers and publishes the answer.
    page.goto(f"{live_server.url}/app/{commune.slug}/cong-thong-tin/hoi-dap/")
    page.get_by_role("link", name="Nộp hồ sơ khai sinh ở đâu?").click()
    page.get_by_label("Câu trả lời").fill("Được. Bà con nộp trên Cổng dịch vụ công quốc gia.")
    page.get_by_test_id("answer").click()
    expect(page.get_by_test_id("q-status")).to_have_text("Đã trả lời")
    page.get_by_test_id("publish-answer").click()
    expect(page.get_by_test_id("q-status")).to_have_text("Đã công khai")

    # The citizen reads the answer.
    cpage.goto(home + "hoi-dap/")
    cpage.get_by_role("link", name="Nộp hồ sơ khai sinh ở đâu?").click()
    expect(cpage.get_by_text("Cổng dịch vụ công quốc gia")).to_be_visible()
    citizen.close()
    assert errors == []
