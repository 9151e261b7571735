"""Importing villages and users: template, row-level Vietnamese errors, all or nothing."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from loalang.accounts.models import Membership, Role, User
from loalang.core.testing.sheets import with_far_cell
from loalang.places.models import Village
from loalang.provinces.imports import HEADERS, SHEET_ROLES, USERS, VILLAGES
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
            HEADERS[VILLAGES],
            ["xã Điền Lư", "bản", "Khằm", 182, 730],
            ["14950", "thôn", "Đông Tâm", "", ""],
        ]
    )
    response = client.post(url, {"kind": "thon", "file": sheet})
    assert response.status_code == 302
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
            HEADERS[VILLAGES],
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
        '"Xã, phường",Tên đăng nhập,Họ và tên,Vai trò,Thôn (trưởng thôn)\n'
        "Điền Lư,vanhoa.dienlu,Lê Thị Hoa,Văn hóa - Xã hội (phụ trách truyền thông),\n"
        "Điền Lư,truongthon.kham,Hà Văn Khằm,Trưởng thôn,Khằm\n"
    ).encode("utf-8-sig")
    response = client.post(
        url, {"kind": "nguoi-dung", "file": SimpleUploadedFile("u.csv", content)}
    )
    assert response.status_code == 302  # a reload of the result page never imports again
    page = client.get(response["Location"])
    assert page["Cache-Control"] == "no-store"
    user = User.objects.get(username="truongthon.kham")
    assert user.must_change_password and user.full_name == "Hà Văn Khằm"
    m = Membership.objects.get(user=user)
    assert (m.role, m.commune, m.village.name) == (Role.VILLAGE_HEAD, commune, "Khằm")
    assert "truongthon.kham" in page.content.decode()
    password = page.context["result"].passwords[1][2]
    assert password in page.content.decode()
    again = client.get(response["Location"])  # shown once: then the address leads to the form
    assert again.status_code == 302 and again["Location"] == url
    # one-time passwords use the cheap hasher (2,000 rows fit in a request); they work
    assert user.password.startswith("pbkdf2_sha256_onetime$20000$")


def test_a_dimension_bomb_workbook_is_read_within_bounds(client, setup):
    """A 5 KB workbook claiming A1:XFD1048576 once took the server to 20 GB (red-team)."""
    _p, commune, url = setup
    bomb = with_far_cell(xlsx([HEADERS[VILLAGES], ["Điền Lư", "bản", "Khằm", 182, ""]]).read())
    response = client.post(url, {"kind": "thon", "file": SimpleUploadedFile("bomb.xlsx", bomb)})
    assert response.status_code == 302  # the one real row is imported; the far cell is ignored
    assert Village.objects.filter(commune=commune, name="Khằm").exists()


def test_users_import_refuses_a_taken_name_and_creates_nobody(client, setup):
    _p, _c, url = setup
    User.objects.create(username="chutich")
    content = (
        '"Xã, phường",Tên đăng nhập,Họ và tên,Vai trò,Thôn (trưởng thôn)\n'
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


def csv_upload(kind, lines, delimiter=","):
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter).writerows([HEADERS[kind], *lines])
    return SimpleUploadedFile("t.csv", buf.getvalue().encode("utf-8-sig"))


def refused(client, url, kind, upload):
    response = client.post(url, {"kind": kind, "file": upload})
    assert response.status_code == 400
    return response.content.decode()


def test_overlong_and_oversized_values_are_row_errors(client, setup):
    _p, commune, url = setup
    text = refused(
        client,
        url,
        VILLAGES,
        csv_upload(
            VILLAGES,
            [
                ["Điền Lư", "bản", "Khằm", "99999999999999999999", ""],
                ["Điền Lư", "bản", "K" * 121, "", ""],
                ["Điền Lư", "bản", "Nán", "", "1000001"],
            ],
        ),
    )
    assert "Dòng 2: số hộ “99999999999999999999” lớn quá (tối đa 1.000.000)." in text
    assert "Dòng 3: tên thôn dài quá 120 ký tự" in text
    assert "Dòng 4: số nhân khẩu “1000001” lớn quá" in text
    assert not Village.objects.filter(commune=commune).exists()
    text = refused(
        client,
        url,
        USERS,
        csv_upload(
            USERS,
            [
                ["Điền Lư", "u" * 200, "Tên", "Chủ tịch UBND", ""],
                ["Điền Lư", "hoa", "H" * 151, "Chủ tịch UBND", ""],
            ],
        ),
    )
    assert "Dòng 2: tên đăng nhập dài quá 150 ký tự" in text
    assert "Dòng 3: họ và tên dài quá 150 ký tự" in text
    assert not User.objects.filter(username="hoa").exists()


def test_a_model_check_failing_is_a_row_error_not_a_crash(client, setup, monkeypatch):
    _p, _commune, url = setup

    def clean(self):
        raise ValidationError("Tên này không dùng được.")

    monkeypatch.setattr(Village, "clean", clean)
    text = refused(client, url, VILLAGES, csv_upload(VILLAGES, [["Điền Lư", "bản", "Khằm"]]))
    assert "Dòng 2: Tên này không dùng được." in text


@pytest.mark.parametrize("value", ["12.0", "35.7", "1.234", "1,234", "12 hộ", "½"])
def test_a_number_that_is_not_whole_digits_is_refused_not_multiplied(client, setup, value):
    _p, commune, url = setup
    upload = csv_upload(VILLAGES, [["Điền Lư", "bản", "Khằm", value, ""]])
    text = refused(client, url, VILLAGES, upload)
    assert f"Dòng 2: số hộ “{value}” phải là số nguyên" in text
    assert not Village.objects.filter(commune=commune).exists()


def test_xlsx_numbers_whole_floats_are_accepted_fractions_refused(client, setup):
    _p, commune, url = setup
    sheet = xlsx([HEADERS[VILLAGES], ["Điền Lư", "bản", "Khằm", 12.0, 730.5]])
    text = refused(client, url, VILLAGES, sheet)
    assert "Dòng 2: số nhân khẩu “730.5” phải là số nguyên" in text
    sheet = xlsx([HEADERS[VILLAGES], ["Điền Lư", "bản", "Khằm", 12.0, 730]])
    assert client.post(url, {"kind": VILLAGES, "file": sheet}).status_code == 302
    village = Village.objects.get(commune=commune)
    assert (village.households, village.population) == (12, 730)


@pytest.mark.parametrize(
    "header",
    [
        ["Xã, phường", "foo", "bar", "baz", "qux"],
        ["Xã, phường", "Loại", "Tên thôn, bản, tổ dân phố", "Số nhân khẩu", "Số hộ"],
        ["Xã, phường", "Loại", "Tên thôn, bản, tổ dân phố", "Số hộ"],
        [*HEADERS[VILLAGES], "Ghi chú"],
    ],
)
def test_every_header_must_be_the_templates_in_order(client, setup, header):
    _p, commune, url = setup
    sheet = xlsx([header, ["Điền Lư", "bản", "Khằm", 700, 3000]])
    text = refused(client, url, VILLAGES, sheet)
    assert "Dòng 1 phải là dòng tiêu đề theo mẫu" in text
    assert "“Số hộ”, “Số nhân khẩu”" in text
    assert not Village.objects.filter(commune=commune).exists()


def test_headers_match_whatever_the_case_diacritics_and_spacing(client, setup):
    _p, commune, url = setup
    header = ["XA, PHUONG", " loai ", "Ten thon,  ban, to dan pho", "so ho", "Số nhân khẩu"]
    sheet = xlsx([header, ["Điền Lư", "bản", "Khằm", 182, 730]])
    assert client.post(url, {"kind": VILLAGES, "file": sheet}).status_code == 302
    assert Village.objects.filter(commune=commune, name="Khằm").exists()


def test_a_huge_cell_is_echoed_cut_short(client, setup):
    _p, _c, url = setup
    huge = "X" * 1_000_000
    sheet = xlsx([HEADERS[USERS], [huge, huge, huge, huge, huge]])
    response = client.post(url, {"kind": USERS, "file": sheet})
    assert response.status_code == 400
    assert len(response.content) < 50_000
    assert "“" + "X" * 60 + "…”" in response.content.decode()


def test_every_row_error_echoes_at_most_sixty_characters(client, setup):
    _p, _c, url = setup
    long = "ê" * 500
    text = refused(
        client,
        url,
        USERS,
        csv_upload(
            USERS,
            [
                ["Điền Lư", "a" * 140 + "!", "Tên", "Chủ tịch UBND", ""],
                ["Điền Lư", "b", "Tên", long, ""],
            ],
        ),
    )
    assert "ê" * 61 not in text and "a" * 61 not in text
    assert "Dòng 2: tên đăng nhập “" + "a" * 60 + "…”" in text
    assert "Dòng 3: vai trò “" + "ê" * 60 + "…”" in text


def test_a_semicolon_csv_is_read(client, setup):
    _p, commune, url = setup
    upload = csv_upload(VILLAGES, [["Điền Lư", "thôn", "Đông Tâm", "168", "700"]], ";")
    assert client.post(url, {"kind": VILLAGES, "file": upload}).status_code == 302
    village = Village.objects.get(commune=commune)
    assert (village.name, village.households, village.population) == ("Đông Tâm", 168, 700)


def test_empty_username_formula_cell_and_blank_rows(client, setup):
    _p, _commune, url = setup
    text = refused(
        client, url, USERS, csv_upload(USERS, [["Điền Lư", "", "Tên", "Chủ tịch UBND", ""]])
    )
    assert "Dòng 2: thiếu tên đăng nhập." in text
    sheet = xlsx([HEADERS[VILLAGES], ["Điền Lư", "bản", "=B1", 1, 2]])
    text = refused(client, url, VILLAGES, sheet)
    assert "Dòng 2, cột “Tên thôn, bản, tổ dân phố”: ô có công thức (=B1)" in text
    assert "thiếu tên thôn" not in text
    sheet = xlsx(
        [
            HEADERS[VILLAGES],
            ["   ", " ", "", None, "\u00a0"],
            ["Điền Lư", "bản", "Khằm", "x", ""],
        ]
    )
    text = refused(client, url, VILLAGES, sheet)
    assert "Dòng 3: số hộ “x” phải là số nguyên" in text  # the row number is the file's
    assert "Dòng 2" not in text


def test_the_roles_sheet_lists_every_role_the_import_accepts(client, setup):
    province, commune, url = setup
    template = reverse(
        "provinces:import_template",
        kwargs={"province_slug": province.slug, "kind": USERS, "fmt": "xlsx"},
    )
    wb = load_workbook(io.BytesIO(client.get(template).content))
    listed = [r[0].value for r in wb["Vai trò"].iter_rows(min_row=2)]
    assert listed == [str(r.label) for r in SHEET_ROLES]
    VillageFactory(commune=commune, name="Khằm")
    lines = [["Điền Lư", f"u{i}", "Tên", label, "Khằm"] for i, label in enumerate(listed)]
    assert client.post(url, {"kind": USERS, "file": csv_upload(USERS, lines)}).status_code == 302
    assert Membership.objects.filter(commune=commune).count() == len(listed)
    # roles that need a team or a unit are not in the list, and say where to grant them
    text = refused(
        client,
        url,
        USERS,
        csv_upload(USERS, [["Điền Lư", "to", "Tên", str(Role.TEAM_MEMBER.label), ""]]),
    )
    assert "Dòng 2: vai trò “Thành viên Tổ công nghệ số” cần chọn tổ" in text


def test_the_result_page_without_a_result_leads_to_the_form(client, setup):
    province, _c, url = setup
    done = reverse("provinces:import_done", kwargs={"province_slug": province.slug})
    response = client.get(done)
    assert response.status_code == 302 and response["Location"] == url
    assert client.post(done).status_code == 405


def test_a_village_typed_decomposed_is_stored_composed_and_is_the_same_village(client, setup):
    import unicodedata

    _p, commune, url = setup
    nfd = unicodedata.normalize("NFD", "Thử Lẻ")
    upload = xlsx(
        [HEADERS[VILLAGES], ["Điền Lư", "thôn", nfd, 1, 2], ["Điền Lư", "thôn", "Thử Lẻ", 1, 2]]
    )
    response = client.post(url, {"kind": VILLAGES, "file": upload})
    assert response.status_code == 400 and "đã có thôn" in response.content.decode()
    upload = xlsx([HEADERS[VILLAGES], ["Điền Lư", "thôn", nfd, 1, 2]])
    assert client.post(url, {"kind": VILLAGES, "file": upload}).status_code == 302
    assert Village.objects.get(commune=commune).name == "Thử Lẻ"  # NFC


@pytest.mark.parametrize("name", ["v\u0430nhoa", "nguyễn", "lê.văn"])  # Cyrillic а; accents
def test_a_username_must_be_plain_ascii(client, setup, name):
    _p, _commune, url = setup
    role = "Văn hóa - Xã hội (phụ trách truyền thông)"
    text = refused(
        client, url, USERS, csv_upload(USERS, [["Điền Lư", name, "Phạm Thị Lan", role, ""]])
    )
    assert "chỉ được có chữ không dấu" in text
    assert not User.objects.filter(full_name="Phạm Thị Lan").exists()


def test_a_fullwidth_username_is_stored_as_plain_ascii(client, setup):
    _p, _commune, url = setup
    role = "Văn hóa - Xã hội (phụ trách truyền thông)"
    upload = csv_upload(USERS, [["Điền Lư", "ｖａｎｈｏａ2", "Phạm Thị Lan", role, ""]])
    assert client.post(url, {"kind": USERS, "file": upload}).status_code == 302
    assert User.objects.get(full_name="Phạm Thị Lan").username == "vanhoa2"


def test_two_imports_before_the_result_page_keep_both_sets_of_passwords(client, setup):
    """Two tabs: each import's one-time passwords are shown, not only the last one's."""
    _p, _commune, url = setup
    role = "Văn hóa - Xã hội (phụ trách truyền thông)"
    for name in ("tab1", "tab2"):
        upload = csv_upload(USERS, [["Điền Lư", name, f"Người {name}", role, ""]])
        assert client.post(url, {"kind": USERS, "file": upload}).status_code == 302
    page = client.get(reverse("provinces:import_done", kwargs={"province_slug": _p.slug}))
    shown = [p[1] for p in page.context["result"].passwords]
    assert shown == ["tab1", "tab2"] and page.context["result"].created == 2


def test_communes_whose_names_fold_alike_are_told_apart_by_their_diacritics(client, setup):
    province, _commune, url = setup
    ha = CommuneFactory(province=province, name="Hà Long")
    ha_dot = CommuneFactory(province=province, name="Hạ Long")
    upload = csv_upload(VILLAGES, [["Hạ Long", "thôn", "Thôn Một", "1", "2"]])
    assert client.post(url, {"kind": VILLAGES, "file": upload}).status_code == 302
    assert Village.objects.get(name="Thôn Một").commune == ha_dot
    upload = csv_upload(VILLAGES, [["xã hà long", "thôn", "Thôn Hai", "1", "2"]])
    assert client.post(url, {"kind": VILLAGES, "file": upload}).status_code == 302
    assert Village.objects.get(name="Thôn Hai").commune == ha
    text = refused(client, url, VILLAGES, csv_upload(VILLAGES, [["Ha Long", "thôn", "Ba", "", ""]]))
    assert "không có xã, phường “Ha Long”" in text  # without diacritics it names two: refused
