"""The second step cannot be brute-forced across logins, and recovery codes work once
(issue 12, item 4)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.test import Client

from loalang.accounts import totp
from loalang.accounts.models import RecoveryCode
from loalang.notifications.models import Notification

from .test_totp import LOGIN, PASSWORD, SETUP, T0, VERIFY, code_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def enrolled(chair_user):
    chair_user.email = "chutich@example.vn"
    chair_user.save()
    device = totp.totp_begin(user=chair_user)
    with time_machine.travel(T0, tick=False):
        assert totp.totp_confirm(user=chair_user, code=code_at(device, T0))
    return chair_user


def test_twenty_wrong_codes_over_four_logins_no_longer_get_in(
    enrolled, django_capture_on_commit_callbacks
):
    attacker = Client()  # knows the password, guesses codes
    at = T0 + dt.timedelta(minutes=5)
    wrong = 0
    with django_capture_on_commit_callbacks(execute=True):
        for _login in range(4):
            with time_machine.travel(at, tick=False):
                assert (
                    attacker.post(
                        LOGIN, {"username": enrolled.username, "password": PASSWORD}
                    ).status_code
                    == 302
                )
                for _ in range(5):
                    attacker.post(VERIFY, {"code": "000000"})
                    wrong += 1
            at += dt.timedelta(minutes=16)
    assert wrong == 20
    with time_machine.travel(at, tick=False):
        attacker.post(LOGIN, {"username": enrolled.username, "password": PASSWORD})
        right = code_at(enrolled.totp_device, at)  # the attacker's lucky 21st guess
        response = attacker.post(VERIFY, {"code": right})
    assert response.status_code == 302 and response["Location"] == LOGIN
    assert "_auth_user_id" not in attacker.session
    enrolled.totp_device.refresh_from_db()
    assert enrolled.totp_device.locked_until > at
    # The Chair is told, in the app and by e-mail, that the password is known to someone.
    assert Notification.objects.filter(user=enrolled, text__contains="đổi mật khẩu").exists()
    assert any("đổi mật khẩu" in m.body for m in mail.outbox)


def test_lock_waits_grow_and_a_right_code_resets_the_count(enrolled):
    at = T0 + dt.timedelta(minutes=5)
    with time_machine.travel(at, tick=False) as clock:
        for _ in range(5):
            assert not totp.second_factor_check(user=enrolled, code="000000").ok
        first = totp.second_factor_check(user=enrolled, code="000000")
        assert first.locked_until == at + dt.timedelta(minutes=15)  # refused unchecked
        clock.shift(dt.timedelta(minutes=15))
        second = totp.second_factor_check(user=enrolled, code="000000")
        assert second.locked_until == at + dt.timedelta(minutes=15 + 30)
        clock.shift(dt.timedelta(minutes=30))
        now = at + dt.timedelta(minutes=45)
        assert totp.second_factor_check(user=enrolled, code=code_at(enrolled.totp_device, now)).ok
    enrolled.totp_device.refresh_from_db()
    assert enrolled.totp_device.failure_count == 0


def test_recovery_code_is_shown_once_stored_hashed_and_works_once(client, enrolled):
    client.force_login(enrolled)
    page = client.post(SETUP, {"action": "recovery"})
    assert page["Cache-Control"] == "no-store"
    html = page.content.decode()
    codes = [c.split("</code>")[0] for c in html.split("<code>")[1:]]
    assert len(codes) == 10
    assert "chỉ hiện một lần" in html
    assert not any(code in client.get(SETUP).content.decode() for code in codes)
    stored = set(RecoveryCode.objects.values_list("digest", flat=True))
    assert not any(code in stored or code.replace("-", "") in stored for code in codes)
    client.post("/tai-khoan/dang-xuat/")

    with time_machine.travel(T0 + dt.timedelta(minutes=5), tick=False):
        client.post(LOGIN, {"username": enrolled.username, "password": PASSWORD})
        response = client.post(VERIFY, {"code": codes[0].upper()}, follow=True)
        assert "_auth_user_id" in client.session
        assert "còn 9 mã" in response.content.decode()
        client.post("/tai-khoan/dang-xuat/")
        client.post(LOGIN, {"username": enrolled.username, "password": PASSWORD})
        again = client.post(VERIFY, {"code": codes[0]})
    assert "Mã không đúng" in again.content.decode()
    assert "_auth_user_id" not in client.session


def test_new_recovery_codes_invalidate_the_old_ones(enrolled):
    old = totp.recovery_codes_generate(user=enrolled)
    new = totp.recovery_codes_generate(user=enrolled)
    assert not totp.totp_verify(user=enrolled, code=old[0])
    assert totp.totp_verify(user=enrolled, code=new[0])


def test_disabling_counts_wrong_codes_too(client, enrolled):
    client.force_login(enrolled)
    with time_machine.travel(T0 + dt.timedelta(minutes=5), tick=False):
        for _ in range(5):
            client.post(SETUP, {"action": "disable", "code": "111111"})
        right = code_at(enrolled.totp_device, T0 + dt.timedelta(minutes=5))
        client.post(SETUP, {"action": "disable", "code": right})
    assert RecoveryCode.objects.count() == 0
    enrolled.totp_device.refresh_from_db()  # still there: locked before the right code
