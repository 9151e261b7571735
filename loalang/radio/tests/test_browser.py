"""The officer's path in a real browser, on a 360 px phone screen."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from loalang.home.demo import DEMO_PASSWORD, load_foundation


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_officer_writes_a_bulletin_on_a_phone(live_server, page: Page, tmp_path):
    from loalang.radio.demo import load_demo

    commune = load_foundation()
    load_demo(commune)
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(live_server.url + "/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("vanhoa")
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()

    page.goto(f"{live_server.url}/app/{commune.slug}/dai-truyen-thanh/ban-tin/them/")
    page.get_by_label("Tiêu đề").fill("Họp dân bản Khằm")
    page.get_by_label("Nội dung đọc").fill(
        "Mời bà con dự họp lúc 19h30 ngày 12/12 tại nhà văn hóa."
    )
    expect(page.locator("#script-counter")).to_contain_text("ký tự")  # radio.js runs under the CSP
    page.screenshot(path=str(tmp_path / "form.png"), full_page=True)
    page.get_by_role("button", name="Lưu bản nháp").click()
    page.wait_for_load_state()
    expect(page.get_by_test_id("status")).to_have_text("Bản nháp")
    expect(page.locator("audio")).to_have_count(1)
    page.get_by_text("Máy sẽ đọc là").click()
    expect(page.locator(".radio-spoken")).to_contain_text(
        "mười chín giờ ba mươi phút ngày mười hai tháng mười hai"
    )
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert width <= 362, f"the page scrolls sideways on a phone ({width}px)"
    page.screenshot(path=str(tmp_path / "detail.png"), full_page=True)

    for path in ("lich-phat/", "nhat-ky/", "", "cach-doc/?text=UBND+x%C3%A3+l%C3%BAc+7h30"):
        page.goto(f"{live_server.url}/app/{commune.slug}/dai-truyen-thanh/{path}")
        width = page.evaluate("document.scrollingElement.scrollWidth")
        assert width <= 362, f"{path} scrolls sideways on a phone ({width}px)"
        page.screenshot(path=str(tmp_path / f"{path.split('/')[0] or 'home'}.png"), full_page=True)

    page.goto(f"{live_server.url}/{commune.slug}/dai/")
    expect(page.locator("article audio")).to_have_count(2)  # the two approved demo bulletins
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 362
    page.screenshot(path=str(tmp_path / "public.png"), full_page=True)


FAKE_MICROPHONE = ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_officer_records_a_bulletin_on_a_phone(
    live_server, browser_type, browser_type_launch_args, tmp_path
):
    """MediaRecorder with Chromium's synthetic microphone: record, hear back, save; the
    server trims, normalises and keeps it as the version that airs, with its duration."""
    from loalang.radio.demo import load_demo
    from loalang.radio.models import Bulletin, BulletinVersion

    commune = load_foundation()
    load_demo(commune)
    bulletin = Bulletin.objects.filter(commune=commune).first()
    args = {**browser_type_launch_args}
    args["args"] = [*args.get("args", []), *FAKE_MICROPHONE]
    browser = browser_type.launch(**args)
    try:
        context = browser.new_context(viewport={"width": 360, "height": 740})
        page = context.new_page()
        page.goto(live_server.url + "/tai-khoan/dang-nhap/")
        page.get_by_label("Tên đăng nhập").fill("vanhoa")
        page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_load_state()
        page.goto(
            f"{live_server.url}/app/{commune.slug}/dai-truyen-thanh/ban-tin/{bulletin.pk}/ghi-am/"
        )
        page.get_by_label("Ngôn ngữ").select_option("tai")
        page.get_by_role("button", name="Bắt đầu ghi").click()
        expect(page.locator("[data-recorder-timer]")).to_contain_text("Đang ghi")
        page.wait_for_timeout(2500)
        page.get_by_role("button", name="Dừng").click()
        expect(page.locator("[data-recorder-review]")).to_be_visible()
        assert page.evaluate("document.scrollingElement.scrollWidth") <= 362
        page.screenshot(path=str(tmp_path / "recorded.png"), full_page=True)
        page.get_by_role("button", name="Lưu bản ghi này").click()
        page.wait_for_load_state()
        expect(page.locator(".messages, [role=status], .msg").first).to_contain_text(
            "Đã thêm bản ghi âm"
        )
        version = BulletinVersion.objects.get(bulletin=bulletin, language="tai")
        assert version.kind == BulletinVersion.Kind.RECORDED and version.is_ready
        assert 1.0 < version.duration_seconds < 4.0

        # Inside Zalo's in-app browser the page says why and how to get round it.
        zalo = browser.new_context(
            viewport={"width": 360, "height": 740},
            user_agent="Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 Chrome/120 Mobile "
            "Safari/537.36 Zalo android/12100716 ZaloTheme/light",
            storage_state=context.storage_state(),
        )
        inapp = zalo.new_page()
        inapp.goto(
            f"{live_server.url}/app/{commune.slug}/dai-truyen-thanh/ban-tin/{bulletin.pk}/ghi-am/"
        )
        expect(inapp.locator("[data-recorder-why]")).to_contain_text("Mở bằng trình duyệt")
        expect(inapp.get_by_role("button", name="Bắt đầu ghi")).to_be_hidden()
        expect(inapp.locator("input[type=file]")).to_be_visible()
    finally:
        browser.close()
