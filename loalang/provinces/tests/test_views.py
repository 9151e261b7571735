"""Province pages end to end: load the official list, add, deactivate and merge communes."""

from __future__ import annotations

import unicodedata

import pytest
from django.urls import reverse

from loalang.places.models import Commune
from loalang.provinces.tests.test_access import province_admin
from loalang.testing.factories import CommuneFactory, ProvinceFactory, VillageFactory


def url(name, province, **kw):
    return reverse(f"provinces:{name}", kwargs={"province_slug": province.slug, **kw})


@pytest.mark.django_db
def test_load_button_onboards_the_province_from_the_official_list(client):
    province = ProvinceFactory(code="38", name="Thanh Hóa", slug="thanh-hoa")
    client.force_login(province_admin(province))
    response = client.post(url("load_official", province), follow=True)
    assert "thêm 166 xã, phường" in response.content.decode()
    assert Commune.objects.filter(province=province).count() == 166
    page = client.get(url("home", province)).content.decode()
    assert "Xã Điền Lư" in page and "14950" in page


@pytest.mark.django_db
def test_commune_added_by_hand_then_deactivated(client):
    province = ProvinceFactory()
    client.force_login(province_admin(province))
    response = client.post(
        url("commune_create", province), {"kind": "phuong", "name": "Hạc  Thành"}
    )
    assert response.status_code == 302
    commune = Commune.objects.get(province=province)
    assert commune.full_name == "phường Hạc Thành" and commune.slug == "hac-thanh"
    for same in (
        {"kind": "phuong", "name": "Hạc Thành"},
        {"kind": "phuong", "name": "hạc thành"},  # case
        {"kind": "xa", "name": "phường Hạc Thành"},  # kind typed into the name, other kind
        {"kind": "xa", "name": unicodedata.normalize("NFD", "Hạc Thành")},  # decomposed
        {"kind": "xa", "name": "Hạc\u200bThành"},  # a zero-width space between the words
    ):
        again = client.post(url("commune_create", province), same)
        assert again.status_code == 400, same
        assert "Tỉnh đã có đơn vị tên này." in again.content.decode()
    for nothing in ("xã", "\u200b", "Phường"):
        refused = client.post(url("commune_create", province), {"kind": "xa", "name": nothing})
        assert refused.status_code == 400, nothing
    legacy = client.post(url("commune_create", province), {"kind": "xa", "name": "\u00d0iền Lư"})
    assert legacy.status_code == 302
    assert Commune.objects.get(province=province, name="Điền Lư").slug == "dien-lu"
    Commune.objects.filter(name="Điền Lư").delete()
    bad_code = client.post(
        url("commune_create", province), {"kind": "xa", "name": "Hoằng Tiến", "code": "abc"}
    )
    assert bad_code.status_code == 400
    assert "Mã đơn vị hành chính chỉ gồm chữ số" in bad_code.content.decode()
    assert Commune.objects.filter(province=province).count() == 1
    client.post(url("commune_toggle", province, pk=commune.pk))
    commune.refresh_from_db()
    assert not commune.is_active
    assert client.get(f"/{commune.slug}/").status_code == 404


@pytest.mark.django_db
def test_merge_page_needs_the_confirmation_and_then_merges(client):
    province = ProvinceFactory()
    old, new = CommuneFactory(province=province), CommuneFactory(province=province)
    VillageFactory(commune=old, name="Nán")
    client.force_login(province_admin(province))
    data = {"target": new.pk, "sources": [old.pk], "effective_on": "2026-01-01"}
    assert client.post(url("merge", province), data).status_code == 400
    done = client.post(url("merge", province), {**data, "confirm": "on"}, follow=True)
    assert done.redirect_chain[0][1] == 302
    assert f"Đã sáp nhập vào {new.full_name}." in done.content.decode()
    old.refresh_from_db()
    assert old.successor == new
    assert new.villages.filter(name="Nán").exists()


@pytest.mark.django_db
def test_merge_page_offers_only_this_provinces_communes(client):
    province = ProvinceFactory()
    mine, theirs = CommuneFactory(province=province), CommuneFactory()
    client.force_login(province_admin(province))
    data = {
        "target": mine.pk,
        "sources": [theirs.pk],
        "effective_on": "2026-01-01",
        "confirm": "on",
    }
    assert client.post(url("merge", province), data).status_code == 400
    theirs.refresh_from_db()
    assert theirs.successor is None


@pytest.mark.django_db
@pytest.mark.parametrize("form_page", ["merge", "hosts"])
def test_commune_choices_are_in_vietnamese_order(client, form_page):
    province = ProvinceFactory()
    for name in ("Biện Thượng", "Ái Thượng", "Bá Thước", "Hoằng Tiến", "Hà Long"):
        CommuneFactory(province=province, name=name)
    client.force_login(province_admin(province))
    text = client.get(url(form_page, province)).content.decode()
    found = [text.index(f">{n}") if f">{n}" in text else text.index(n) for n in
             ("Ái Thượng", "Bá Thước", "Biện Thượng", "Hà Long", "Hoằng Tiến")]  # fmt: skip
    assert found == sorted(found)
