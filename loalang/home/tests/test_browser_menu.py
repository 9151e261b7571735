"""The staff menu in a real browser (Debian chromium): it fits a 1366 px office screen and a
360 px phone without sideways scrolling, each group opens by mouse and by keyboard and its
links stay on screen; the village head's phone bar; the province viewer's way back; 403."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from loalang.home.demo import load_foundation
from loalang.testing.browser import login, menu

SHOTS = os.environ.get("LOALANG_SCREENSHOT_DIR", "")


def _shot(page: Page, tmp_path: Path, name: str) -> None:
    folder = Path(SHOTS) if SHOTS else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=False)


def _no_sideways_scroll(page: Page) -> dict[str, float]:
    sizes = page.evaluate(
        """() => {
          const nav = document.querySelector('[data-testid=mainnav]');
          const r = nav.getBoundingClientRect();
          return {doc: document.documentElement.scrollWidth, view: window.innerWidth,
                  nav: nav.scrollWidth, navRight: r.right, navHeight: r.height};
        }"""
    )
    assert sizes["doc"] <= sizes["view"], sizes
    assert sizes["nav"] <= sizes["view"] and sizes["navRight"] <= sizes["view"], sizes
    if SHOTS:  # keep what was measured next to the screenshots
        with (Path(SHOTS) / "measurements.jsonl").open("a") as log:
            log.write(json.dumps({"page": page.url, **sizes}) + "\n")
    return sizes


def _open_every_group(page: Page, tmp_path: Path, prefix: str) -> None:
    summaries = page.get_by_test_id("mainnav").locator("summary")
    width = page.viewport_size["width"]
    for i in range(summaries.count()):
        summary = summaries.nth(i)
        summary.click()
        group_menu = page.get_by_test_id("mainnav").locator("details[open] .nav-menu")
        expect(group_menu).to_be_visible()
        box = group_menu.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width, box
        if i == 0:
            _shot(page, tmp_path, f"{prefix}-group-open")
        summary.click()
        expect(group_menu).to_have_count(0)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width, height", [(1366, 768), (360, 740)])
def test_officer_menu_fits_and_every_group_opens(live_server, page: Page, tmp_path, width, height):
    load_foundation()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.set_viewport_size({"width": width, "height": height})
    login(page, live_server.url, "vanhoa")
    sizes = _no_sideways_scroll(page)
    if width >= 1366:
        assert sizes["navHeight"] < 60, sizes  # one row on the office screen
    _shot(page, tmp_path, f"menu-vanhoa-{width}")
    _open_every_group(page, tmp_path, f"menu-vanhoa-{width}")

    # Keyboard: Tab to a group, Enter opens it, its first link is next, Escape closes it.
    summary = page.get_by_test_id("mainnav").locator("summary", has_text="Truyền thông")
    summary.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("link", name="Câu hỏi của người dân")).to_be_visible()
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Trang chuyển đổi số")).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.get_by_role("link", name="Câu hỏi của người dân")).to_be_hidden()
    expect(summary).to_be_focused()

    menu(page, "Truyền thông", "Câu hỏi của người dân")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Câu hỏi")
    _no_sideways_scroll(page)
    expect(page.get_by_test_id("phonebar")).to_have_count(0)
    assert errors == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_village_head_phone_bar_and_forbidden_page(live_server, page: Page, tmp_path):
    commune = load_foundation()
    page.set_viewport_size({"width": 360, "height": 740})
    login(page, live_server.url, "truongthon")
    bar = page.get_by_test_id("phonebar")
    expect(bar).to_be_visible()
    quick = page.get_by_test_id("phonebar-quick")
    box = quick.bounding_box()
    assert box is not None and box["height"] >= 48 and box["y"] + box["height"] <= 740, box
    _no_sideways_scroll(page)
    _shot(page, tmp_path, "phonebar-truongthon-360")
    quick.click()
    expect(page.get_by_label("Nội dung hoạt động")).to_be_visible()

    # A page the role may not open: the 403 says whom to ask and leads back.
    page.goto(f"{live_server.url}/app/{commune.slug}/nguoi-dung/", referer=page.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Bạn không có quyền thực hiện chức năng này"
    )
    expect(page.get_by_test_id("managers")).to_contain_text("Chủ tịch UBND")
    _shot(page, tmp_path, "forbidden-truongthon-360")
    page.get_by_test_id("go-back").click()
    expect(page.get_by_label("Nội dung hoạt động")).to_be_visible()
    page.goto(f"{live_server.url}/app/{commune.slug}/nguoi-dung/")  # typed: no page to go back to
    page.get_by_test_id("go-home").click()
    expect(page.get_by_text("Việc cần chú ý")).to_be_visible()

    page.set_viewport_size({"width": 1366, "height": 768})
    expect(bar).to_be_hidden()  # the bar is for phones only


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_province_viewer_lands_on_rollup_and_finds_the_way_back(live_server, page: Page, tmp_path):
    commune = load_foundation()
    page.set_viewport_size({"width": 1366, "height": 768})
    login(page, live_server.url, "tinh")
    expect(page).to_have_url(f"{live_server.url}/tinh/{commune.province.slug}/")
    _shot(page, tmp_path, "province-rollup-1366")
    page.goto(f"{live_server.url}/app/{commune.slug}/")
    menu(page, "Báo cáo", "Tổng hợp tỉnh")
    expect(page).to_have_url(f"{live_server.url}/tinh/{commune.province.slug}/")
