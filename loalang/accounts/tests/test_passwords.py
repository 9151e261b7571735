"""Users change their own password; the user manager's reset and a new account's initial
password must be changed at the next login; reset by e-mail without user enumeration
(issue 12, item 3)."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from loalang.accounts.models import Role, User
from loalang.core.models import AuditEntry
from loalang.testing.factories import VillageFactory, member

LOGIN = "/tai-khoan/dang-nhap/"
CHANGE = "/tai-khoan/doi-mat-khau/"
RESET = "/tai-khoan/quen-mat-khau/"
PASSWORD = "mat-khau-thu-123"
NEW = "Lua-Nuong-Bac-2026"

pytestmark = pytest.mark.django_db


def reset_url(commune, user):  # type: ignore[no-untyped-def]
    return reverse(
        "accounts_staff:member_password_reset",
        kwargs={"commune_slug": commune.slug, "user_pk": user.pk},
    )


def test_user_changes_own_password_and_keeps_working(client, commune):
    user = member(commune, Role.CULTURE)
    client.force_login(user)
    old_key = client.session.session_key
    response = client.post(
        CHANGE, {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW)
    assert client.session.session_key != old_key  # rotated on password change
    assert client.get(reverse("home:commune_home", args=[commune.slug])).status_code == 200
    assert AuditEntry.objects.filter(verb="user.password_changed").exists()


def test_wrong_current_password_or_weak_new_one_gets_vietnamese_messages(client, commune):
    client.force_login(member(commune, Role.CULTURE))
    page = client.post(
        CHANGE, {"old_password": "sai", "new_password1": NEW, "new_password2": NEW}
    ).content.decode()
    assert "Mật khẩu hiện tại không đúng." in page
    page = client.post(
        CHANGE, {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"}
    ).content.decode()
    assert "Mật khẩu mới" in page and "errorlist" in page


def test_password_change_ends_the_users_other_sessions(client, commune):
    user = member(commune, Role.CULTURE)
    elsewhere = Client()
    elsewhere.force_login(user)
    client.force_login(user)
    client.post(CHANGE, {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW})
    home = reverse("home:commune_home", args=[commune.slug])
    assert elsewhere.get(home).status_code == 302


def test_new_account_must_change_its_initial_password_before_anything_else(
    client, commune, culture_user
):
    village = VillageFactory(commune=commune)
    client.force_login(culture_user)
    client.post(
        reverse("accounts_staff:member_grant", kwargs={"commune_slug": commune.slug}),
        {
            "username": "truongban.kham",
            "role": "village_head",
            "village": village.pk,
            "password": "Ban-Kham-2026!",
        },
    )
    client.post("/tai-khoan/dang-xuat/")
    response = client.post(LOGIN, {"username": "truongban.kham", "password": "Ban-Kham-2026!"})
    home = reverse("home:commune_home", args=[commune.slug])
    assert client.get(home)["Location"] == CHANGE
    assert client.get("/api/v1/").status_code != 302  # the API is token-based
    page = client.get(CHANGE).content.decode()
    assert "Hãy đặt mật khẩu của riêng bạn" in page
    client.post(
        CHANGE, {"old_password": "Ban-Kham-2026!", "new_password1": NEW, "new_password2": NEW}
    )
    assert client.get(home).status_code == 200
    assert response.status_code == 302


def test_user_manager_resets_a_password_which_must_be_changed_at_next_login(
    client, commune, chair_user
):
    head = member(commune, Role.VILLAGE_HEAD, village=VillageFactory(commune=commune))
    head_browser = Client()
    head_browser.force_login(head)
    client.force_login(chair_user)
    assert (
        client.post(reset_url(commune, head), {"new_password": "Tam-Thoi-2026!"}).status_code == 302
    )
    head.refresh_from_db()
    assert head.must_change_password and head.check_password("Tam-Thoi-2026!")
    home = reverse("home:commune_home", args=[commune.slug])
    assert head_browser.get(home).status_code == 302  # the old session ended
    entry = AuditEntry.objects.get(verb="user.password_reset")
    assert "Tam-Thoi" not in str(entry.after) + str(entry.before)
    head_browser.post(LOGIN, {"username": head.username, "password": "Tam-Thoi-2026!"})
    assert head_browser.get(home)["Location"] == CHANGE


def test_culture_officer_cannot_reset_the_chairs_password(
    client, commune, culture_user, chair_user
):
    client.force_login(culture_user)
    assert client.get(reset_url(commune, chair_user)).status_code == 403
    response = client.post(reset_url(commune, chair_user), {"new_password": "Tam-Thoi-2026!"})
    assert response.status_code == 403
    chair_user.refresh_from_db()
    assert chair_user.check_password(PASSWORD)


def test_reset_of_another_communes_member_is_404(client, commune, chair_user, outsider):
    client.force_login(chair_user)
    assert client.get(reset_url(commune, outsider)).status_code == 404


def test_password_reset_by_email_works_and_does_not_reveal_accounts(client, commune, settings):
    settings.EMAIL_ENABLED = True
    user = member(commune, Role.CULTURE)
    user.email = "vanhoa@example.vn"
    user.save()
    known = client.post(RESET, {"email": "vanhoa@example.vn"})
    unknown = client.post(RESET, {"email": "ai-do@example.vn"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert len(mail.outbox) == 1 and "đặt lại mật khẩu" in mail.outbox[0].subject
    link = re.search(r"https?://[^/]+(/tai-khoan/dat-lai-mat-khau/\S+)", mail.outbox[0].body)
    assert link is not None
    form_page = client.get(link.group(1), follow=True)
    post_url = form_page.redirect_chain[-1][0]
    done = client.post(post_url, {"new_password1": NEW, "new_password2": NEW})
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW)
    again = client.get(link.group(1), follow=True).content.decode()
    assert "không còn dùng được" in again


def test_without_email_the_reset_page_sends_people_to_their_user_manager(client, settings):
    settings.EMAIL_ENABLED = False
    page = client.get(RESET).content.decode()
    assert "liên hệ người quản lý người dùng" in page
    assert client.post(RESET, {"email": "x@example.vn"}).status_code == 200
    assert not mail.outbox


def test_password_pages_refuse_other_methods(client, commune):
    client.force_login(member(commune, Role.CULTURE))
    assert client.put(CHANGE).status_code == 405


def test_member_with_only_a_chair_role_is_not_resettable_by_themself(client, chair_user, commune):
    client.force_login(chair_user)
    assert client.get(reset_url(commune, chair_user)).status_code == 403
    assert User.objects.get(pk=chair_user.pk).check_password(PASSWORD)


def test_the_reset_link_names_the_site_address_not_the_requests_host(client, commune, settings):
    """Red-team: with a wildcard ALLOWED_HOSTS an attacker's Host ended up in the e-mail."""
    settings.EMAIL_ENABLED = True
    settings.ALLOWED_HOSTS = [".example.test", "testserver"]
    settings.LOALANG_SITE_URL = "https://loalang.thanhhoa.gov.vn"
    user = member(commune, Role.CULTURE)
    user.email = "vanhoa@example.vn"
    user.save()
    client.post(RESET, {"email": "vanhoa@example.vn"}, HTTP_HOST="evil9.example.test")
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "evil9" not in body
    assert "https://loalang.thanhhoa.gov.vn/tai-khoan/dat-lai-mat-khau/" in body
