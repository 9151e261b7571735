"""Outside channels (ADR 0100): e-mail, Web Push to a fake push service on 127.0.0.1, Zalo
through the fake gateway and the ZNS adapter against a local twin; delivery runs in the job
worker, once; links open on the item after logging in (Zalo's in-app browser)."""

from __future__ import annotations

import base64
import contextlib
import http.server
import json
import threading
from urllib.parse import quote

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from django.core import mail
from django.urls import reverse

from loalang.notifications.channels import gateways
from loalang.notifications.channels.gateways import FakeGateway, ZaloZnsGateway, normalize_phone
from loalang.notifications.channels.webpush import b64url_decode, vapid_public_key
from loalang.notifications.models import Delivery, NotificationSettings, PushSubscription
from loalang.notifications.services import (
    delivery_send,
    notification_settings_save,
    notify,
    push_subscription_save,
)
from loalang.notifications.tests.fake_push import Browser, push_service

pytestmark = pytest.mark.django_db

SITE = "https://loalang.example.vn"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.LOALANG_SITE_URL = SITE
    settings.LOALANG_ZALO_GATEWAY = "loalang.notifications.channels.gateways.FakeGateway"
    FakeGateway.sent.clear()
    FakeGateway.fail_with = ""
    yield
    FakeGateway.sent.clear()
    FakeGateway.fail_with = ""


def _tell(user, commune, django_capture_on_commit_callbacks, *, run_jobs: bool = True):
    with django_capture_on_commit_callbacks(execute=run_jobs):
        return notify(user=user, commune=commune, text="Bản tin chờ duyệt", url="/app/x/1/")


def test_email_carries_the_absolute_link(culture_user, commune, django_capture_on_commit_callbacks):
    culture_user.email = "vanhoa@example.vn"
    culture_user.save()
    notification_settings_save(user=culture_user, channels=["email"], phone="", actor=culture_user)
    n = _tell(culture_user, commune, django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [["vanhoa@example.vn"]]
    assert f"{SITE}/app/x/1/" in mail.outbox[0].body
    assert n.deliveries.get().status == Delivery.Status.SENT


def test_zalo_goes_to_the_phone_through_the_gateway(
    culture_user, commune, django_capture_on_commit_callbacks
):
    notification_settings_save(
        user=culture_user, channels=["zalo"], phone="0912 345 678", actor=culture_user
    )
    _tell(culture_user, commune, django_capture_on_commit_callbacks)
    assert FakeGateway.sent == [
        {"phone": "84912345678", "text": "Bản tin chờ duyệt", "url": f"{SITE}/app/x/1/"}
    ]


def test_nothing_leaves_inside_the_request_the_job_worker_sends_it_once(
    culture_user, commune, settings, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    notification_settings_save(
        user=culture_user, channels=["zalo"], phone="0912345678", actor=culture_user
    )
    n = _tell(culture_user, commune, django_capture_on_commit_callbacks)
    delivery = n.deliveries.get()
    assert FakeGateway.sent == [] and delivery.status == Delivery.Status.PENDING
    job = DBTaskResult.objects.get()
    assert job.task_path.endswith("delivery_send_job") and job.args_kwargs["args"] == [delivery.pk]
    assert delivery_send(delivery_id=delivery.pk) == "sent"
    assert delivery_send(delivery_id=delivery.pk) == "sent"  # a retried job sends nothing more
    assert len(FakeGateway.sent) == 1


def test_a_failing_gateway_is_recorded_not_raised(
    culture_user, commune, django_capture_on_commit_callbacks
):
    FakeGateway.fail_with = "Zalo bận"
    notification_settings_save(
        user=culture_user, channels=["zalo"], phone="0912345678", actor=culture_user
    )
    n = _tell(culture_user, commune, django_capture_on_commit_callbacks)
    delivery = n.deliveries.get()
    assert delivery.status == Delivery.Status.FAILED and delivery.detail == "Zalo bận"
    assert n.pk  # the in-app notification stays


def test_no_channels_chosen_means_in_app_only(
    culture_user, commune, django_capture_on_commit_callbacks
):
    n = _tell(culture_user, commune, django_capture_on_commit_callbacks)
    assert not n.deliveries.exists() and mail.outbox == [] and FakeGateway.sent == []


def _verify_vapid(authorization: str, audience: str) -> dict:
    t_part, k_part = (p.strip() for p in authorization.removeprefix("vapid ").split(","))
    token, key = t_part.removeprefix("t="), k_part.removeprefix("k=")
    assert key == vapid_public_key()
    header, payload, signature = token.split(".")
    raw = b64url_decode(signature)
    public = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), b64url_decode(key))
    der = encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big"))
    public.verify(der, f"{header}.{payload}".encode(), ec.ECDSA(hashes.SHA256()))
    claims = json.loads(b64url_decode(payload))
    assert claims["aud"] == audience
    return claims


def test_web_push_reaches_the_fake_push_service_encrypted_and_signed(
    culture_user, commune, settings, django_capture_on_commit_callbacks
):
    settings.LOALANG_OUTBOUND_ALLOWED_HOSTS = ["127.0.0.1"]
    browser = Browser()
    with push_service() as service:
        push_subscription_save(
            user=culture_user, endpoint=f"{service.url}/push/abc", **browser.keys()
        )
        assert "push" in NotificationSettings.objects.get(user=culture_user).channels
        n = _tell(culture_user, commune, django_capture_on_commit_callbacks)
    assert n.deliveries.get().status == Delivery.Status.SENT
    [request] = service.received
    assert request["path"] == "/push/abc"
    assert request["headers"]["Content-Encoding"] == "aes128gcm"
    _verify_vapid(request["headers"]["Authorization"], service.url)
    message = json.loads(browser.decrypt(request["body"]))
    assert message["body"] == "Bản tin chờ duyệt" and message["url"] == f"{SITE}/app/x/1/"
    with pytest.raises(InvalidSignature):  # the check above can fail
        _verify_vapid(request["headers"]["Authorization"].replace("t=e", "t=f", 1), service.url)


def test_a_gone_subscription_is_forgotten(
    culture_user, commune, settings, django_capture_on_commit_callbacks
):
    settings.LOALANG_OUTBOUND_ALLOWED_HOSTS = ["127.0.0.1"]
    with push_service() as service:
        service.answer = 410
        push_subscription_save(
            user=culture_user, endpoint=f"{service.url}/push/gone", **Browser().keys()
        )
        n = _tell(culture_user, commune, django_capture_on_commit_callbacks)
    assert n.deliveries.get().status == Delivery.Status.FAILED
    assert not PushSubscription.objects.exists()


def test_push_endpoint_on_a_private_address_is_refused(culture_user):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        push_subscription_save(
            user=culture_user, endpoint="http://10.1.2.3/push", **Browser().keys()
        )
    with pytest.raises(ValidationError):
        push_subscription_save(
            user=culture_user, endpoint="https://push.example/x", p256dh="abc", auth="def"
        )
    assert not PushSubscription.objects.exists()


@contextlib.contextmanager
def _zns_twin(answer: dict):
    got: list[dict] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            headers = {k.lower(): v for k, v in self.headers.items()}
            got.append({"headers": headers, "json": json.loads(body)})
            data = json.dumps(answer).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/message/template", got
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_zns_adapter_contract(settings):
    settings.LOALANG_ZALO_ACCESS_TOKEN = "token-1"
    settings.LOALANG_ZALO_TEMPLATE_ID = "224"
    with _zns_twin({"error": 0, "message": "Success", "data": {"msg_id": "m-77"}}) as (url, got):
        settings.LOALANG_ZALO_ZNS_URL = url
        msg_id = ZaloZnsGateway().send(phone="84912345678", text="Có việc", url=f"{SITE}/a/")
    assert msg_id == "m-77"
    [request] = got
    assert request["headers"]["access_token"] == "token-1"
    assert request["json"]["phone"] == "84912345678"
    assert request["json"]["template_id"] == "224"
    assert request["json"]["template_data"] == {"content": "Có việc", "url": f"{SITE}/a/"}
    with _zns_twin({"error": -108, "message": "Phone number is invalid"}) as (url, got):
        settings.LOALANG_ZALO_ZNS_URL = url
        with pytest.raises(gateways.DeliveryFailed) as exc:
            ZaloZnsGateway().send(phone="84900000000", text="x", url="")
    assert exc.value.permanent and "Phone number is invalid" in exc.value.reason


@pytest.mark.parametrize(
    "raw, expected",
    [("0912 345 678", "84912345678"), ("+84 912.345.678", "84912345678"), ("912345678", ""),
     ("0912", ""), ("", "")],
)  # fmt: skip
def test_phone_numbers(raw, expected):
    assert normalize_phone(raw) == expected


def test_link_opened_in_zalo_logs_in_first_then_lands_on_the_item(world, client):
    """Zalo's in-app browser has no session: the link asks to log in and keeps `next`."""
    from loalang.home.demo import DEMO_PASSWORD

    user = world.users["chair"]
    user.set_password(DEMO_PASSWORD)
    user.save()
    path = reverse("notifications:settings", args=[world.commune.slug])
    response = client.get(path, HTTP_USER_AGENT="Mozilla/5.0 Zalo iOS/23.0")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login") + "?next=" + quote(path, safe="/")
    page = client.get(response["Location"])
    assert f'value="{path}"' in page.content.decode()
    landed = client.post(
        response["Location"],
        {"username": user.username, "password": DEMO_PASSWORD, "next": path},
    )
    assert landed.status_code == 302 and landed["Location"] == path


def test_settings_page_saves_channels_and_asks_for_a_phone(world, client, settings):
    settings.EMAIL_ENABLED = True
    user = world.users["village_head"]
    client.force_login(user)
    url = reverse("notifications:settings", args=[world.commune.slug])
    page = client.get(url).content.decode()
    assert 'value="zalo"' in page and 'value="push"' in page and 'value="email"' in page
    answer = client.post(url, {"channels": ["zalo"], "phone": ""})
    assert answer.status_code == 200
    assert "Nhập số điện thoại" in answer.content.decode()
    assert not NotificationSettings.objects.filter(user=user).exists()
    answer = client.post(url, {"channels": ["zalo"], "phone": "0912 345 678"})
    assert answer.status_code == 302
    assert NotificationSettings.objects.get(user=user).channels == ["zalo"]


def test_zalo_is_not_offered_without_a_gateway(world, client, settings):
    settings.LOALANG_ZALO_GATEWAY = ""
    client.force_login(world.users["culture"])
    page = client.get(reverse("notifications:settings", args=[world.commune.slug])).content
    assert b'value="zalo"' not in page


def test_push_subscribe_view(world, client, settings):
    settings.LOALANG_OUTBOUND_ALLOWED_HOSTS = ["127.0.0.1"]
    client.force_login(world.users["team_member"])
    url = reverse("notifications:push_subscribe", args=[world.commune.slug])
    good = {"endpoint": "http://127.0.0.1:9/push/1", "keys": Browser().keys()}
    answer = client.post(url, json.dumps(good), content_type="application/json")
    assert answer.status_code == 200 and answer.json()["ok"]
    bad = {"endpoint": "http://127.0.0.1:9/push/2", "keys": {"p256dh": "x", "auth": "y"}}
    answer = client.post(url, json.dumps(bad), content_type="application/json")
    assert answer.status_code == 400 and "không hợp lệ" in answer.json()["error"]
    assert PushSubscription.objects.count() == 1
    off = reverse("notifications:push_unsubscribe", args=[world.commune.slug])
    client.post(off, json.dumps({"endpoint": good["endpoint"]}), content_type="application/json")
    assert not PushSubscription.objects.exists()


def test_service_worker_and_manifest_are_served_from_the_root(client):
    sw = client.get("/sw.js")
    assert sw.status_code == 200 and sw["Service-Worker-Allowed"] == "/"
    assert b"showNotification" in sw.content and b"openWindow" in sw.content
    manifest = client.get("/manifest.webmanifest").json()
    assert manifest["start_url"] == "/app/" and manifest["display"] == "standalone"


def test_vapid_key_is_generated_once_and_kept(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.LOALANG_VAPID_PRIVATE_KEY = ""
    first = vapid_public_key()
    assert (tmp_path / "vapid_private_key.pem").stat().st_mode & 0o777 == 0o600
    assert vapid_public_key() == first
    assert len(base64.urlsafe_b64decode(first + "=")) == 65
