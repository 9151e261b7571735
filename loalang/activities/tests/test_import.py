import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from loalang.activities.imports import activities_import, template_xlsx
from loalang.activities.models import Activity
from loalang.activities.tests.factories import PlanFactory, themes_for
from loalang.testing.factories import VillageFactory

pytestmark = pytest.mark.django_db

HEAD = "Hình thức,Tiêu đề,Ngày thực hiện,Thôn,Nội dung,Số người tiếp cận,Nền tảng,Số hộ,Người dân\n"


@pytest.fixture
def ready(commune):
    plan = PlanFactory(commune=commune, year=2023)
    themes_for(plan, "abc")
    VillageFactory(commune=commune, name="Khằm")
    VillageFactory(commune=commune, name="Nán")
    return commune


def test_template_imports_as_is(ready, culture_user):
    result = activities_import(commune=ready, actor=culture_user, data=template_xlsx())
    assert result.ok, result.errors
    assert {a.kind for a in result.created} == {"event", "team_guidance"}
    guided = Activity.objects.get(kind="team_guidance")
    assert guided.team_guidance.households == 18
    assert guided.team_guidance.counts.get().platform == "vneid_level2"
    wb = load_workbook(io.BytesIO(template_xlsx()))
    assert wb.worksheets[0]["A1"].value == "Hình thức"


def test_csv_without_accents_in_headers_and_semicolons(ready, culture_user):
    data = (
        "Hinh thuc;Tieu de;Ngay thuc hien;Thon;Noi dung\n"
        "Bản tin, thông tin nội bộ;Bản tin tháng 3;02/03/2023;Khằm;a\n"
    ).encode()
    result = activities_import(commune=ready, actor=culture_user, data=data)
    assert result.ok, result.errors
    assert result.created[0].kind == "bulletin"


def test_errors_per_row_and_nothing_saved(ready, culture_user):
    data = (
        HEAD
        + "event,Hội nghị,15/03/2023,Khằm,a,50,,,50\n"
        + "event,Hội nghị 2,31/02/2023,Khằm,a,50,,,50\n"
        + "bay,Không rõ,15/03/2023,,,,,,\n"
        + "event,Thôn lạ,15/03/2023,Bản Ma,a,1,,,1\n"
        + "event,Nội dung lạ,15/03/2023,,z,1,,,1\n"
    ).encode("utf-8-sig")
    result = activities_import(commune=ready, actor=culture_user, data=data)
    rows = [r for r, _ in result.errors]
    assert rows == [3, 4, 5, 6]
    assert "ngày không hợp lệ" in result.errors[0][1]
    assert "Bản Ma" in result.errors[2][1]
    assert not Activity.objects.exists()


def test_missing_required_column(ready, culture_user):
    result = activities_import(commune=ready, actor=culture_user, data=b"Foo,Bar\n1,2\n")
    assert not result.ok and "Thiếu cột" in result.errors[0][1]


def test_import_page_and_template_download(client, ready, culture_user, outsider):
    client.force_login(culture_user)
    url = reverse("activities:import", kwargs={"commune_slug": ready.slug})
    bad = io.BytesIO((HEAD + "event,Hội nghị,32/03/2023,,,,,,\n").encode())
    bad.name = "x.csv"
    body = client.post(url, {"file": bad}).content.decode()
    assert "Dòng 2" in body
    good = io.BytesIO((HEAD + "event,Hội nghị,15/03/2023,Khằm,a,50,,,50\n").encode())
    good.name = "x.csv"
    assert client.post(url, {"file": good}).status_code == 302
    assert Activity.objects.count() == 1
    response = client.get(
        reverse("activities:import_template", kwargs={"commune_slug": ready.slug})
    )
    assert response.content.startswith(b"PK")
    assert client.put(url).status_code == 405
    client.force_login(outsider)
    assert client.get(url).status_code == 404


def test_command_line_import(ready, tmp_path, capsys):
    path = tmp_path / "a.csv"
    path.write_text(HEAD + "event,Hội nghị,15/03/2023,Khằm,a,50,,,50\n", encoding="utf-8")
    call_command("import_activities", str(path), commune=ready.slug)
    assert Activity.objects.count() == 1
    path.write_text(HEAD + "event,Hội nghị,xx,Khằm,a,50,,,50\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_activities", str(path), commune=ready.slug)
    assert "dòng 2" in capsys.readouterr().err
    assert Activity.objects.count() == 1


@pytest.mark.parametrize(
    "data", [b"%PDF-1.4\n%%EOF\n", b"0" * 300_000, b"\xff\xfe\x00garbage", b""]
)
def test_files_that_are_not_spreadsheets_get_a_message(ready, culture_user, data):
    result = activities_import(commune=ready, actor=culture_user, data=data)
    assert not result.ok and result.errors[0][0] == 0
