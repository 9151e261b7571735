"""Staff report pages and province roll-ups: happy paths, outsiders, wrong methods."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from loalang.accounts.models import Role
from loalang.documents.readback import docx_paragraphs
from loalang.reports.models import Report
from loalang.reports.tests.factories import activity, report
from loalang.testing.factories import CommuneFactory, member

D = dt.date
pytestmark = pytest.mark.django_db


def url(view, commune, **kw):
    return reverse(f"reports:{view}", kwargs={"commune_slug": commune.slug, **kw})


def test_create_month_report_from_the_form(client, commune, culture_user):
    activity(commune, on=D(2023, 3, 5), reach=120)
    client.force_login(culture_user)
    response = client.post(
        url("create", commune),
        {"kind": "periodic", "period": "month", "year": 2023, "month": 3, "recipients": ""},
    )
    created = Report.objects.get()
    assert response.status_code == 302 and response["Location"] == url(
        "detail", commune, pk=created.pk
    )
    assert (created.date_from, created.date_to) == (D(2023, 3, 1), D(2023, 3, 31))
    assert created.title == "Kết quả công tác truyền thông chuyển đổi số tháng 3 năm 2023"
    page = client.get(url("detail", commune, pk=created.pk)).content.decode()
    assert "Phụ lục I. Các chỉ tiêu" in page and "không có số liệu" in page


def test_create_rejects_ad_hoc_without_reference_at_the_field(client, commune, culture_user):
    client.force_login(culture_user)
    response = client.post(
        url("create", commune), {"kind": "ad_hoc", "period": "year", "year": 2023}
    )
    assert response.status_code == 200
    assert "Báo cáo đột xuất cần ghi văn bản yêu cầu" in response.content.decode()
    assert not Report.objects.exists()


def test_create_without_any_indicator_set_says_so_instead_of_failing(client, commune, culture_user):
    """report_create raises a plain ValidationError (no field) here; the view used to read
    exc.message_dict, which only a dict of errors has, and answered 500."""
    from loalang.reports.models import IndicatorSet

    IndicatorSet.objects.update(is_active=False)
    client.force_login(culture_user)
    response = client.post(
        url("create", commune),
        {"kind": "periodic", "period": "month", "year": 2023, "month": 3, "recipients": ""},
    )
    assert response.status_code == 200
    assert "Chưa có bộ chỉ tiêu báo cáo nào" in response.content.decode()
    assert not Report.objects.exists()


def test_custom_period_needs_both_dates(client, commune, culture_user):
    client.force_login(culture_user)
    response = client.post(
        url("create", commune),
        {"kind": "periodic", "period": "custom", "year": 2023, "date_from": "2023-05-01"},
    )
    assert "Kỳ tùy chọn cần ngày kết thúc." in response.content.decode()
    assert not Report.objects.exists()


def test_edit_manual_and_workflow_to_issue(client, commune, culture_user, chair_user):
    rep = report(commune)
    client.force_login(culture_user)
    response = client.post(
        url("edit", commune, pk=rep.pk),
        {
            "title": rep.title,
            "recipients": "Sở Khoa học và Công nghệ tỉnh X\nSở Văn hóa",
            "distribution": "",
            "results_text": "1. Kết quả\n- Đã làm tốt.",
            "shortcomings_text": "Còn chậm.",
            "next_tasks_text": "",
            "proposals_text": "",
            "request_reference": "",
            "signer_authority": "TM. ỦY BAN NHÂN DÂN",
            "signer_deputy": "KT. CHỦ TỊCH",
            "signer_title": "PHÓ CHỦ TỊCH",
            "signer_name": "Lương Thị Hoa",
        },
    )
    assert response.status_code == 302
    manual = rep.indicator_set.indicators.get(code="6.1")
    bad = client.post(url("manual", commune, pk=rep.pk), {f"m{manual.pk}_p": "120"})
    assert bad.status_code == 400
    client.post(url("manual", commune, pk=rep.pk), {f"m{manual.pk}_p": "87.5"})
    assert client.post(url("submit", commune, pk=rep.pk)).status_code == 302
    client.force_login(chair_user)
    assert client.post(url("issue", commune, pk=rep.pk)).status_code == 302
    rep.refresh_from_db()
    assert rep.is_issued and rep.number == 1
    assert (
        rep.snapshot["rows"][[r["code"] for r in rep.snapshot["rows"]].index("6.1")]["period"]
        == 87.5
    )
    docx = client.get(url("download", commune, pk=rep.pk, fmt="docx"))
    text = "\n".join(docx_paragraphs(b"".join(docx.streaming_content)))
    assert "Còn chậm." in text and "Sở Văn hóa" in text
    assert "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH" in text and "Lương Thị Hoa" in text
    assert client.get(url("changes", commune, pk=rep.pk)).status_code == 200


def test_draft_downloads_and_chart(client, commune, culture_user):
    activity(commune, on=D(2023, 3, 5))
    rep = report(commune)
    client.force_login(culture_user)
    xlsx = client.get(url("download", commune, pk=rep.pk, fmt="xlsx"))
    assert xlsx.status_code == 200
    wb = load_workbook(io.BytesIO(xlsx.content))
    assert wb["Chỉ tiêu"]["A6"].value == "0.1" and wb["Chỉ tiêu"]["E6"].value == 1
    png = client.get(url("chart", commune, pk=rep.pk, name="kenh"))
    assert png["Content-Type"] == "image/png" and png.content[:4] == b"\x89PNG"
    assert client.get(url("download", commune, pk=rep.pk, fmt="exe")).status_code == 404


def test_outsider_gets_404(client, commune, outsider):
    rep = report(commune)
    client.force_login(outsider)
    for name in ("detail", "edit", "changes"):
        assert client.get(url(name, commune, pk=rep.pk)).status_code == 404
    # A report of another commune through one's own commune: 404 too.
    own = outsider.memberships.get().commune
    assert client.get(url("detail", own, pk=rep.pk)).status_code == 404


def test_wrong_method(client, commune, culture_user):
    rep = report(commune)
    client.force_login(culture_user)
    assert client.get(url("submit", commune, pk=rep.pk)).status_code == 405
    assert client.post(url("detail", commune, pk=rep.pk)).status_code == 405
    assert client.post(url("index", commune)).status_code == 405


def test_list_query_count(client, commune, culture_user, django_assert_max_num_queries):
    for month in range(1, 6):
        report(commune, date_from=D(2023, month, 1), date_to=D(2023, month, 28))
    client.force_login(culture_user)
    with django_assert_max_num_queries(12):
        assert client.get(url("index", commune)).status_code == 200


# --- Province roll-up ----------------------------------------------------------------------
def test_province_viewer_sees_rollup_drills_down_and_exports(
    client, commune, django_assert_max_num_queries
):
    second = CommuneFactory(province=commune.province)
    activity(commune, on=D(2023, 3, 5))
    activity(second, on=D(2023, 4, 5))
    activity(second, on=D(2023, 4, 6))
    viewer = member(commune, Role.PROVINCE_VIEWER)
    client.force_login(viewer)
    slug = commune.province.slug
    with django_assert_max_num_queries(35):  # constant: one grouped query per source table
        page = client.get(
            reverse("province:rollup", args=[slug]),
            {"date_from": "2023-01-01", "date_to": "2023-12-31"},
        )
    assert page.status_code == 200
    html = page.content.decode()
    assert "Tổng cộng" in html and second.name in html
    xlsx = client.get(
        reverse("province:rollup_xlsx", args=[slug]),
        {"date_from": "2023-01-01", "date_to": "2023-12-31"},
    )
    ws = load_workbook(io.BytesIO(xlsx.content))["Tổng hợp"]
    rows = {r[0]: r for r in ws.iter_rows(min_row=7, values_only=True)}
    assert rows["Tổng cộng"][1] == 3  # 0.1: all verified activities
    drill = client.get(
        reverse("province:commune", args=[slug, second.slug]),
        {"date_from": "2023-01-01", "date_to": "2023-12-31"},
    )
    assert drill.status_code == 200
    assert client.get(reverse("province:index")).status_code == 200
    assert (
        'data-testid="province-link"'
        in client.get(reverse("reports:index", args=[commune.slug])).content.decode()
    )


def test_province_pages_are_404_for_commune_staff_and_other_provinces(
    client, commune, culture_user
):
    client.force_login(culture_user)
    assert client.get(reverse("province:rollup", args=[commune.province.slug])).status_code == 404
    assert client.get(reverse("province:index")).status_code == 404
    other = CommuneFactory()
    client.force_login(member(other, Role.PROVINCE_VIEWER))
    assert client.get(reverse("province:rollup", args=[commune.province.slug])).status_code == 404
    assert (
        client.get(
            reverse("province:commune", args=[other.province.slug, commune.slug])
        ).status_code
        == 404
    )


def test_province_pages_need_login_and_get(client, commune):
    response = client.get(reverse("province:rollup", args=[commune.province.slug]))
    assert response.status_code == 302 and "/tai-khoan/dang-nhap/" in response["Location"]
    client.force_login(member(commune, Role.PROVINCE_VIEWER))
    assert client.post(reverse("province:rollup", args=[commune.province.slug])).status_code == 405


def test_bad_window_shows_error(client, commune):
    client.force_login(member(commune, Role.PROVINCE_VIEWER))
    page = client.get(
        reverse("province:rollup", args=[commune.province.slug]),
        {"date_from": "2023-05-01", "date_to": "2023-01-01"},
    )
    assert "Ngày kết thúc phải sau ngày bắt đầu." in page.content.decode()


# --- CLI -----------------------------------------------------------------------------------
def test_build_report_command_writes_each_format(tmp_path, commune):
    activity(commune, on=D(2023, 3, 5), reach=40)
    for fmt in ("docx", "pdf", "xlsx"):
        out = tmp_path / f"bc.{fmt}"
        call_command(
            "build_report",
            commune=commune.slug,
            date_from="2023-01-01",
            date_to="2023-12-31",
            fmt=fmt,
            output=str(out),
            stdout=io.StringIO(),
        )
        assert out.stat().st_size > 1000
    paragraphs = docx_paragraphs((tmp_path / "bc.docx").read_bytes())
    assert any("năm 2023" in p for p in paragraphs)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_build_report_command_rejects_bad_input(tmp_path, commune):
    with pytest.raises(CommandError, match="Không có xã"):
        call_command(
            "build_report",
            "--commune",
            "khong-co",
            "--from",
            "2023-01-01",
            "--to",
            "2023-12-31",
            "--format",
            "pdf",
            "--output",
            str(tmp_path / "x.pdf"),
        )
    with pytest.raises(CommandError, match="Ngày không hợp lệ"):
        call_command(
            "build_report",
            "--commune",
            commune.slug,
            "--from",
            "2023-13-01",
            "--to",
            "2023-12-31",
            "--format",
            "pdf",
            "--output",
            str(tmp_path / "x.pdf"),
        )
