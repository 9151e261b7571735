"""core.net.client_address: X-Forwarded-For is believed only from trusted proxies."""

from django.test import RequestFactory

from loalang.core.net import client_address


def addr(remote: str, xff: str | None = None) -> str:
    extra = {"REMOTE_ADDR": remote}
    if xff is not None:
        extra["HTTP_X_FORWARDED_FOR"] = xff
    return client_address(RequestFactory().get("/", **extra))


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert addr("203.0.113.9", "1.2.3.4") == "203.0.113.9"


def test_header_from_an_untrusted_peer_is_ignored(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert addr("203.0.113.9", "198.51.100.1") == "203.0.113.9"


def test_trusted_proxy_gives_the_client_it_saw(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert addr("10.0.0.2", "198.51.100.7") == "198.51.100.7"


def test_a_client_cannot_prepend_a_fake_address(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    # The client sent "X-Forwarded-For: 1.1.1.1"; nginx appended the address it saw.
    assert addr("10.0.0.2", "1.1.1.1, 198.51.100.7") == "198.51.100.7"


def test_chain_of_trusted_proxies_is_walked(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "2001:db8::/32"]
    assert addr("10.0.0.2", "1.1.1.1, 198.51.100.7, 2001:db8::5, 10.1.1.1") == "198.51.100.7"


def test_garbage_in_the_header_stops_at_the_last_trusted_hop(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert addr("10.0.0.2", "<script>, 198.51.100.7") == "198.51.100.7"
    assert addr("10.0.0.2", "not-an-ip") == "10.0.0.2"


def test_ipv4_mapped_ipv6_is_one_address():
    assert addr("::ffff:198.51.100.7") == "198.51.100.7"
    assert addr("") == "unknown"


def test_bad_trusted_proxies_setting_fails_loudly(tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    env["TRUSTED_PROXIES"] = "10.0.0.0/8,nginx"
    code = "import django; django.setup()"
    run = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert run.returncode != 0 and "TRUSTED_PROXIES" in run.stderr
