"""The playout bundle (ZIP, M3U, PDF), its atomic write, and the HTTP push."""

from __future__ import annotations

import datetime as dt
import http.server
import io
import threading
import zipfile

import pytest

from loalang.documents.readback import pdf_text
from loalang.radio import bundle as bundle_module
from loalang.radio import push
from loalang.radio.bundle import build_bundle
from loalang.radio.models import Bulletin, RadioSettings
from loalang.radio.tests.factories import ClusterFactory, SlotFactory
from loalang.radio.tests.helpers import aired_bulletin

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 11, 27)


@pytest.fixture
def day_plan(commune):
    ClusterFactory(commune=commune, name="Cụm Khằm")
    SlotFactory(commune=commune, name="Buổi sáng", starts_at=dt.time(6))
    SlotFactory(commune=commune, name="Buổi chiều", starts_at=dt.time(17))
    aired_bulletin(commune, title="Lịch tiêm chủng tháng 12")
    aired_bulletin(commune, title="Cảnh báo rét đậm", priority=Bulletin.Priority.PRIORITY)


def test_bundle_holds_numbered_audio_playlists_and_a_printable_schedule(
    commune, day_plan, tmp_path
):
    path = build_bundle(commune=commune, day=DAY, output=tmp_path / "out" / "loa.zip")
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        assert "0600-buoi-sang/01-nhac-hieu-mo-dau.mp3" in names
        assert any(n.startswith("0600-buoi-sang/02-canh-bao-ret") for n in names)
        assert any(n.startswith("0600-buoi-sang/03-lich-tiem-chung") for n in names)
        assert "0600-buoi-sang/04-nhac-hieu-ket-thuc.mp3" in names
        assert "1700-buoi-chieu.m3u8" in names and "ca-ngay.m3u8" in names
        playlist = z.read("0600-buoi-sang.m3u8").decode("utf-8")
        assert playlist.startswith("#EXTM3U\n#EXTENC:UTF-8")
        assert playlist.index("Cảnh báo rét đậm") < playlist.index("Lịch tiêm chủng tháng 12")
        assert "0600-buoi-sang/01-nhac-hieu-mo-dau.mp3" in playlist
        # Beside it, the same list for old USB players that only read ASCII .m3u.
        assert "1700-buoi-chieu.m3u" in names and "ca-ngay.m3u" in names
        ascii_list = z.read("0600-buoi-sang.m3u").decode("ascii")
        assert "Canh bao ret dam" in ascii_list and "\r\n" in ascii_list
        assert ascii_list.count(".mp3") == playlist.count(".mp3")
        pdf = z.read("lich-phat-2026-11-27.pdf")
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf)
    assert "Cảnh báo rét đậm" in text and "06:00" in text and "GMT+7" in text
    assert list((tmp_path / "out").iterdir()) == [path]


def test_a_failed_bundle_leaves_no_half_written_file(commune, day_plan, tmp_path, monkeypatch):
    (tmp_path / "usb").mkdir()
    target = tmp_path / "usb" / "loa.zip"
    target.write_bytes(b"yesterday's bundle")

    def broken_pdf(data):  # type: ignore[no-untyped-def]
        raise OSError("disk full")

    monkeypatch.setattr(bundle_module, "render_schedule_pdf", broken_pdf)
    with pytest.raises(OSError):
        build_bundle(commune=commune, day=DAY, output=target)
    assert target.read_bytes() == b"yesterday's bundle"
    assert [p.name for p in (tmp_path / "usb").iterdir()] == ["loa.zip"]


class _Receiver(http.server.BaseHTTPRequestHandler):
    received: list[dict] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        _Receiver.received.append({"headers": dict(self.headers), "body": body, "path": self.path})
        ok = self.headers.get("Authorization") == "Bearer s3cret"
        self.send_response(200 if ok else 401)
        self.end_headers()
        self.wfile.write(b'{"ok": true}' if ok else b"denied")

    def log_message(self, *args) -> None:  # type: ignore[no-untyped-def]
        pass


@pytest.fixture
def receiver(settings):
    # The test receiver is on loopback, which only an administrator's allow-list opens.
    settings.LOALANG_OUTBOUND_ALLOWED_HOSTS = ["127.0.0.1"]
    _Receiver.received = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/loa/nhan", _Receiver.received
    server.shutdown()
    server.server_close()


def test_bundle_push_reaches_a_smart_radio_system(commune, day_plan, receiver, tmp_path):
    url, received = receiver
    RadioSettings.objects.create(commune=commune, push_url=url, push_token="s3cret")
    body = build_bundle(commune=commune, day=DAY, output=tmp_path / "b.zip").read_bytes()
    result = push.push_bundle(commune=commune, day=DAY, body=body)
    assert result.status == 200
    (request,) = received
    assert request["path"] == "/loa/nhan"
    assert request["headers"]["Content-Type"] == "application/zip"
    assert request["headers"]["X-Loalang-Date"] == "2026-11-27"
    assert zipfile.ZipFile(io.BytesIO(request["body"])).testzip() is None


def test_push_with_a_wrong_token_or_no_server_says_why(commune, receiver):
    url, _received = receiver
    RadioSettings.objects.create(commune=commune, push_url=url, push_token="wrong")
    with pytest.raises(push.PushError, match="401"):
        push.push_bundle(commune=commune, day=DAY, body=b"zip")
    RadioSettings.objects.filter(commune=commune).update(push_url="http://127.0.0.1:9/")
    with pytest.raises(push.PushError, match="Không kết nối được"):
        push.push_bundle(commune=commune, day=DAY, body=b"zip")


def test_emergency_is_pushed_with_a_preempt_flag(commune, receiver, chair_user, run_on_commit):
    from loalang.radio.services import bulletin_put_on_air

    url, received = receiver
    RadioSettings.objects.create(commune=commune, push_url=url, push_token="s3cret")
    ClusterFactory(commune=commune, name="Cụm Khằm", code="AT-001")
    flood = aired_bulletin(commune, title="Lũ quét", priority=Bulletin.Priority.EMERGENCY)
    with run_on_commit():
        bulletin_put_on_air(bulletin=flood, actor=chair_user)
    (request,) = received
    assert request["headers"]["X-Loalang-Preempt"] == "1"
    assert request["headers"]["X-Loalang-Clusters"] == "AT-001"
    assert request["headers"]["Content-Type"] == "audio/mpeg" and len(request["body"]) > 1000


# --- SSRF through the push URL (issue 12) ----------------------------------------------------
INTERNAL = [
    "http://127.0.0.1:8000/",
    "http://10.0.0.5/nhan",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::1]/",
    "http://0.0.0.0/",
    "http://2130706433/",
]


@pytest.mark.parametrize("target", INTERNAL)
def test_settings_form_refuses_an_internal_push_address(client, commune, culture_user, target):
    from django.urls import reverse

    client.force_login(culture_user)
    url = reverse("radio:settings", kwargs={"commune_slug": commune.slug})
    response = client.post(url, {"voice": "vi", "rate": 150, "push_url": target})
    assert response.status_code in (200, 400)
    body = response.content.decode()
    if target == "http://2130706433/":  # Django's URL check already rejects this spelling
        assert "errorlist" in body
    else:
        assert "Không được gửi tới địa chỉ nội bộ" in body
    assert not RadioSettings.objects.filter(commune=commune).exclude(push_url="").exists()


def test_settings_form_accepts_an_internal_address_the_administrator_allowed(
    client, commune, culture_user, settings
):
    from django.urls import reverse

    settings.LOALANG_OUTBOUND_ALLOWED_HOSTS = ["192.168.1.20"]
    client.force_login(culture_user)
    url = reverse("radio:settings", kwargs={"commune_slug": commune.slug})
    response = client.post(url, {"voice": "vi", "rate": 150, "push_url": "http://192.168.1.20/"})
    assert response.status_code == 302
    assert RadioSettings.objects.get(commune=commune).push_url == "http://192.168.1.20/"


def test_a_push_url_stored_before_the_rule_is_refused_at_request_time(
    client, commune, culture_user, day_plan, receiver, settings, run_on_commit
):
    """A row saved without the form (old data, admin, API) is checked again when sending."""
    from django.urls import reverse

    url, received = receiver
    settings.LOALANG_OUTBOUND_ALLOWED_HOSTS = []
    RadioSettings.objects.create(commune=commune, push_url=url, push_token="s3cret")
    client.force_login(culture_user)
    with run_on_commit():
        client.post(
            reverse("radio:bundle_push", kwargs={"commune_slug": commune.slug}),
            {"date": DAY.isoformat()},
        )
    assert received == []
    station = RadioSettings.objects.get(commune=commune)
    assert "nội bộ" in station.last_push_result


def test_bundle_push_runs_in_the_job_worker_and_reaches_an_allowed_receiver(
    client, commune, culture_user, day_plan, receiver, run_on_commit
):
    from django.urls import reverse

    url, received = receiver  # the fixture allows 127.0.0.1
    RadioSettings.objects.create(commune=commune, push_url=url, push_token="s3cret")
    client.force_login(culture_user)
    push_url = reverse("radio:bundle_push", kwargs={"commune_slug": commune.slug})
    with run_on_commit() as callbacks:
        response = client.post(push_url, {"date": DAY.isoformat()})
        assert received == []  # the request itself sends nothing: it queues the job
    assert response.status_code == 302
    assert len(callbacks) == 1
    (request,) = received
    assert request["headers"]["X-Loalang-Date"] == DAY.isoformat()
    assert zipfile.ZipFile(io.BytesIO(request["body"])).testzip() is None
    station = RadioSettings.objects.get(commune=commune)
    assert station.last_push_result.endswith("OK (200)")
    page = client.get(reverse("radio:schedule", kwargs={"commune_slug": commune.slug}))
    assert "OK (200)" in page.content.decode()
