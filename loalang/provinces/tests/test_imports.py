"""Importing villages and users: template, row-level Vietnamese errors, all or nothing."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from loalang.accounts.models import Membership, Role, User
from loalang.core.testing.sheets import with_far_cell
from loalang.places.models import Village
from loalang.provinces.tests.test_access import province_admin
from loalang.testing.factories import CommuneFactory, ProvinceFactory, VillageFactory


def xlsx(rows):
    wb = Workbook()
    for r in rows:
        wb.active.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("thon.xlsx", buf.getvalue())


@pytest.fixture
def setup(client, db):
    province = ProvinceFactory()
    commune = CommuneFactory(province=province, name="Điền Lư", code="14950")
    client.force_login(province_admin(province))
    return province, commune, reverse("provinces:import", kwargs={"province_slug": province.slug})


def test_template_downloads_as_a_workbook_with_the_header(client, setup):
    province, _c, _u = setup
    url = reverse(
        "provinces:import_template",
        kwargs={"province_slug": province.slug, "kind": "nguoi-dung", "fmt": "xlsx"},
    )
    wb = load_workbook(io.BytesIO(client.get(url).content))
    header = [c.value for c in next(wb.worksheets[0].iter_rows())]
    assert header[:4] == ["Xã, phường", "Tên đăng nhập", "Họ và tên", "Vai trò"]
    assert "Trưởng thôn" in [r[0].value for r in wb["Vai trò"].iter_rows()]


def test_villages_import_from_xlsx(client, setup):
    _p, commune, url = setup
    sheet = xlsx(
        [
            ["Xã", "Loại", "Tên", "Hộ", "Khẩu"],
            ["xã Điền Lư", "bản", "Khằm", 182, 730],
            ["14950", "thôn", "Đông Tâm", "", ""],
        ]
    )
    response = client.post(url, {"kind": "thon", "file": sheet})
    assert response.status_code == 200
    assert sorted(Village.objects.filter(commune=commune).values_list("name", flat=True)) == [
        "Khằm",
        "Đông Tâm",
    ]
    assert Village.objects.get(name="Khằm").households == 182


def test_one_bad_row_imports_nothing_and_names_every_error(client, setup):
    _p, commune, url = setup
    VillageFactory(commune=commune, name="Nán")
    sheet = xlsx(
        [
            ["Xã", "Loại", "Tên", "Hộ", "Khẩu"],
            ["Điền Lư", "bản", "Khằm", 182, ""],
            ["Điền Lư", "bản", "Nán", "", ""],
            ["Xã Không Có", "bản", "Ấm", "", ""],
            ["Điền Lư", "làng", "Bái", "-3", ""],
        ]
    )
    response = client.post(url, {"kind": "thon", "file": sheet})
    text = response.content.decode()
    assert response.status_code == 400
    assert "Dòng 3: xã Điền Lư đã có thôn “Nán”." in text
    assert "Dòng 4: không có xã, phường “Xã Không Có” trong tỉnh." in text
    assert "Dòng 5: loại “làng” không hợp lệ" in text
    assert "Dòng 5: số hộ không được âm." in text
    assert list(Village.objects.filter(commune=commune).values_list("name", flat=True)) == ["Nán"]


def test_users_import_from_csv_forces_a_password_change(client, setup):
    _p, commune, url = setup
    VillageFactory(commune=commune, name="Khằm")
    content = (
        "Xã, phường,Tên đăng nhập,Họ và tên,Vai trò,Thôn\n"
        "Điền Lư,vanhoa.dienlu,Lê Thị Hoa,Văn hóa - Xã hội (phụ trách truyền thông),\n"
        "Điền Lư,truongthon.kham,Hà Văn Khằm,Trưởng thôn,Khằm\n"
    ).encode("utf-8-sig")
    response = client.post(
        url, {"kind": "nguoi-dung", "file": SimpleUploadedFile("u.csv", content)}
    )
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    user = User.objects.get(username="truongthon.kham")
    assert user.must_change_password and user.full_name == "Hà Văn Khằm"
    m = Membership.objects.get(user=user)
    assert (m.role, m.commune, m.village.name) == (Role.VILLAGE_HEAD, commune, "Khằm")
    assert "truongthon.kham" in response.content.decode()
    # one-time passwords use the cheap hasher (2,000 rows fit in a request); they work
    assert user.password.startswith("pbkdf2_sha256_onetime$20000$")


def test_a_dimension_bomb_workbook_is_read_within_bounds(client, setup):
    """A 5 KB workbook claiming A1:XFD1048576 once took the server to 20 GB (red-team)."""
    _p, commune, url = setup
    bomb = with_far_cell(
        xlsx([["Xã", "Loại", "Tên", "Hộ", "Khẩu"], ["Điền Lư", "bản", "Khằm", 182, ""]]).read()
    )
    response = client.post(url, {"kind": "thon", "file": SimpleUploadedFile("bomb.xlsx", bomb)})
    assert response.status_code == 200  # the one real row is imported; the far cell is ignored
    assert Village.objects.filter(commune=commune, name="Khằm").exists()


def test_users_import_refuses_a_taken_name_and_creates_nobody(client, setup):
    _p, _c, url = setup
    User.objects.create(username="chutich")
    content = (
        "Xã,Tên đăng nhập,Họ và tên,Vai trò,Thôn\n"
        "Điền Lư,moi,Người Mới,Chủ tịch UBND,\n"
        "Điền Lư,chutich,Trùng Tên,Chủ tịch UBND,\n"
        "Điền Lư,khac,Vai Trò Lạ,Giám đốc,\n"
    ).encode()
    response = client.post(
        url, {"kind": "nguoi-dung", "file": SimpleUploadedFile("u.csv", content)}
    )
    text = response.content.decode()
    assert response.status_code == 400
    assert "Dòng 3: tên đăng nhập “chutich” đã có." in text
    assert "Dòng 4: vai trò “Giám đốc” không có trong danh sách" in text
    assert not User.objects.filter(username="moi").exists()


def test_other_file_types_are_refused_in_vietnamese(client, setup):
    _p, _c, url = setup
    response = client.post(url, {"kind": "thon", "file": SimpleUploadedFile("a.txt", b"x")})
    assert response.status_code == 400
    assert "Chỉ nhận tệp .xlsx hoặc .csv theo mẫu." in response.content.decode()


def test_a_file_without_the_template_header_is_refused_in_vietnamese(client, setup):
    _p, commune, url = setup
    content = "a,b,c\nĐiền Lư,bản,Khằm\n".encode()
    response = client.post(url, {"kind": "thon", "file": SimpleUploadedFile("t.csv", content)})
    assert response.status_code == 400
    assert "Dòng 1 phải là dòng tiêu đề theo mẫu" in response.content.decode()
    assert not Village.objects.filter(commune=commune).exists()
