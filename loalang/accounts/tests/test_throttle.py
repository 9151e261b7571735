"""Password guessing is limited per (account, address or known browser) and per account,
so that nobody can lock another person out (issue 12, item 2; ADR 0005)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client

from loalang.accounts.models import LoginFailure, Role
from loalang.notifications.models import Notification
from loalang.testing.factories import member

LOGIN = "/tai-khoan/dang-nhap/"
PASSWORD = "mat-khau-thu-123"
T0 = dt.datetime(2026, 6, 1, 8, 0, tzinfo=dt.UTC)
PROXY = "10.0.0.2"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.LOALANG_LOGIN_FREE_FAILURES = 5
    settings.LOALANG_LOGIN_BASE_MINUTES = 15
    settings.LOALANG_LOGIN_ACCOUNT_CAP = 10
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]


def attempt(client: Client, username: str, password: str, **meta: str) -> int:
    meta.setdefault("REMOTE_ADDR", "198.51.100.1")
    response = client.post(LOGIN, {"username": username, "password": password}, **meta)
    return response.status_code


def signs_in(client: Client, username: str, **meta: str) -> bool:
    status = attempt(client, username, PASSWORD, **meta)
    if status == 302:
        client.post("/tai-khoan/dang-xuat/")
    return status == 302


def test_failures_on_one_account_never_lock_another(commune):
    victim = member(commune, Role.CULTURE)
    client = Client()
    with time_machine.travel(T0, tick=False):
        for n in range(30):
            attempt(client, f"nguoi-khac-{n % 3}", "sai-mat-khau")
        attempt(client, "chutich", "sai-mat-khau")
        assert signs_in(client, victim.username)  # same address, same browser


def test_pair_lockout_grows_and_the_right_password_is_not_even_checked(commune):
    user = member(commune, Role.CULTURE)
    client = Client()
    with time_machine.travel(T0, tick=False) as clock:
        for _ in range(5):
            assert attempt(client, user.username, "sai") == 200
        assert attempt(client, user.username, PASSWORD) == 429
        clock.shift(dt.timedelta(minutes=15, seconds=1))
        assert attempt(client, user.username, "sai") == 200  # one more guess after 15 min
        clock.shift(dt.timedelta(minutes=29))
        assert attempt(client, user.username, PASSWORD) == 429  # now it is 30 min
        clock.shift(dt.timedelta(minutes=1, seconds=1))
        assert signs_in(client, user.username)
    assert not LoginFailure.objects.filter(username=user.username).exists()


def test_locked_out_page_is_vietnamese_and_says_when(commune):
    user = member(commune, Role.CULTURE)
    client = Client()
    with time_machine.travel(T0, tick=False):
        for _ in range(5):
            attempt(client, user.username, "sai")
        response = client.post(
            LOGIN, {"username": user.username, "password": "sai"}, REMOTE_ADDR="198.51.100.1"
        )
    page = response.content.decode()
    assert response.status_code == 429
    assert "Tạm khóa đăng nhập" in page and "thử lại sau 15:15 01/06/2026" in page


def test_attacker_at_one_address_cannot_lock_the_user_out_of_another(commune):
    victim = member(commune, Role.CHAIR)
    attacker = Client()
    with time_machine.travel(T0, tick=False) as clock:
        for _minute in range(120):  # tries every minute for two hours
            for _ in range(3):
                attempt(attacker, victim.username, "doan-bua", REMOTE_ADDR="203.0.113.66")
            clock.shift(dt.timedelta(minutes=1))
        # A browser that never signed in before, at another address: not locked.
        assert signs_in(Client(), victim.username, REMOTE_ADDR="198.51.100.20")


def test_rotating_addresses_get_a_fixed_number_of_guesses_and_the_user_still_signs_in(commune):
    victim = member(commune, Role.CHAIR)
    office = Client()
    with time_machine.travel(T0 - dt.timedelta(days=3), tick=False):
        assert signs_in(office, victim.username, REMOTE_ADDR="198.51.100.20")
    checked = 0
    with time_machine.travel(T0, tick=False) as clock:
        for n in range(100):  # 100 addresses behind the trusted proxy
            xff = f"192.0.2.{n}"
            status = attempt(
                Client(), victim.username, "doan-bua", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=xff
            )
            checked += status == 200
            clock.shift(dt.timedelta(seconds=30))
        assert checked == 10
        # Even the right password is not checked from a new address while the cap holds.
        assert attempt(Client(), victim.username, PASSWORD, REMOTE_ADDR="198.51.100.99") == 429
        # The Chair's own browser is not affected.
        assert signs_in(office, victim.username, REMOTE_ADDR="198.51.100.20")
        assert Notification.objects.filter(user=victim, text__contains="nhập sai").count() == 1
        clock.shift(dt.timedelta(hours=1))
        assert attempt(Client(), victim.username, "doan-bua", REMOTE_ADDR="192.0.2.200") == 200


def test_spoofed_forwarded_for_from_an_untrusted_peer_changes_nothing(commune):
    victim = member(commune, Role.CHAIR)
    checked = 0
    with time_machine.travel(T0, tick=False):
        for n in range(100):
            status = attempt(
                Client(),
                victim.username,
                "doan-bua",
                REMOTE_ADDR="203.0.113.66",
                HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
            )
            checked += status == 200
        assert checked == 5  # all charged to the real peer: its pair limit
        assert signs_in(Client(), victim.username, REMOTE_ADDR="198.51.100.20")


def test_known_browser_is_not_locked_by_an_attacker_on_the_same_address(commune):
    """Behind a proxy that is not configured as trusted, everyone shares one address."""
    victim = member(commune, Role.CHAIR)
    office = Client()
    with time_machine.travel(T0, tick=False):
        assert signs_in(office, victim.username, REMOTE_ADDR="127.0.0.1")
        for _ in range(50):
            attempt(Client(), victim.username, "doan-bua", REMOTE_ADDR="127.0.0.1")
        assert signs_in(office, victim.username, REMOTE_ADDR="127.0.0.1")


def test_device_cookie_of_another_account_or_forged_does_not_exempt(commune):
    victim = member(commune, Role.CHAIR)
    other = member(commune, Role.CULTURE)
    browser = Client()
    with time_machine.travel(T0, tick=False):
        assert signs_in(browser, other.username)
        browser.cookies["loalang_device"] = browser.cookies["loalang_device"].value
        checked = sum(
            attempt(browser, victim.username, "x", REMOTE_ADDR=f"192.0.2.{n}") == 200
            for n in range(30)
        )
        assert checked == 10
        forged = Client()
        forged.cookies["loalang_device"] = "eyJjaHV0aWNoIjoieCJ9:forged:sig"
        assert attempt(forged, victim.username, PASSWORD, REMOTE_ADDR="192.0.2.99") == 429


def test_concurrent_guesses_from_one_address_stay_within_the_limit(commune):
    """Reservations are written before the password check, so a burst cannot overshoot."""
    from loalang.accounts import throttle

    with time_machine.travel(T0, tick=False):
        attempts = [
            throttle.login_attempt_begin(username="chutich", address="203.0.113.5", device="")
            for _ in range(20)
        ]
    assert sum(not a.refused for a in attempts) == 5
