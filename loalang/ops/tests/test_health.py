import datetime as dt

import pytest
from django.utils import timezone

from loalang.ops import workers
from loalang.ops.models import WorkerHeartbeat


@pytest.mark.django_db
def test_healthz_reports_every_part_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert body["cache"] == "ok"
    assert body["media"] == "ok"


@pytest.mark.django_db
def test_healthz_names_the_failing_part(client, settings, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    settings.MEDIA_ROOT = blocker / "media"  # a path below a file cannot be created
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["failed"] == ["media"]
    assert response.json()["media"] == "error"  # the public answer does not say why


@pytest.mark.django_db
def test_a_worker_without_a_recent_heartbeat_makes_healthz_503_naming_it(client, settings):
    settings.LOALANG_WORKER_STALE_SECONDS = 30
    workers.beat("worker-1")
    workers.beat("worker-2")
    WorkerHeartbeat.objects.filter(worker_id="worker-2").update(
        seen_at=timezone.now() - dt.timedelta(seconds=31)
    )
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["failed"] == ["worker:worker-2"]
    assert body["worker:worker-1"] == "ok" and body["worker:worker-2"] == "error"
    workers.beat("worker-2")  # restarted
    assert client.get("/healthz").status_code == 200


@pytest.mark.django_db
def test_a_worker_that_stopped_on_purpose_or_long_ago_is_not_a_failure(client):
    workers.beat("worker-1")
    workers.forget("worker-1")
    workers.beat("removed-last-month")
    WorkerHeartbeat.objects.filter(worker_id="removed-last-month").update(
        seen_at=timezone.now() - dt.timedelta(days=30)
    )
    response = client.get("/healthz")
    assert response.status_code == 200
    assert not any(key.startswith("worker:") for key in response.json())


@pytest.mark.django_db
def test_public_healthz_keeps_internal_details_out(client, settings):
    settings.DEBUG = True
    body = client.get("/healthz").json()
    assert set(body) == {"status", "database", "cache", "media", "failed"}
    assert "debug" not in body and "elapsed_ms" not in body and "detail" not in body


@pytest.mark.django_db
def test_staff_see_why_a_part_failed(client, admin_user):
    workers.beat("worker-1")
    WorkerHeartbeat.objects.update(seen_at=timezone.now() - dt.timedelta(hours=1))
    client.force_login(admin_user)
    body = client.get("/healthz").json()
    assert body["detail"]["worker:worker-1"].startswith("error: no heartbeat")
    assert body["detail"]["database"] == "ok" and "elapsed_ms" in body


def test_favicon_ico_points_at_the_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("loa.svg")
