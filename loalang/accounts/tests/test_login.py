import pytest
from django.urls import reverse

from loalang.accounts.models import Role
from loalang.testing.factories import member

LOGIN = "/tai-khoan/dang-nhap/"


@pytest.mark.django_db
def test_wrong_password_gets_a_vietnamese_message(client, commune):
    user = member(commune, Role.CULTURE)
    response = client.post(LOGIN, {"username": user.username, "password": "sai"})
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()


@pytest.mark.django_db
def test_member_of_one_commune_lands_on_its_home(client, commune):
    user = member(commune, Role.CULTURE)
    response = client.post(
        LOGIN, {"username": user.username, "password": "mat-khau-thu-123"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("home:commune_home", args=[commune.slug])
    assert commune.committee_name in response.content.decode()


@pytest.mark.django_db
def test_repeated_failures_lock_the_account_out(client, commune, settings):
    user = member(commune, Role.CULTURE)
    for _ in range(settings.LOALANG_LOGIN_FREE_FAILURES):
        client.post(LOGIN, {"username": user.username, "password": "sai"})
    response = client.post(LOGIN, {"username": user.username, "password": "mat-khau-thu-123"})
    assert response.status_code == 429
    assert "Tạm khóa đăng nhập" in response.content.decode()


@pytest.mark.django_db
def test_idle_session_expires(client, commune, settings):
    import time_machine

    user = member(commune, Role.CULTURE)
    client.force_login(user)
    home = reverse("home:commune_home", args=[commune.slug])
    with time_machine.travel("2026-01-01 08:00", tick=False):
        assert client.get(home).status_code == 200
    with time_machine.travel("2026-01-01 09:00", tick=False):
        response = client.get(home)
    assert response.status_code == 302 and LOGIN in response["Location"]


@pytest.mark.django_db
def test_logout_needs_post(client, commune):
    client.force_login(member(commune, Role.CULTURE))
    assert client.get("/tai-khoan/dang-xuat/").status_code == 405
    assert client.post("/tai-khoan/dang-xuat/").status_code == 302


@pytest.mark.django_db
def test_english_switch_translates_the_shell(client, commune):
    client.force_login(member(commune, Role.CULTURE))
    home = reverse("home:commune_home", args=[commune.slug])
    assert "Đăng xuất" in client.get(home).content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": home})
    assert "Log out" in client.get(home).content.decode()


@pytest.mark.django_db
def test_absurdly_long_username_gets_a_message_not_a_500(client):
    response = client.post(LOGIN, {"username": "a" * 5000, "password": "b" * 5000})
    assert response.status_code == 200
    assert "Tên đăng nhập không hợp lệ." in response.content.decode()


@pytest.mark.django_db
def test_active_session_still_ends_after_the_absolute_limit(client, commune, settings):
    import time_machine

    client.force_login(member(commune, Role.CULTURE))
    home = reverse("home:commune_home", args=[commune.slug])
    with time_machine.travel("2026-01-01 08:00", tick=False) as clock:
        for _ in range(settings.SESSION_COOKIE_AGE // 1200 + 1):  # a click every 20 minutes
            assert client.get(home).status_code == 200
            clock.shift(1200)
        response = client.get(home)
    assert response.status_code == 302 and LOGIN in response["Location"]
