"""In a real browser: paste a plan, drop an unplaced paragraph into a field (drag events
dispatched to the page's script), correct the title, save; the review page fits a 360 px
phone and runs under the strict CSP."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from loalang.home.demo import load_foundation
from loalang.plans.models import Plan
from loalang.plans.tests.corpus_score import CORPUS
from loalang.plans.tests.test_browser_plans import _login

TEXT = (
    (CORPUS / "01-xa-hoang-son-thanh-hoa.txt")
    .read_text(encoding="utf-8")
    .replace(
        "Trên đây là", "V. CHẾ ĐỘ BÁO CÁO\nBáo cáo kết quả trước ngày 15/12/2024.\nTrên đây là"
    )
)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_review_on_a_phone_drag_unplaced_correct_and_save(live_server, page: Page):
    commune = load_foundation()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    _login(page, live_server.url)
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(live_server.url + reverse("plans:import", args=[commune.slug]))
    page.get_by_label("Dán nội dung kế hoạch").fill(TEXT)
    page.get_by_role("button", name="Phân tích").click()
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    extra = page.locator("#section-requirements ol > li").last.locator("textarea").first
    # The drag as the page's script sees it (dragstart on the paragraph, drop on the field):
    # headless Chromium does not start a native drag from a mouse gesture here.
    transfer = page.evaluate_handle("new DataTransfer()")
    page.locator("[data-unplaced]").first.dispatch_event("dragstart", {"dataTransfer": transfer})
    extra.dispatch_event("drop", {"dataTransfer": transfer})
    assert extra.input_value() == "Báo cáo kết quả trước ngày 15/12/2024."
    assert page.locator("#section-unplaced textarea").input_value() == ""
    page.locator("#id_header-title").fill("Triển khai Đề án 06 năm 2024")
    page.get_by_role("button", name="Lưu thành dự thảo").click()
    page.wait_for_load_state("networkidle")
    errors = page.locator("#import-errors")
    assert not errors.count(), errors.inner_text()
    plan = Plan.objects.get(commune=commune)
    assert plan.title == "Triển khai Đề án 06 năm 2024"
    assert "Báo cáo kết quả trước ngày 15/12/2024." in plan.points.values_list("text", flat=True)
    assert problems == []
