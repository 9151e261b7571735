"""In a real browser: reorder themes with the ↑ buttons and save; the preview and the detail
page of the seed plan run under the strict CSP and fit a 360 px phone."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from loalang.home.demo import DEMO_PASSWORD, load_foundation
from loalang.plans.demo import SEED_TITLE, load
from loalang.plans.models import Plan
from loalang.plans.services import plan_copy_for_year


def _login(page: Page, base: str) -> None:
    page.goto(base + "/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("vanhoa")
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_reorder_themes_and_view_on_a_phone(live_server, page: Page):
    commune = load_foundation()
    load(commune)
    seed = Plan.objects.get(commune=commune, title=SEED_TITLE)
    draft = plan_copy_for_year(plan=seed, actor=None, year=2024)
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    _login(page, live_server.url)

    edit = reverse("plans:edit_section", args=[commune.slug, draft.pk, "themes"])
    page.goto(live_server.url + edit)
    second = page.locator("ol.plan-items > li").nth(1)
    second.get_by_role("button", name="Chuyển lên").click()
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_load_state()
    themes = list(draft.themes.values_list("letter", "text"))
    seed_themes = list(seed.themes.values_list("text", flat=True))
    assert [t[0] for t in themes] == ["a", "b", "c", "d", "e", "g"]  # the plan's lettering
    assert [t[1] for t in themes[:2]] == [seed_themes[1], seed_themes[0]]

    page.set_viewport_size({"width": 360, "height": 740})
    for name in ("detail", "preview"):
        page.goto(live_server.url + reverse(f"plans:{name}", args=[commune.slug, seed.pk]))
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.locator(".od .type").inner_text() == "KẾ HOẠCH"
    assert problems == []
