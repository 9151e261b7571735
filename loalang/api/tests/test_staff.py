"""Staff pages for API tokens: list, create (key shown once), revoke."""

from __future__ import annotations

import logging
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from loalang.accounts.models import Role
from loalang.api.models import ApiToken, Scope
from loalang.api.tokens import api_token_create
from loalang.core.models import AuditEntry
from loalang.testing.factories import member

pytestmark = pytest.mark.django_db

KEY_RE = re.compile(r"ll_[0-9a-f]{8}_[A-Za-z0-9_-]{20,}")


def url(name: str, commune, **kwargs) -> str:  # type: ignore[no-untyped-def]
    return reverse(f"api_staff:{name}", kwargs={"commune_slug": commune.slug, **kwargs})


def plans(client, commune, raw: str):  # type: ignore[no-untyped-def]
    """Call a read endpoint of the API with `raw` as the bearer key."""
    return client.get(f"/api/v1/{commune.slug}/plans", HTTP_AUTHORIZATION=f"Bearer {raw}")


def create(client, commune, **data):  # type: ignore[no-untyped-def]
    body = {"name": "Đài tỉnh", "scopes": [Scope.READ.value], **data}
    return client.post(url("token_create", commune), body)


def test_list_shows_only_this_communes_tokens(client, commune, other_commune, chair_user):
    mine, _ = api_token_create(
        commune=commune, name="Phần mềm huyện", scopes=[Scope.READ], actor=chair_user
    )
    theirs, _ = api_token_create(
        commune=other_commune, name="Khóa xã bên", scopes=[Scope.READ], actor=None
    )
    client.force_login(chair_user)
    response = client.get(url("token_list", commune))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Phần mềm huyện" in body and mine.prefix in body
    assert "Khóa xã bên" not in body and theirs.prefix not in body


def test_outsider_gets_404_and_wrong_role_403(client, commune, outsider):
    token, _ = api_token_create(commune=commune, name="x", scopes=[Scope.READ], actor=None)
    client.force_login(outsider)
    assert client.get(url("token_list", commune)).status_code == 404
    assert client.post(url("token_revoke", commune, pk=token.pk)).status_code == 404
    client.force_login(member(commune, Role.FINANCE))
    assert client.get(url("token_list", commune)).status_code == 403
    assert create(client, commune).status_code == 403
    assert client.post(url("token_revoke", commune, pk=token.pk)).status_code == 403
    token.refresh_from_db()
    assert token.revoked_at is None
    assert ApiToken.objects.count() == 1


def test_token_of_another_commune_is_404(client, commune, other_commune, culture_user):
    theirs, _ = api_token_create(commune=other_commune, name="x", scopes=[Scope.READ], actor=None)
    client.force_login(culture_user)
    assert client.get(url("token_revoke", commune, pk=theirs.pk)).status_code == 404
    assert client.post(url("token_revoke", commune, pk=theirs.pk)).status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked_at is None


def test_create_shows_the_key_once_and_it_works(client, commune, culture_user, caplog):
    caplog.set_level(logging.DEBUG)
    client.force_login(culture_user)
    response = create(client, commune, scopes=[Scope.READ.value, Scope.ACTIVITIES_WRITE.value])
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    keys = KEY_RE.findall(body)
    assert len(keys) == 1 and body.count(keys[0]) == 1
    raw = keys[0]
    assert "Hãy chép khóa này ngay bây giờ" in body

    token = ApiToken.objects.get()
    assert token.commune == commune and token.created_by == culture_user
    assert token.name == "Đài tỉnh"
    assert token.scopes == sorted([Scope.READ.value, Scope.ACTIVITIES_WRITE.value])
    assert raw not in str(ApiToken.objects.values().get())
    entry = AuditEntry.objects.get(verb="api_token.created")
    assert raw not in str(entry.before) + str(entry.after)
    assert raw not in caplog.text

    assert plans(client, commune, raw).status_code == 200
    assert plans(client, commune, raw + "x").status_code == 401

    listing = client.get(url("token_list", commune))
    assert listing.status_code == 200
    assert raw not in listing.content.decode() and token.prefix in listing.content.decode()
    assert raw not in client.get(url("token_revoke", commune, pk=token.pk)).content.decode()


def test_expiry_date_is_kept_to_the_end_of_that_day(client, commune, culture_user):
    client.force_login(culture_user)
    assert create(client, commune, expires_on="2099-12-31").status_code == 200
    token = ApiToken.objects.get()
    assert token.expires_at is not None
    local = token.expires_at.astimezone(ZoneInfo("Asia/Ho_Chi_Minh"))
    assert (local.year, local.month, local.day, local.hour, local.minute) == (2099, 12, 31, 23, 59)


def test_ops_scope_is_for_the_site_operator_only(client, commune, culture_user, admin_user):
    client.force_login(culture_user)
    assert Scope.OPS.value not in client.get(url("token_create", commune)).content.decode()
    response = create(client, commune, scopes=[Scope.OPS.value])
    assert response.status_code == 400
    assert "Quyền không hợp lệ" in response.content.decode()
    assert not ApiToken.objects.exists()
    client.force_login(admin_user)
    assert create(client, commune, scopes=[Scope.OPS.value]).status_code == 200
    assert ApiToken.objects.get().scopes == [Scope.OPS.value]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": ""}, "Hãy nhập chương trình hoặc đơn vị dùng khóa."),
        ({"name": "   "}, "Hãy nhập chương trình hoặc đơn vị dùng khóa."),
        ({"name": "x" * 121}, "Tên dài quá 120 ký tự."),
        ({"scopes": []}, "Hãy chọn ít nhất một quyền."),
        ({"scopes": ["admin"]}, "Quyền không hợp lệ: admin"),
        ({"expires_on": "2000-01-01"}, "Ngày hết hạn không được trước hôm nay."),
        ({"expires_on": "31/02/2030"}, "Ngày không hợp lệ"),
        ({"name": "a\x00b"}, "Không được chứa ký tự NUL."),
    ],
)
def test_bad_input_saves_nothing(client, commune, culture_user, data, message):
    client.force_login(culture_user)
    response = create(client, commune, **data)
    body = response.content.decode()
    assert response.status_code == 400
    assert 'class="errorlist' in body and message in body
    assert not KEY_RE.search(body)
    assert not ApiToken.objects.exists()
    assert not AuditEntry.objects.filter(verb="api_token.created").exists()


def test_revoke_asks_first_then_the_key_stops_working(client, commune, chair_user):
    token, raw = api_token_create(
        commune=commune, name="Đài tỉnh", scopes=[Scope.READ], actor=chair_user
    )
    assert plans(client, commune, raw).status_code == 200
    client.force_login(chair_user)
    confirm = client.get(url("token_revoke", commune, pk=token.pk))
    assert confirm.status_code == 200 and "Thu hồi khóa này?" in confirm.content.decode()
    token.refresh_from_db()
    assert token.revoked_at is None  # a GET changes nothing

    response = client.post(url("token_revoke", commune, pk=token.pk))
    assert response.status_code == 302 and response["Location"] == url("token_list", commune)
    token.refresh_from_db()
    assert token.revoked_at is not None
    entry = AuditEntry.objects.get(verb="api_token.revoked")
    assert entry.actor == chair_user and raw not in str(entry.before) + str(entry.after)
    assert plans(client, commune, raw).status_code == 401

    listing = client.get(url("token_list", commune)).content.decode()
    assert "Đã thu hồi" in listing
    again = client.post(url("token_revoke", commune, pk=token.pk), follow=True)
    assert AuditEntry.objects.filter(verb="api_token.revoked").count() == 1
    assert "đã được thu hồi từ trước" in again.content.decode()


def test_nav_link_only_for_managers(client, commune, culture_user):
    client.force_login(culture_user)
    home = reverse("home:commune_home", kwargs={"commune_slug": commune.slug})
    assert url("token_list", commune) in client.get(home).content.decode()
    client.force_login(member(commune, Role.FINANCE))
    assert url("token_list", commune) not in client.get(home).content.decode()
