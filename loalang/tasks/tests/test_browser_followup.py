"""Browser walk of follow-up on a phone: the officer sees an overdue task on the home page,
reminds the assignee with one click; the assignee sees the notification and reports progress
with a photo."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from loalang.accounts.models import User
from loalang.home.demo import load_foundation
from loalang.tasks.models import Task
from loalang.tasks.tests.factories import make_task
from loalang.testing.browser import login


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_officer_reminds_and_assignee_reports_progress(live_server, page: Page, tmp_path):
    commune = load_foundation()
    head = User.objects.get(username="truongthon")
    task = make_task(
        commune,
        title="Treo băng rôn ở bản Khằm",
        assignee_user=head,
        due_on=dt.date.today() - dt.timedelta(days=3),
    )
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.set_viewport_size({"width": 360, "height": 740})

    login(page, live_server.url, "vanhoa")
    page.get_by_role("link", name="1 nhiệm vụ quá hạn").click()
    expect(page.get_by_test_id("overdue-row")).to_contain_text("Treo băng rôn ở bản Khằm")
    page.get_by_test_id("remind").click()
    expect(page.get_by_role("status")).to_contain_text("Đã nhắc")
    page.get_by_test_id("logout").click()

    login(page, live_server.url, "truongthon")
    expect(page.get_by_test_id("notifications-unread")).to_contain_text("1")
    page.get_by_test_id("notifications-link").click()
    page.get_by_test_id("notification").get_by_role("button").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Treo băng rôn ở bản Khằm")
    expect(page.get_by_test_id("notifications-unread")).to_have_count(0)

    photo = tmp_path / "bang-ron.jpg"
    buf = io.BytesIO()
    Image.new("RGB", (800, 600), "blue").save(buf, format="JPEG")
    photo.write_bytes(buf.getvalue())
    page.get_by_test_id("report-progress").click()
    page.get_by_label("Trạng thái").select_option("done")
    page.get_by_label("Ghi chú").fill("Đã treo 2 băng rôn ở nhà văn hoá bản")
    page.get_by_label("Minh chứng (ảnh, PDF, DOCX, XLSX)").set_input_files(str(photo))
    page.get_by_test_id("save").click()
    expect(page.get_by_role("status")).to_contain_text("Đã cập nhật tiến độ")
    expect(page.get_by_role("link", name="bang-ron.jpg")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    task.refresh_from_db()
    assert task.status == Task.Status.DONE
    assert errors == []
