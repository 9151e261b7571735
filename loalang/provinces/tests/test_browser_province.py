"""Issue 19's "done when", in a real browser: the province administrator onboards the province's
communes from the official list, imports a village sheet, maps a commune's portal to its own
host name, and the dashboard shows the communes needing attention; the portal then answers on
that host."""

from __future__ import annotations

import http.client
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from loalang.home.demo import DEMO_PASSWORD, load_foundation
from loalang.places.models import Commune, Village
from loalang.provinces import hosts
from loalang.provinces.demo import USERNAME
from loalang.provinces.demo import load as load_province_admin
from loalang.provinces.imports import HEADERS, VILLAGES


def _get(base: str, path: str, host: str) -> tuple[int, str]:
    """GET through the live server with another Host header, as the commune's DNS name would."""
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=30)
    conn.request("GET", path, headers={"Host": host})
    response = conn.getresponse()
    body = response.read().decode()
    conn.close()
    return response.status, body


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_province_admin_onboards_imports_maps_a_host_and_sees_late_communes(
    live_server, page: Page, settings, tmp_path
):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, ".thanhhoa.gov.vn"]
    commune = load_foundation()
    load_province_admin(commune)
    hosts.forget()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)

    page.goto(live_server.url + "/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(USERNAME)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_test_id("province-admin-link").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Thanh Hóa")

    # 1. The official list: the province's communes with their official codes.
    page.get_by_role("button", name="Nạp, cập nhật xã, phường từ danh mục chính thức").click()
    expect(page.locator("main")).to_contain_text("Điền Lư")
    dien_lu = Commune.objects.get(province=commune.province, name="Điền Lư")
    assert dien_lu.code and Commune.objects.filter(province=commune.province).count() > 100

    # 2. A village sheet, as a clerk saves it from Excel (semicolons), imported whole.
    sheet = tmp_path / "thon.csv"
    rows = [HEADERS[VILLAGES], ["Điền Lư", "thôn", "Thôn Đồng Tâm", "182", "730"]]
    sheet.write_text("\n".join(";".join(r) for r in rows) + "\n", encoding="utf-8-sig")
    page.get_by_role("navigation", name="Quản trị cấp tỉnh").get_by_role(
        "link", name="Nhập từ tệp"
    ).click()
    page.get_by_label("Tệp theo mẫu (.xlsx hoặc .csv)").set_input_files(str(sheet))
    page.get_by_role("button", name="Nhập", exact=True).click()
    expect(page.locator("main")).to_contain_text("1")
    village = Village.objects.get(commune=dien_lu, name="Thôn Đồng Tâm")
    assert (village.households, village.population) == (182, 730)

    # 3. Điền Lư's portal on its own host name.
    page.get_by_role("navigation", name="Quản trị cấp tỉnh").get_by_role(
        "link", name="Tên miền"
    ).click()
    page.get_by_label("Xã, phường").select_option(value=str(dien_lu.pk))
    page.get_by_label("Tên miền").fill("dienlu.thanhhoa.gov.vn")
    page.get_by_role("button", name="Gắn tên miền").click()
    expect(page.locator("main")).to_contain_text("dienlu.thanhhoa.gov.vn")
    status, body = _get(live_server.url, "/", "dienlu.thanhhoa.gov.vn")
    assert status == 200 and "Điền Lư" in body
    assert 'rel="canonical" href="http://dienlu.thanhhoa.gov.vn/"' in body

    # 4. The dashboard: every new commune lacks an issued plan this year.
    page.get_by_role("navigation", name="Quản trị cấp tỉnh").get_by_role(
        "link", name="Theo dõi"
    ).click()
    row = page.get_by_role("row").filter(has_text="Điền Lư").first
    expect(row).to_contain_text("Chưa ban hành")
    expect(row).to_contain_text("Không có")
    assert problems == []
