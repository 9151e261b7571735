"""Every province page: its administrators get in; anyone else — another province's
administrator, a province viewer, a commune officer — gets 404; anonymous goes to login."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import URLResolver, get_resolver, reverse

from loalang.accounts.models import Membership, Role
from loalang.provinces.models import CommuneHost
from loalang.provinces.tests.matrix import PROVINCE_CASES
from loalang.testing.factories import (
    CommuneFactory,
    MembershipFactory,
    ProvinceFactory,
    UserFactory,
    member,
)


def _province_url_names() -> set[str]:
    for p in get_resolver().url_patterns:
        if isinstance(p, URLResolver) and p.namespace == "provinces":
            return {f"provinces:{q.name}" for q in p.url_patterns if q.name}
    return set()


def test_every_province_url_has_a_case():
    assert _province_url_names() - {"provinces:index"} == {c.url_name for c in PROVINCE_CASES}


def province_admin(province: Any) -> Any:
    return Membership.objects.create(
        user=UserFactory(), role=Role.PROVINCE_ADMIN, province=province
    ).user


@dataclass
class PW:
    province: Any
    commune: Any
    culture: Any

    def host_entry(self) -> CommuneHost:
        return CommuneHost.objects.create(
            host=f"x{CommuneHost.objects.count()}.example.vn",
            commune=self.commune,
            is_primary=False,
        )


@pytest.mark.django_db
@pytest.mark.parametrize("case", PROVINCE_CASES, ids=lambda c: f"{c.url_name}-{c.method}")
def test_province_matrix(client, case):
    province = ProvinceFactory(code="")
    commune = CommuneFactory(province=province)
    w = PW(province, commune, member(commune, Role.CULTURE))
    other_province = ProvinceFactory()
    other_commune = CommuneFactory(province=other_province)

    def call(user: Any) -> Any:
        client.logout()
        if user is not None:
            client.force_login(user)
        url = reverse(case.url_name, kwargs={"province_slug": province.slug, **case.kwargs(w)})
        return getattr(client, case.method)(url, case.data(w))

    anonymous = call(None)
    assert anonymous.status_code == 302 and "/tai-khoan/dang-nhap/" in anonymous["Location"]
    for outsider in (
        province_admin(other_province),
        member(commune, Role.PROVINCE_VIEWER),
        member(commune, Role.CHAIR),
        w.culture,
        member(other_commune, Role.CULTURE),
    ):
        assert call(outsider).status_code == 404, outsider
    for insider in (province_admin(province), UserFactory(is_superuser=True, is_staff=True)):
        response = call(insider)
        assert response.status_code < 400, (case.url_name, response.status_code)


@pytest.mark.django_db
def test_admin_of_a_cannot_reset_a_password_in_b(client):
    a, b = ProvinceFactory(), ProvinceFactory()
    victim = member(CommuneFactory(province=b), Role.CULTURE)
    client.force_login(province_admin(a))
    url = reverse("provinces:user_reset", kwargs={"province_slug": a.slug, "pk": victim.pk})
    assert client.post(url).status_code == 404
    victim.refresh_from_db()
    assert not victim.must_change_password


@pytest.mark.django_db
def test_admin_of_a_cannot_deactivate_a_commune_of_b(client):
    a, b = ProvinceFactory(), ProvinceFactory()
    target = CommuneFactory(province=b)
    client.force_login(province_admin(a))
    url = reverse("provinces:commune_toggle", kwargs={"province_slug": a.slug, "pk": target.pk})
    assert client.post(url).status_code == 404
    target.refresh_from_db()
    assert target.is_active


@pytest.mark.django_db
def test_wrong_method_is_refused(client):
    province = ProvinceFactory()
    client.force_login(province_admin(province))
    url = reverse("provinces:load_official", kwargs={"province_slug": province.slug})
    assert client.get(url).status_code == 405


@pytest.mark.django_db
@pytest.mark.parametrize(
    "elsewhere",
    ["other province's commune", "a switched-off role there", "province role", "staff"],
)
def test_admin_cannot_reset_a_user_who_also_holds_a_role_elsewhere(client, elsewhere):
    """A's administrator would otherwise learn a password that opens B's pages too."""
    a, b = ProvinceFactory(), ProvinceFactory()
    victim = member(CommuneFactory(province=a), Role.CULTURE)
    if elsewhere == "other province's commune":
        MembershipFactory.create(user=victim, role=Role.CULTURE, commune=CommuneFactory(province=b))
    elif elsewhere == "a switched-off role there":
        MembershipFactory.create(
            user=victim, role=Role.CULTURE, commune=CommuneFactory(province=b), is_active=False
        )
    elif elsewhere == "province role":
        MembershipFactory.create(user=victim, role=Role.PROVINCE_ADMIN, commune=None, province=b)
    else:
        victim.is_staff = True
        victim.save(update_fields=["is_staff"])
    old_hash = victim.password
    client.force_login(province_admin(a))
    users = client.get(reverse("provinces:users", kwargs={"province_slug": a.slug}))
    note = "Tài khoản quản trị hệ thống" if elsewhere == "staff" else "Có vai trò ngoài tỉnh"
    assert note in users.content.decode()
    assert f"/nguoi-dung/{victim.pk}/dat-lai-mat-khau/" not in users.content.decode()
    url = reverse("provinces:user_reset", kwargs={"province_slug": a.slug, "pk": victim.pk})
    response = client.post(url, follow=True)
    assert response.redirect_chain[-1][0].endswith(f"/quan-tri-tinh/{a.slug}/nguoi-dung/")
    assert "chỉ quản trị hệ thống mới đặt lại được mật khẩu" in response.content.decode()
    victim.refresh_from_db()
    assert victim.password == old_hash and not victim.must_change_password
