"""The outbound-URL rule (loalang.core.outbound): internal addresses are refused unless a
system administrator allowed them; requests go to the checked address, follow no redirect."""

from __future__ import annotations

import http.server
import threading

import pytest

from loalang.core import outbound

REFUSED = [
    "http://127.0.0.1/",
    "http://127.1/",
    "http://2130706433/",  # 127.0.0.1 as one decimal number
    "http://0x7f000001/",
    "http://0177.0.0.1/",
    "http://localhost:8000/",
    "http://10.0.0.5/",
    "http://172.16.3.4/",
    "http://192.168.1.20/",
    "http://169.254.169.254/latest/meta-data/",  # cloud metadata
    "http://100.64.0.1/",  # shared address space (CGNAT)
    "http://0.0.0.0/",
    "http://[::1]/",
    "http://[::]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:169.254.169.254]/",
    "http://[fe80::1]/",
    "http://[fd00::1]/",
    "http://224.0.0.1/",
    "http://240.0.0.1/",
]


@pytest.mark.parametrize("url", REFUSED)
def test_internal_addresses_are_refused(url):
    with pytest.raises(outbound.OutboundRefused, match="nội bộ"):
        outbound.check_url(url)


@pytest.mark.parametrize(
    "url", ["ftp://example.org/x", "file:///etc/passwd", "gopher://127.0.0.1/", "http:///x"]
)
def test_other_schemes_and_broken_urls_are_refused(url):
    with pytest.raises(outbound.OutboundRefused):
        outbound.check_url(url)


def test_credentials_in_the_url_are_refused():
    with pytest.raises(outbound.OutboundRefused, match="mật khẩu"):
        outbound.check_url("http://user:pw@93.184.215.14/")


def test_a_public_address_passes_without_any_allow_list():
    target = outbound.check_url("https://93.184.215.14:8443/loa?x=1")
    assert target.addresses == ("93.184.215.14",) and target.path == "/loa?x=1"


def test_an_allowed_office_lan_host_passes(settings):
    settings.LOALANG_OUTBOUND_ALLOWED_HOSTS = ["192.168.1.20", "10.8.0.0/24"]
    assert outbound.check_url("http://192.168.1.20/nhan").addresses == ("192.168.1.20",)
    assert outbound.check_url("http://10.8.0.7/").addresses == ("10.8.0.7",)
    with pytest.raises(outbound.OutboundRefused):
        outbound.check_url("http://10.8.1.7/")  # outside the allowed network
    with pytest.raises(outbound.OutboundRefused):
        outbound.check_url("http://169.254.169.254/")


class _Server(http.server.BaseHTTPRequestHandler):
    seen: list[dict] = []
    redirect_to = ""

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        _Server.seen.append({"host": self.headers["Host"], "body": body, "path": self.path})
        if _Server.redirect_to:
            self.send_response(302)
            self.send_header("Location", _Server.redirect_to)
        else:
            self.send_response(200)
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args) -> None:  # type: ignore[no-untyped-def]
        pass


@pytest.fixture
def server():
    _Server.seen, _Server.redirect_to = [], ""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Server)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()


def test_nothing_is_sent_to_a_refused_address(server):
    with pytest.raises(outbound.OutboundRefused):
        outbound.post(f"http://127.0.0.1:{server}/x", body=b"secret", headers={})
    assert _Server.seen == []


def test_an_allowed_host_gets_the_request_with_its_own_host_name(server, settings):
    settings.LOALANG_OUTBOUND_ALLOWED_HOSTS = ["localhost", "127.0.0.1", "::1"]
    answer = outbound.post(f"http://localhost:{server}/nhan", body=b"zip", headers={})
    assert answer.status == 200 and answer.body == "ok"
    (seen,) = _Server.seen
    assert seen["host"] == f"localhost:{server}" and seen["body"] == b"zip"


def test_a_redirect_is_never_followed(server, settings):
    settings.LOALANG_OUTBOUND_ALLOWED_HOSTS = ["127.0.0.1"]
    _Server.redirect_to = "http://169.254.169.254/latest/meta-data/"
    with pytest.raises(outbound.OutboundFailed, match="chuyển hướng"):
        outbound.post(f"http://127.0.0.1:{server}/a", body=b"x", headers={})
    assert len(_Server.seen) == 1


def test_the_request_goes_to_the_address_that_was_checked(server, settings, monkeypatch):
    """DNS rebinding: a second lookup could answer differently; `post` makes none."""
    settings.LOALANG_OUTBOUND_ALLOWED_HOSTS = ["radio.lan"]
    answers = iter([["127.0.0.1"]])  # a second call would raise StopIteration
    monkeypatch.setattr(outbound, "_resolve", lambda host, port: next(answers))
    assert outbound.post(f"http://radio.lan:{server}/", body=b"x", headers={}).status == 200
    assert _Server.seen[0]["host"] == f"radio.lan:{server}"
