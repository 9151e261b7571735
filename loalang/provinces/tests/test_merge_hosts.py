"""Merging communes inside Loa Làng; each commune's portal on its own host."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse

from loalang.accounts.models import Membership, Role
from loalang.activities.tests.factories import ActivityFactory, PlanFactory
from loalang.core.models import AuditEntry
from loalang.places.models import CommuneMerger, Village
from loalang.provinces import hosts
from loalang.provinces.services import commune_merge, host_add
from loalang.testing.factories import CommuneFactory, ProvinceFactory, VillageFactory, member

ON = dt.date(2026, 1, 1)


@pytest.fixture(autouse=True)
def _fresh_host_map():
    hosts.forget()
    yield
    hosts.forget()


@pytest.mark.django_db
def test_merge_moves_people_villages_plans_activities_and_history():
    province = ProvinceFactory()
    old, new = (
        CommuneFactory(province=province, name="Ái Thượng"),
        CommuneFactory(province=province),
    )
    officer = member(old, Role.CULTURE)
    VillageFactory(commune=old, name="Khằm")
    VillageFactory(commune=new, name="Khằm")
    plan = PlanFactory(commune=old)
    act = ActivityFactory(commune=old)
    commune_merge(sources=[old], target=new, effective_on=ON, actor=None)
    old.refresh_from_db()
    assert (old.successor, old.is_active) == (new, False)
    assert Membership.objects.get(user=officer).commune == new
    assert sorted(Village.objects.filter(commune=new).values_list("name", flat=True)) == [
        "Khằm",
        "Khằm (Ái Thượng)",
    ]
    plan.refresh_from_db()
    act.refresh_from_db()
    assert plan.commune == new and act.commune == new
    row = CommuneMerger.objects.get(commune=new)
    assert (row.former_commune, row.former_name, row.effective_on) == (old, "xã Ái Thượng", ON)
    assert AuditEntry.objects.filter(verb="commune.merged", commune=new).exists()


@pytest.mark.django_db
def test_merge_across_provinces_is_refused_and_nothing_moves():
    old, new = CommuneFactory(), CommuneFactory()
    VillageFactory(commune=old, name="Nán")
    with pytest.raises(ValidationError, match="cùng một tỉnh"):
        commune_merge(sources=[old], target=new, effective_on=ON, actor=None)
    assert Village.objects.get(name="Nán").commune == old


@pytest.mark.django_db
def test_a_clash_rolls_the_whole_merge_back():
    province = ProvinceFactory()
    old, new = CommuneFactory(province=province), CommuneFactory(province=province)
    VillageFactory(commune=old, name="Nán")
    PlanFactory(commune=old, number="07")
    PlanFactory(commune=new, number="07")
    with pytest.raises(ValidationError, match="Chưa có gì thay đổi"):
        commune_merge(sources=[old], target=new, effective_on=ON, actor=None)
    old.refresh_from_db()
    assert old.successor is None and old.is_active
    assert Village.objects.get(name="Nán").commune == old


@pytest.mark.django_db
def test_old_portal_addresses_redirect_permanently_to_the_new_commune(client):
    province = ProvinceFactory()
    old, new = CommuneFactory(province=province), CommuneFactory(province=province)
    commune_merge(sources=[old], target=new, effective_on=ON, actor=None)
    response = client.get(f"/{old.slug}/tin/")
    assert response.status_code == 301
    assert response["Location"] == f"/{new.slug}/tin/"
    assert client.get(f"/{old.slug}/").headers["Location"] == f"/{new.slug}/"
    paged = client.get(f"/{old.slug}/tin/?trang=2")
    assert paged["Location"] == f"/{new.slug}/tin/?trang=2"  # the query string goes along
    new.is_active = False
    new.save(update_fields=["is_active"])
    assert client.get(f"/{old.slug}/tin/").status_code == 404  # no redirect to a dead portal


@pytest.mark.django_db
def test_a_deactivated_commune_has_no_portal(client):
    commune = CommuneFactory(is_active=False)
    assert client.get(f"/{commune.slug}/").status_code == 404


@pytest.mark.django_db
@override_settings(ALLOWED_HOSTS=[".thanhhoa.gov.vn", "testserver"])
def test_a_commune_host_serves_its_portal_at_the_root_with_a_clean_canonical(client):
    commune = CommuneFactory(name="Ái Thượng")
    host_add(commune=commune, host="aithuong.thanhhoa.gov.vn", actor=None)
    hosts.forget()
    on_host = client.get("/", HTTP_HOST="aithuong.thanhhoa.gov.vn")
    assert on_host.status_code == 200
    assert "Ái Thượng" in on_host.content.decode()
    assert (
        '<link rel="canonical" href="http://aithuong.thanhhoa.gov.vn/">' in on_host.content.decode()
    )
    # the /<slug>/ links the portal renders work on the host too, with the same canonical
    listing = client.get(f"/{commune.slug}/tin/", HTTP_HOST="aithuong.thanhhoa.gov.vn")
    assert listing.status_code == 200
    assert 'href="http://aithuong.thanhhoa.gov.vn/tin/"' in listing.content.decode()
    # the site-wide paths stay site-wide
    assert (
        client.get("/tai-khoan/dang-nhap/", HTTP_HOST="aithuong.thanhhoa.gov.vn").status_code == 200
    )


@pytest.mark.django_db
@override_settings(ALLOWED_HOSTS=[".thanhhoa.gov.vn", "testserver"])
def test_sitemap_and_feed_on_a_host_are_that_communes_with_urls_on_that_host(client):
    commune = CommuneFactory()
    host_add(commune=commune, host="xa.thanhhoa.gov.vn", actor=None)
    hosts.forget()
    sitemap = client.get("/sitemap.xml", HTTP_HOST="xa.thanhhoa.gov.vn").content.decode()
    assert "<loc>http://xa.thanhhoa.gov.vn/tin/</loc>" in sitemap
    assert f"/{commune.slug}/" not in sitemap
    feed = client.get("/rss.xml", HTTP_HOST="xa.thanhhoa.gov.vn").content.decode()
    assert "<link>http://xa.thanhhoa.gov.vn/</link>" in feed
    assert f"/{commune.slug}/" not in feed
    # on the shared name the same sitemap keeps the /<slug>/ addresses
    shared = client.get(f"/{commune.slug}/sitemap.xml").content.decode()
    assert f"<loc>http://testserver/{commune.slug}/tin/</loc>" in shared


@pytest.mark.django_db
@override_settings(ALLOWED_HOSTS=[".thanhhoa.gov.vn", "testserver"])
def test_a_forged_host_changes_nothing_and_never_reaches_a_url(client):
    commune = CommuneFactory()
    host_add(commune=commune, host="xa.thanhhoa.gov.vn", actor=None)
    hosts.forget()
    refused = client.get("/", HTTP_HOST="evil.example.com")
    assert refused.status_code == 400
    assert "Yêu cầu không hợp lệ" in refused.content.decode()  # not Django's English page
    # an allowed but unmapped host is the ordinary site: its root is the landing page
    assert hosts.commune_for_host("khac.thanhhoa.gov.vn") is None
    assert hosts.commune_for_host("evil.example.com") is None


@pytest.mark.django_db
@override_settings(ALLOWED_HOSTS=[".thanhhoa.gov.vn", "testserver"])
def test_the_page_cache_keeps_two_hosts_apart(client):
    a, b = CommuneFactory(name="Ái Thượng"), CommuneFactory(name="Điền Lư")
    host_add(commune=a, host="a.thanhhoa.gov.vn", actor=None)
    host_add(commune=b, host="b.thanhhoa.gov.vn", actor=None)
    hosts.forget()
    for _ in range(2):  # the second round is served from the cache
        assert "Ái Thượng" in client.get("/", HTTP_HOST="a.thanhhoa.gov.vn").content.decode()
        assert "Điền Lư" in client.get("/", HTTP_HOST="b.thanhhoa.gov.vn").content.decode()


@pytest.mark.django_db
def test_host_must_be_a_bare_domain():
    commune = CommuneFactory()
    with pytest.raises(ValidationError):
        host_add(commune=commune, host="http://x.vn:8000/", actor=None)
    with pytest.raises(ValidationError):
        host_add(commune=commune, host="không-dấu.vn", actor=None)


@pytest.mark.django_db
def test_host_page_adds_a_host_for_a_commune_of_the_province_only(client):
    from loalang.provinces.models import CommuneHost
    from loalang.provinces.tests.test_access import province_admin

    province = ProvinceFactory(domain="thanhhoa.gov.vn")
    mine, theirs = CommuneFactory(province=province), CommuneFactory()
    client.force_login(province_admin(province))
    url = reverse("provinces:hosts", kwargs={"province_slug": province.slug})
    assert client.post(url, {"commune": theirs.pk, "host": "x.thanhhoa.gov.vn"}).status_code == 400
    assert (
        client.post(
            url, {"commune": mine.pk, "host": "X.ThanhHoa.gov.vn", "is_primary": "on"}
        ).status_code
        == 302
    )
    assert CommuneHost.objects.get().host == "x.thanhhoa.gov.vn"


@pytest.mark.django_db
@override_settings(ALLOWED_HOSTS=[".thanhhoa.gov.vn"])
def test_the_wsgi_front_rewrites_the_path_before_the_page_cache_sees_it():
    commune = CommuneFactory()
    host_add(commune=commune, host="xa.thanhhoa.gov.vn", actor=None)
    hosts.forget()
    seen = []
    app = hosts.HostRouteApp(lambda environ, start: seen.append(environ["PATH_INFO"]))
    app({"PATH_INFO": "/tin/", "HTTP_HOST": "xa.thanhhoa.gov.vn"}, None)
    app({"PATH_INFO": "/app/", "HTTP_HOST": "xa.thanhhoa.gov.vn"}, None)
    app({"PATH_INFO": "/tin/", "HTTP_HOST": "evil.example.com"}, None)
    assert seen == [f"/{commune.slug}/tin/", "/app/", "/tin/"]


@pytest.mark.django_db
def test_demo_has_a_province_administrator_who_sees_the_link(client):
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert "quantritinh" in out.getvalue()  # `make run` prints the login with the others
    from loalang.accounts.models import User
    from loalang.places.models import Commune

    assert Commune.objects.get(slug="ai-thuong").code == "14944"
    client.force_login(User.objects.get(username="quantritinh"))
    page = client.get("/app/")
    assert 'data-testid="province-admin-link"' in page.content.decode()


@pytest.mark.django_db
def test_a_province_maps_hosts_only_under_its_own_domain():
    commune = CommuneFactory()  # the factory's province has the domain thanhhoa.gov.vn
    for foreign in (
        "dienlu.nghean.gov.vn",
        "www.google.com",
        "xthanhhoa.gov.vn",
        "gov.vn",
        "thanhhoa.gov.vn",  # the province's own name is not a commune's
        "www.thanhhoa.gov.vn",  # nor its website's
        "mail.thanhhoa.gov.vn",
    ):
        with pytest.raises(ValidationError) as refused:
            host_add(commune=commune, host=foreign, actor=None)
        assert "thanhhoa.gov.vn" in str(refused.value)
    assert not commune.hosts.exists()
    host_add(commune=commune, host="XA.ThanhHoa.gov.vn.", actor=None)
    assert list(commune.hosts.values_list("host", flat=True)) == ["xa.thanhhoa.gov.vn"]
    no_domain = CommuneFactory(province=ProvinceFactory(domain=""))
    with pytest.raises(ValidationError, match="chưa có tên miền"):
        host_add(commune=no_domain, host="xa.thanhhoa.gov.vn", actor=None)


@pytest.mark.django_db
def test_a_host_taken_by_another_commune_is_refused_in_plain_words():
    a, b = CommuneFactory(), CommuneFactory()
    host_add(commune=a, host="x.thanhhoa.gov.vn", actor=None)
    with pytest.raises(ValidationError) as refused:
        host_add(commune=b, host="x.thanhhoa.gov.vn", actor=None)
    assert "đã được gán cho một xã, phường" in str(refused.value)


@pytest.mark.django_db
@override_settings(ALLOWED_HOSTS=[".thanhhoa.gov.vn"])
def test_a_host_mapped_by_another_process_is_served_within_a_second(monkeypatch):
    import time

    from django.core.cache import cache

    from loalang.provinces.models import CommuneHost

    commune = CommuneFactory()
    assert hosts.commune_for_host("moi.thanhhoa.gov.vn") is None  # this process loads its map
    # Another app process maps the host: its row, and its forget() bumps the shared version.
    CommuneHost.objects.create(host="moi.thanhhoa.gov.vn", commune=commune)
    cache.set(hosts.VERSION_KEY, "another process")
    now = time.monotonic()
    monkeypatch.setattr(hosts.time, "monotonic", lambda: now + 0.5)
    assert hosts.commune_for_host("moi.thanhhoa.gov.vn") is None  # asked less than 1 s ago
    monkeypatch.setattr(hosts.time, "monotonic", lambda: now + 2)
    assert hosts.commune_for_host("moi.thanhhoa.gov.vn") == commune.slug


@pytest.mark.django_db
def test_an_internationalised_host_must_decode():
    commune = CommuneFactory()
    with pytest.raises(ValidationError, match="xn--zzzzzzzzz"):
        host_add(commune=commune, host="xn--zzzzzzzzz.thanhhoa.gov.vn", actor=None)
    host_add(commune=commune, host="xn--in-l-zua27gd20m.thanhhoa.gov.vn", actor=None)  # điền-lư
    host_add(commune=commune, host="áithượng.ThanhHoa.gov.vn", actor=None)  # typed in Vietnamese
    assert set(commune.hosts.values_list("host", flat=True)) == {
        "xn--in-l-zua27gd20m.thanhhoa.gov.vn",
        "áithượng.thanhhoa.gov.vn".encode("idna").decode(),
    }


@pytest.mark.django_db
def test_merging_into_the_unit_the_official_list_names_links_that_record():
    """The official list already says Ái Thượng (14944) became part of Điền Lư: merging the
    two Loa Làng communes links that record instead of failing on a second one."""
    province = ProvinceFactory()
    old = CommuneFactory(province=province, name="Ái Thượng", code="14944")
    new = CommuneFactory(province=province, name="Điền Lư", code="14950")
    official = CommuneMerger.objects.create(
        commune=new,
        former_name="Xã Ái Thượng",
        former_code="14944",
        effective_on=dt.date(2025, 7, 1),
        is_official=True,
    )
    CommuneMerger.objects.create(  # a unit both had absorbed earlier, under the same code
        commune=old, former_name="Xã Cũ", former_code="14900", effective_on=dt.date(2019, 1, 1)
    )
    CommuneMerger.objects.create(
        commune=new, former_name="Xã Cũ", former_code="14900", effective_on=dt.date(2019, 1, 1)
    )
    CommuneMerger.objects.create(
        commune=old, former_name="Xã Nhỏ", former_code="14901", effective_on=dt.date(2019, 1, 1)
    )
    CommuneMerger.objects.create(  # a code reused for another unit: both histories stay
        commune=old, former_name="Xã Khác", former_code="14900", effective_on=dt.date(2008, 1, 1)
    )
    commune_merge(sources=[old], target=new, effective_on=dt.date(2025, 7, 1), actor=None)
    official.refresh_from_db()
    assert official.former_commune == old and official.is_official
    assert sorted(new.mergers.values_list("former_code", "former_name")) == [
        ("14900", "Xã Cũ"),
        ("14900", "Xã Khác"),
        ("14901", "Xã Nhỏ"),
        ("14944", "Xã Ái Thượng"),
    ]
    assert not CommuneMerger.objects.filter(commune=old).exists()


@pytest.mark.django_db
def test_merging_communes_that_both_have_hosts_keeps_both_hosts_for_the_target():
    province = ProvinceFactory()
    old, new = CommuneFactory(province=province), CommuneFactory(province=province)
    host_add(commune=old, host="cu.thanhhoa.gov.vn", actor=None)
    host_add(commune=new, host="moi.thanhhoa.gov.vn", actor=None)
    commune_merge(sources=[old], target=new, effective_on=ON, actor=None)
    assert dict(new.hosts.values_list("host", "is_primary")) == {
        "moi.thanhhoa.gov.vn": True,
        "cu.thanhhoa.gov.vn": False,
    }


@pytest.mark.django_db
def test_an_official_record_under_the_same_code_but_another_name_is_not_taken_for_the_source():
    """Codes of pre-2025 units were reused for new ones: xã Cẩm Tú (15148) merged into Cẩm Vân
    must not be recorded as the old xã Cẩm Giang that once had the code 15148."""
    province = ProvinceFactory()
    source = CommuneFactory(province=province, name="Cẩm Tú", code="15148")
    target = CommuneFactory(province=province, name="Cẩm Vân", code="15150")
    old = CommuneMerger.objects.create(
        commune=target,
        former_name="xã Cẩm Giang",
        former_code="15148",
        effective_on=dt.date(2025, 7, 1),
        is_official=True,
    )
    commune_merge(
        sources=[source], target=target, effective_on=ON, actor=None, legal_basis="NQ 123/2026"
    )
    old.refresh_from_db()
    assert old.former_commune is None and old.former_name == "xã Cẩm Giang" and not old.legal_basis
    new = CommuneMerger.objects.get(commune=target, former_commune=source)
    assert (new.former_name, new.former_code, new.effective_on, new.legal_basis) == (
        "xã Cẩm Tú",
        "15148",
        ON,
        "NQ 123/2026",
    )


@pytest.mark.django_db
def test_a_merge_date_out_of_any_sense_is_refused():
    province = ProvinceFactory()
    old, new = CommuneFactory(province=province), CommuneFactory(province=province)
    for day in (dt.date(9999, 12, 31), dt.date(1900, 1, 1)):
        with pytest.raises(ValidationError, match="Ngày có hiệu lực"):
            commune_merge(sources=[old], target=new, effective_on=day, actor=None)
    old.refresh_from_db()
    assert old.successor is None
