"""The article editor in a real browser: paragraphs and a list typed by an officer reach the
public page as paragraphs and a list (ADR 0047); without the script the textarea still works."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from loalang.accounts.models import Role
from loalang.portal.tests.test_browser_portal import _login
from loalang.testing.factories import CommuneFactory, member


def _shots(tmp_path: Path) -> Path:
    # LOALANG_SHOTS=dir keeps the screenshots for a person to look at.
    shots = Path(os.environ.get("LOALANG_SHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    return shots


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_typed_paragraphs_and_list_are_published_as_such(live_server, page: Page, tmp_path):  # type: ignore[no-untyped-def]
    from django.core.cache import cache

    cache.clear()
    shots = _shots(tmp_path)
    commune = CommuneFactory(name="Ái Thượng", slug="ai-thuong-ed")
    officer = member(commune, Role.CULTURE)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.set_viewport_size({"width": 360, "height": 740})
    _login(page, live_server, officer)
    page.goto(f"{live_server.url}/app/{commune.slug}/cong-thong-tin/bai-viet/moi/")
    page.get_by_label("Tiêu đề").fill("Ba đoạn và một danh sách")
    page.get_by_label("Tóm tắt").fill("Bài viết có đoạn văn.")

    editor = page.get_by_role("textbox", name="Nội dung", exact=True)
    expect(editor).to_be_visible()
    expect(page.locator("textarea#id_body")).to_be_hidden()
    editor.click()
    page.keyboard.type("Đoạn thứ nhất về chuyển đổi số.")
    page.keyboard.press("Enter")
    page.keyboard.type("Đoạn thứ hai: bà con học nộp hồ sơ.")
    page.keyboard.press("Enter")
    page.keyboard.type("Đoạn thứ ba kết thúc bài.")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Danh sách gạch đầu dòng").click()
    page.keyboard.type("Cài VNeID")
    page.keyboard.press("Enter")
    page.keyboard.type("Thanh toán không dùng tiền mặt")
    page.screenshot(path=str(shots / "editor-typing.png"), full_page=True)
    page.get_by_test_id("save").click()
    expect(page.get_by_test_id("status")).to_have_text("Bản nháp")
    # The saved body comes back into the editor with its structure.
    expect(page.locator(".rte-area p")).to_have_count(3)
    expect(page.locator(".rte-area li")).to_have_count(2)
    page.get_by_test_id("publish").click()
    expect(page.get_by_test_id("status")).to_have_text("Đã đăng")

    page.get_by_role("link", name="Xem trên trang công khai").click()
    body = page.locator(".article-body")
    expect(body.locator("p")).to_have_text(
        [
            "Đoạn thứ nhất về chuyển đổi số.",
            "Đoạn thứ hai: bà con học nộp hồ sơ.",
            "Đoạn thứ ba kết thúc bài.",
        ]
    )
    expect(body.locator("ul > li")).to_have_text(["Cài VNeID", "Thanh toán không dùng tiền mặt"])
    page.screenshot(path=str(shots / "editor-public.png"), full_page=True)
    assert errors == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_without_javascript_blank_lines_still_make_paragraphs(live_server, browser):  # type: ignore[no-untyped-def]
    from django.core.cache import cache

    cache.clear()
    commune = CommuneFactory(name="Ái Thượng", slug="ai-thuong-nojs")
    officer = member(commune, Role.CULTURE)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    _login(page, live_server, officer)
    page.goto(f"{live_server.url}/app/{commune.slug}/cong-thong-tin/bai-viet/moi/")
    page.get_by_label("Tiêu đề").fill("Không có JavaScript")
    page.get_by_label("Tóm tắt").fill("Tóm tắt.")
    page.get_by_label("Nội dung", exact=True).fill("Đoạn một.\n\nĐoạn hai.\n\nĐoạn ba.")
    page.get_by_test_id("save").click()
    page.get_by_test_id("publish").click()
    page.get_by_role("link", name="Xem trên trang công khai").click()
    expect(page.locator(".article-body p")).to_have_count(3)
    context.close()
