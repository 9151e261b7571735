"""Optional two-step login for the Chair and the Culture-Social officer."""

from __future__ import annotations

import base64
import datetime as dt

import pyotp
import pytest
import time_machine
from django.urls import reverse

from loalang.accounts import totp
from loalang.accounts.models import Role, TOTPDevice
from loalang.core.models import AuditEntry
from loalang.testing.factories import member

LOGIN = "/tai-khoan/dang-nhap/"
SETUP = "/tai-khoan/bao-mat/hai-buoc/"
VERIFY = "/tai-khoan/xac-thuc-hai-buoc/"
PASSWORD = "mat-khau-thu-123"
T0 = dt.datetime(2026, 5, 1, 8, 0, 0, tzinfo=dt.UTC)


def code_at(device: TOTPDevice, at: dt.datetime) -> str:
    return pyotp.TOTP(device.secret).at(at)


@pytest.fixture
def enrolled(chair_user):
    device = totp.totp_begin(user=chair_user)
    with time_machine.travel(T0, tick=False):
        assert totp.totp_confirm(user=chair_user, code=code_at(device, T0))
    return chair_user


@pytest.mark.django_db
def test_rfc6238_reference_vector():
    # RFC 6238 appendix B, SHA-1, T = 59 s: 94287082 (8 digits) — the library we rely on.
    secret = base64.b32encode(b"12345678901234567890").decode()
    assert pyotp.TOTP(secret, digits=8).at(59) == "94287082"


@pytest.mark.django_db
def test_enrolment_shows_qr_and_needs_a_valid_code(client, chair_user):
    client.force_login(chair_user)
    assert client.post(SETUP, {"action": "begin"}).status_code == 302
    page = client.get(SETUP).content.decode()
    assert "data:image/svg+xml;base64," in page
    device = TOTPDevice.objects.get(user=chair_user)
    assert device.secret in page
    response = client.post(SETUP, {"action": "confirm", "code": "000000"})
    assert "Mã không đúng" in response.content.decode()
    with time_machine.travel(T0, tick=False):
        response = client.post(SETUP, {"action": "confirm", "code": code_at(device, T0)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.is_confirmed
    entry = AuditEntry.objects.get(verb="totp.enabled")
    assert device.secret not in str(entry.after)


@pytest.mark.django_db
def test_login_asks_for_the_code_after_the_password(client, enrolled, commune):
    at = T0 + dt.timedelta(minutes=5)
    with time_machine.travel(at, tick=False):
        response = client.post(LOGIN, {"username": enrolled.username, "password": PASSWORD})
        assert response.status_code == 302 and response["Location"] == VERIFY
        home = reverse("home:commune_home", args=[commune.slug])
        assert client.get(home).status_code == 302  # not logged in yet
        device = enrolled.totp_device
        response = client.post(VERIFY, {"code": code_at(device, at)}, follow=True)
    assert response.redirect_chain[-1][0] == home


@pytest.mark.django_db
def test_a_code_works_only_once(client, enrolled):
    at = T0 + dt.timedelta(minutes=5)
    with time_machine.travel(at, tick=False):
        code = code_at(enrolled.totp_device, at)
        assert totp.totp_verify(user=enrolled, code=code)
        assert not totp.totp_verify(user=enrolled, code=code)


@pytest.mark.django_db
def test_wrong_codes_end_the_attempt(client, enrolled):
    with time_machine.travel(T0 + dt.timedelta(minutes=5), tick=False):
        client.post(LOGIN, {"username": enrolled.username, "password": PASSWORD})
        for _ in range(4):
            response = client.post(VERIFY, {"code": "123456"})
            assert "Mã không đúng" in response.content.decode()
        response = client.post(VERIFY, {"code": "123456"})
        assert response.status_code == 302 and response["Location"] == LOGIN
        assert client.get(VERIFY).status_code == 302


@pytest.mark.django_db
def test_pending_login_expires(client, enrolled):
    with time_machine.travel(T0 + dt.timedelta(minutes=5), tick=False):
        client.post(LOGIN, {"username": enrolled.username, "password": PASSWORD})
    later = T0 + dt.timedelta(minutes=11)
    with time_machine.travel(later, tick=False):
        response = client.post(VERIFY, {"code": code_at(enrolled.totp_device, later)})
    assert response.status_code == 302 and response["Location"] == LOGIN


@pytest.mark.django_db
def test_disabling_needs_a_current_code(client, enrolled):
    client.force_login(enrolled)
    at = T0 + dt.timedelta(minutes=5)
    with time_machine.travel(at, tick=False):
        response = client.post(SETUP, {"action": "disable", "code": "111111"})
        assert "Mã không đúng" in response.content.decode()
        code = code_at(enrolled.totp_device, at)
        assert client.post(SETUP, {"action": "disable", "code": code}).status_code == 302
    assert not TOTPDevice.objects.filter(user=enrolled).exists()


@pytest.mark.django_db
def test_users_without_a_device_log_in_as_before(client, culture_user):
    response = client.post(LOGIN, {"username": culture_user.username, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] != VERIFY


@pytest.mark.django_db
def test_setup_is_only_for_chair_and_culture(client, commune):
    client.force_login(member(commune, Role.FINANCE))
    assert "dành cho tài khoản Chủ tịch" in client.get(SETUP).content.decode()
    assert client.post(SETUP, {"action": "begin"}).status_code == 403
    assert not TOTPDevice.objects.exists()
    client.force_login(member(commune, Role.CULTURE))
    assert client.get(SETUP).status_code == 200


@pytest.mark.django_db
def test_setup_needs_login_and_rejects_other_methods(client, chair_user):
    assert client.get(SETUP).status_code == 302
    client.force_login(chair_user)
    assert client.put(SETUP).status_code == 405
    assert client.post(SETUP, {"action": "explode"}).status_code == 400
