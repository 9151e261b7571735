"""The foundation's browser walk: log in as Culture-Social, switch languages, log out."""

import pytest
from playwright.sync_api import Page, expect

from loalang.home.demo import DEMO_PASSWORD, load_foundation


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_culture_officer_logs_in_switches_language_and_logs_out(live_server, page: Page):
    load_foundation()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(live_server.url + "/app/")
    page.get_by_label("Tên đăng nhập").fill("vanhoa")
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Ủy ban nhân dân xã Ái Thượng")
    expect(page.get_by_text("Việc cần chú ý")).to_be_visible()

    page.get_by_test_id("lang-en").click()
    expect(page.get_by_text("Needs attention")).to_be_visible()
    page.get_by_test_id("lang-vi").click()
    expect(page.get_by_text("Việc cần chú ý")).to_be_visible()

    page.get_by_test_id("logout").click()
    expect(page.get_by_role("heading", name="Đăng nhập")).to_be_visible()
    assert errors == []
