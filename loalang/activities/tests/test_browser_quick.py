"""Browser walk of the phone flow at 360 px: a village head logs an event with a photo (the
connection drops on the way, the page is reloaded: nothing is lost — text nor photo — and
nothing is duplicated); the officer verifies it."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from loalang.activities.models import Activity
from loalang.home.demo import load_foundation
from loalang.testing.browser import login


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_village_head_logs_event_from_phone_and_officer_verifies(live_server, page: Page, tmp_path):
    commune = load_foundation()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.set_viewport_size({"width": 360, "height": 740})
    photo = tmp_path / "hop-ban.jpg"
    buf = io.BytesIO()
    Image.new("RGB", (1200, 900), "green").save(buf, format="JPEG")
    photo.write_bytes(buf.getvalue())

    login(page, live_server.url, "truongthon")
    page.get_by_test_id("phonebar-quick").click()  # the phone bar's large button
    page.get_by_label("Hình thức").select_option("event")
    page.get_by_label("Nội dung hoạt động").fill("Họp bản hướng dẫn cài VNeID")
    page.get_by_label("Số người tham gia, được tiếp cận").fill("42")

    # The connection drops: the page is reloaded, what was typed comes back from the draft.
    page.reload()
    expect(page.get_by_label("Nội dung hoạt động")).to_have_value("Họp bản hướng dẫn cài VNeID")
    expect(page.locator("#draft-status")).to_be_visible()
    page.context.set_offline(True)
    page.get_by_label("Ảnh", exact=True).set_input_files(str(photo))
    page.get_by_role("button", name="Gửi").click()
    # Said next to the button just tapped, on screen (the top of the page is scrolled away).
    expect(page.locator("#submit-status")).to_contain_text("Mất kết nối")
    expect(page.locator("#submit-status")).to_be_in_viewport()
    page.context.set_offline(False)
    # The phone reloads (or the tab is reopened): the text and the photo both come back.
    page.reload()
    expect(page.locator("#draft-status")).to_contain_text("1 ảnh chưa gửi")
    assert page.evaluate("document.querySelector('input[type=file]').files.length") == 1
    assert (
        page.evaluate("document.querySelector('input[type=file]').files[0].name") == "hop-ban.jpg"
    )
    page.get_by_role("button", name="Gửi").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đã ghi hoạt động")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    # The draft is gone once the server has it.
    assert (
        page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('quick:')).length") == 0
    )
    kept = page.evaluate(
        """() => new Promise(done => {
          const open = indexedDB.open("loalang-drafts", 1);
          open.onsuccess = () => {
            const req = open.result.transaction("files").objectStore("files").count();
            req.onsuccess = () => done(req.result);
          };
        })"""
    )
    assert kept == 0  # the kept photo is dropped with the draft
    activity = Activity.objects.get(commune=commune)
    assert activity.event.residents == 42 and activity.evidence.count() == 1
    page.get_by_test_id("logout").click()

    login(page, live_server.url, "vanhoa")
    page.goto(f"{live_server.url}/app/{commune.slug}/hoat-dong/?status=reported")
    page.get_by_role("link", name="Họp bản hướng dẫn cài VNeID").click()
    expect(page.locator(".evidence img")).to_be_visible()
    page.get_by_test_id("verify").click()
    expect(page.get_by_role("status").first).to_contain_text("Đã xác nhận hoạt động")
    activity.refresh_from_db()
    assert activity.status == Activity.Status.VERIFIED
    page.goto(f"{live_server.url}/app/{commune.slug}/hoat-dong/bao-phu/")
    expect(page.locator("table.heatmap")).to_contain_text("Khằm")
    assert errors == []
