"""Browser walk of the commendation form on a phone: search activities as one types (no page
reload), tick one, search again, save; the ticked activity is linked."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from loalang.commendations.models import Commendation
from loalang.home.demo import load_foundation
from loalang.places.models import Village
from loalang.tasks.tests.factories import make_activity
from loalang.testing.browser import login


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_search_and_pick_activities_without_reload(live_server, page: Page):
    commune = load_foundation()
    wanted = make_activity(commune, title="Hướng dẫn cài đặt VNeID", held_on=dt.date(2023, 3, 1))
    banner = make_activity(commune, title="Treo băng rôn ở bản Khằm")
    make_activity(commune, title="Cài đặt chưa xác nhận", status="reported")
    village = Village.objects.filter(commune=commune).first()
    assert village is not None
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.set_viewport_size({"width": 360, "height": 740})

    login(page, live_server.url, "vanhoa")
    page.goto(f"{live_server.url}/app/{commune.slug}/bieu-duong/them/")
    page.select_option("[name=subject_kind]", "village")
    page.select_option("[name=village]", str(village.pk))
    page.get_by_label("Thành tích").fill("Dẫn đầu về VNeID")
    page.fill("[name=awarded_on]", "2023-12-20")
    page.evaluate("window.notReloaded = true")

    page.get_by_test_id("activity-q").fill("cai dat")
    results = page.get_by_test_id("activity-results")
    expect(results).to_contain_text("Hướng dẫn cài đặt VNeID")
    expect(results).not_to_contain_text("Treo băng rôn")
    expect(results).not_to_contain_text("chưa xác nhận")
    results.get_by_label("Hướng dẫn cài đặt VNeID", exact=False).check()
    expect(page.get_by_test_id("activity-selected")).to_contain_text("Hướng dẫn cài đặt VNeID")

    page.get_by_test_id("activity-q").fill("treo bang")
    expect(results).to_contain_text("Treo băng rôn")
    assert page.evaluate("window.notReloaded") is True  # searched in place
    expect(page.get_by_test_id("activity-selected")).to_contain_text("Hướng dẫn cài đặt VNeID")

    page.get_by_test_id("save").click()
    expect(page.get_by_role("status")).to_contain_text("Đã ghi biểu dương")
    c = Commendation.objects.get()
    assert list(c.activities.all()) == [wanted] and banner not in c.activities.all()
    assert errors == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_search_works_without_javascript(live_server, browser):
    commune = load_foundation()
    wanted = make_activity(commune, title="Hướng dẫn cài đặt VNeID")
    for i in range(12):  # the newest ones, shown before any search
        make_activity(commune, title=f"Họp dân {i}", held_on=dt.date(2024, 1, 1 + i))
    village = Village.objects.filter(commune=commune).first()
    assert village is not None
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()
    login(page, live_server.url, "vanhoa")
    page.goto(f"{live_server.url}/app/{commune.slug}/bieu-duong/them/")
    expect(page.get_by_test_id("activity-results")).not_to_contain_text("cài đặt VNeID")
    page.select_option("[name=subject_kind]", "village")
    page.select_option("[name=village]", str(village.pk))
    page.get_by_label("Thành tích").fill("Dẫn đầu về VNeID")
    page.fill("[name=awarded_on]", "2023-12-20")
    page.get_by_test_id("activity-q").fill("cài đặt")
    page.get_by_test_id("activity-find").click()
    results = page.get_by_test_id("activity-results")
    expect(results).to_contain_text("Hướng dẫn cài đặt VNeID")
    expect(results).not_to_contain_text("Họp dân")
    expect(page.get_by_label("Thành tích")).to_have_value("Dẫn đầu về VNeID")  # kept
    results.get_by_label("Hướng dẫn cài đặt VNeID", exact=False).check()
    page.get_by_test_id("save").click()
    expect(page.get_by_role("status")).to_contain_text("Đã ghi biểu dương")
    assert list(Commendation.objects.get().activities.all()) == [wanted]
    context.close()
