"""The official list: loading a province, former units (whole and split), the demo's history."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from loalang.core.models import AuditEntry
from loalang.places.models import Commune, CommuneMerger
from loalang.places.official import official
from loalang.places.selectors import commune_official_fate
from loalang.places.services import province_load_official
from loalang.testing.factories import CommuneFactory, ProvinceFactory, member


def test_snapshot_has_the_34_provinces_and_3321_units():
    data = official()
    assert len(data.provinces) == 34
    assert len(data.communes) == 3321
    assert data.effective_on.isoformat() == "2025-07-01"


def test_six_centrally_run_cities_and_28_provinces():
    names = sorted(p.name for p in official().provinces.values())
    cities = [n for n in names if n.startswith("Thành phố ")]
    assert cities == [
        "Thành phố Cần Thơ",
        "Thành phố Huế",
        "Thành phố Hà Nội",
        "Thành phố Hải Phòng",
        "Thành phố Hồ Chí Minh",
        "Thành phố Đà Nẵng",
    ]
    assert sum(n.startswith("Tỉnh ") for n in names) == 28
    assert "Tỉnh Quảng Ninh" in names and "Tỉnh Đồng Nai" in names


def test_ai_thuong_went_whole_into_dien_lu_with_two_others():
    data = official()
    assert data.successors_of["14944"] == ("14950",)
    formers = {f.code: f for f in data.formers_of["14950"]}
    assert {f.full_name for f in formers.values()} == {
        "xã Ái Thượng",
        "xã Điền Trung",
        "xã Điền Lư",
    }
    assert not formers["14944"].is_partial
    assert formers["14944"].district_name == "Huyện Bá Thước"


@pytest.mark.django_db
def test_loading_thanh_hoa_creates_its_communes_with_codes_once():
    result = province_load_official(province_code="38", actor=None)
    assert len(result.created) == 166
    dien_lu = Commune.objects.get(code="14950")
    assert dien_lu.full_name == "xã Điền Lư"
    assert dien_lu.slug == "dien-lu"
    merged = CommuneMerger.objects.filter(commune=dien_lu)
    assert {m.former_name for m in merged} == {"xã Điền Lư", "xã Điền Trung", "xã Ái Thượng"}
    assert {m.former_district.name for m in merged} == {"huyện Bá Thước"}
    assert all(m.is_official and m.effective_on.isoformat() == "2025-07-01" for m in merged)
    again = province_load_official(province_code="38", actor=None)
    assert (again.created, again.updated, again.mergers_added) == ([], [], 0)
    assert AuditEntry.objects.filter(verb="commune.created").count() == 166


@pytest.mark.django_db
def test_loading_again_after_a_merge_in_loa_lang_adds_no_history_to_the_merged_commune():
    import datetime as dt

    from loalang.provinces.services import commune_merge

    province_load_official(province_code="38", actor=None)
    dien_lu = Commune.objects.get(code="14950")
    other = Commune.objects.filter(province=dien_lu.province).exclude(pk=dien_lu.pk).first()
    commune_merge(sources=[other], target=dien_lu, effective_on=dt.date(2026, 1, 1), actor=None)
    before = CommuneMerger.objects.count()
    again = province_load_official(province_code="38", actor=None)
    assert again.mergers_added == 0 and CommuneMerger.objects.count() == before
    assert not CommuneMerger.objects.filter(commune=other).exists()


@pytest.mark.django_db
def test_a_split_former_ward_is_history_of_each_new_ward_in_part():
    province_load_official(province_code="38", actor=None)
    rows = CommuneMerger.objects.filter(former_code="14758").select_related("commune")
    assert sorted(r.commune.full_name for r in rows) == ["phường Hàm Rồng", "phường Hạc Thành"]
    assert all(r.is_partial for r in rows)
    assert rows[0].former_name == "phường Đông Thọ"


@pytest.mark.django_db
def test_a_commune_typed_in_by_hand_gets_its_official_code_not_a_twin():
    province = ProvinceFactory(code="38", name="Thanh Hóa", slug="thanh-hoa")
    typed = CommuneFactory(province=province, name="Điền Lư", kind="xa", code="")
    result = province_load_official(province_code="38", actor=None)
    typed.refresh_from_db()
    assert typed.code == "14950"
    assert typed not in result.created
    assert Commune.objects.filter(name="Điền Lư").count() == 1


@pytest.mark.django_db
def test_the_former_commune_record_is_linked_when_loa_lang_holds_it():
    province = ProvinceFactory(code="38", name="Thanh Hóa", slug="thanh-hoa")
    ai_thuong = CommuneFactory(province=province, name="Ái Thượng", code="14944")
    province_load_official(province_code="38", actor=None)
    row = CommuneMerger.objects.get(former_code="14944")
    assert row.former_commune == ai_thuong
    assert row.commune.code == "14950"


@pytest.mark.django_db
def test_unknown_province_code_is_refused_by_the_command():
    with pytest.raises(Exception, match="Không có tỉnh"):
        call_command("load_official_communes", "99")


@pytest.mark.django_db
def test_places_page_shows_what_became_of_ai_thuong(client):
    commune = CommuneFactory(name="Ái Thượng", code="14944")
    assert commune_official_fate(commune) is not None
    client.force_login(member(commune))
    page = client.get(reverse("places:index", kwargs={"commune_slug": commune.slug}))
    text = page.content.decode()
    assert "nhập toàn bộ vào" in text
    assert "xã Điền Lư" in text and "xã Điền Trung" in text
    assert "01/07/2025" in text


@pytest.mark.django_db
def test_a_new_commune_has_no_fate():
    assert commune_official_fate(CommuneFactory(code="14950")) is None
