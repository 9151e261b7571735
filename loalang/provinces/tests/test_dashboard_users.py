"""The province dashboard, users who have not logged in, password resets, province defaults."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from loalang.accounts.models import Role
from loalang.activities.tests.factories import PlanFactory
from loalang.provinces.selectors import province_dashboard
from loalang.provinces.tests.test_access import province_admin
from loalang.radio.tests.factories import ClusterFactory
from loalang.reports.tests.factories import activity, report
from loalang.testing.factories import CommuneFactory, ProvinceFactory, member

TODAY = dt.date(2026, 6, 15)


@pytest.fixture
def province(db):
    province = ProvinceFactory(name="Thanh Hóa")
    good = CommuneFactory(province=province, name="Điền Lư")
    PlanFactory(commune=good, year=2026, issued_on=dt.date(2026, 1, 5), issued_year=2026)
    activity(good, on=TODAY - dt.timedelta(days=3))
    ClusterFactory(commune=good)
    late = CommuneFactory(province=province, name="Ái Thượng")
    activity(late, on=TODAY - dt.timedelta(days=90))
    report(late, date_from=dt.date(2026, 1, 1), date_to=dt.date(2026, 3, 31))
    ClusterFactory(commune=late, status="broken")
    ClusterFactory(commune=late)
    CommuneFactory(name="Xã tỉnh khác")
    return province


def rows_by_name(rows):
    return {r.commune.name: r for r in rows}


def test_dashboard_flags_the_late_commune_and_not_the_good_one(
    province, django_assert_max_num_queries
):
    with django_assert_max_num_queries(5):
        rows = rows_by_name(province_dashboard(province=province, today=TODAY))
    assert set(rows) == {"Điền Lư", "Ái Thượng"}
    good, late = rows["Điền Lư"], rows["Ái Thượng"]
    assert good.has_issued_plan and good.verified_recent == 1 and not good.needs_attention
    assert not late.has_issued_plan
    assert late.is_quiet and late.last_verified_on == TODAY - dt.timedelta(days=90)
    assert (late.reports_late, late.reports_pending) == (1, 1)
    assert (late.clusters_off_air, late.clusters_total) == (1, 2)
    assert late.needs_attention


def test_dashboard_counts_only_verified_activity_for_the_last_day_and_the_recent_ones(province):
    good = province.communes.get(name="Điền Lư")
    activity(good, on=TODAY - dt.timedelta(days=10))
    activity(good, on=TODAY - dt.timedelta(days=40))  # before the 30 days
    activity(good, on=TODAY - dt.timedelta(days=1), status="reported")  # newer, not verified
    late = province.communes.get(name="Ái Thượng")
    activity(late, on=TODAY - dt.timedelta(days=2), status="reported")
    rows = rows_by_name(province_dashboard(province=province, today=TODAY))
    assert rows["Điền Lư"].last_verified_on == TODAY - dt.timedelta(days=3)
    assert rows["Điền Lư"].verified_recent == 2
    assert rows["Ái Thượng"].last_verified_on == TODAY - dt.timedelta(days=90)
    assert rows["Ái Thượng"].verified_recent == 0


def test_dashboard_sorts_and_filters(province):
    by_reports = province_dashboard(province=province, today=TODAY, sort="bao-cao")
    assert by_reports[0].commune.name == "Ái Thượng"
    only = province_dashboard(province=province, today=TODAY, only_attention=True)
    assert [r.commune.name for r in only] == ["Ái Thượng"]


@time_machine.travel(dt.datetime(2026, 6, 15, 9, tzinfo=dt.UTC))
def test_dashboard_page_and_its_spreadsheet_speak_vietnamese(client, province):
    client.force_login(province_admin(province))
    page = client.get(reverse("provinces:dashboard", kwargs={"province_slug": province.slug}))
    text = page.content.decode()
    assert "Chưa ban hành" in text and "1/2 không phát được" in text and "1 trễ hạn" in text
    url = reverse(
        "provinces:dashboard_export", kwargs={"province_slug": province.slug, "fmt": "xlsx"}
    )
    wb = load_workbook(io.BytesIO(client.get(url + "?sap-xep=bao-cao").content))
    values = [[c.value for c in row] for row in wb.active.iter_rows()]
    header = next(r for r in values if r[0] == "Xã, phường")
    assert "Kế hoạch năm 2026 đã ban hành" in header
    first = values[values.index(header) + 1]
    assert first[0] == "Xã Ái Thượng" and first[1] == "Chưa" and first[-1] == "Có"
    csv = client.get(url.replace(".xlsx", ".csv")).content.decode("utf-8-sig")
    assert csv.splitlines()[0].startswith("Xã, phường") or csv.splitlines()[0].startswith(
        '"Xã, phường"'
    )


def test_users_page_lists_who_has_not_logged_in(client, province):
    commune = province.communes.first()
    never = member(commune, Role.CULTURE)
    never.full_name = "Chưa Vào Bao Giờ"
    never.save()
    recent = member(commune, Role.CHAIR)
    recent.full_name = "Mới Vào Hôm Qua"
    recent.last_login = timezone.now() - dt.timedelta(days=1)
    recent.save()
    client.force_login(province_admin(province))
    url = reverse("provinces:users", kwargs={"province_slug": province.slug})
    text = client.get(url + "?chua-dang-nhap=1").content.decode()
    assert "Chưa Vào Bao Giờ" in text and "Chưa đăng nhập lần nào" in text
    assert "Mới Vào Hôm Qua" not in text


def test_reset_password_forces_a_change_and_shows_it_once(client, province):
    victim = member(province.communes.first(), Role.CULTURE)
    client.force_login(province_admin(province))
    url = reverse("provinces:user_reset", kwargs={"province_slug": province.slug, "pk": victim.pk})
    response = client.post(url)
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    password = response.content.decode().split('data-testid="password">')[1].split("<")[0]
    victim.refresh_from_db()
    assert victim.must_change_password and victim.check_password(password)


def test_defaults_make_the_province_set_with_its_recipients(client, province):
    from loalang.reports.models import IndicatorSet
    from loalang.reports.selectors import indicator_set_for
    from loalang.reports.services import default_recipients

    base = IndicatorSet.objects.create(code="bo-chung", name="Bộ chỉ tiêu chung")
    client.force_login(province_admin(province))
    url = reverse("provinces:defaults", kwargs={"province_slug": province.slug})
    response = client.post(
        url,
        {
            "indicator_set": base.pk,
            "recipients": (
                "Sở Văn hóa, Thể thao và Du lịch tỉnh {tinh}\n\n"
                "Sở Khoa học và Công nghệ tỉnh {tinh}"
            ),
        },
    )
    assert response.status_code == 302
    commune = province.communes.first()
    chosen = indicator_set_for(commune)
    assert chosen.province == province and chosen.name == "Bộ chỉ tiêu chung"
    assert default_recipients(commune).splitlines() == [
        "Sở Văn hóa, Thể thao và Du lịch tỉnh Thanh Hóa",
        "Sở Khoa học và Công nghệ tỉnh Thanh Hóa",
    ]
    assert client.post(url, {"indicator_set": base.pk, "recipients": "  "}).status_code == 400
