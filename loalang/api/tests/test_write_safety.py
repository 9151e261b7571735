"""Writes that a retrying or concurrent client cannot double, and bodies too big to read
(issue 12, item 8)."""

from __future__ import annotations

import threading
import uuid

import pytest
from django.db import connections
from django.test import Client

from loalang.activities.models import Activity
from loalang.api.models import IdempotencyRecord
from loalang.radio.models import Bulletin
from loalang.testing.databases import on_sqlite_file

from .test_write import broadcast, v1


def post(client: Client, key: str, path: str, body: object, **headers: str):  # type: ignore[no-untyped-def]
    return client.post(
        path, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}", **headers
    )


@pytest.mark.django_db
def test_six_megabyte_body_is_413_in_the_api_error_shape(client, commune, key):
    body = '{"title": "' + "x" * (6 * 1024 * 1024) + '"}'
    response = post(client, key, v1(commune, "activities"), body)
    assert response.status_code == 413
    assert "quá lớn" in response.json()["detail"]
    assert not Activity.objects.exists()


@pytest.mark.django_db
def test_same_idempotency_key_and_body_answers_the_original_with_200(client, commune, key):
    headers = {"HTTP_IDEMPOTENCY_KEY": "lan-gui-1"}
    first = post(client, key, v1(commune, "activities"), broadcast(), **headers)
    again = post(client, key, v1(commune, "activities"), broadcast(), **headers)
    assert first.status_code == 201, first.content
    assert again.status_code == 200 and again.json() == first.json()
    assert Activity.objects.count() == 1


@pytest.mark.django_db
def test_same_idempotency_key_with_another_body_is_409(client, commune, key):
    headers = {"HTTP_IDEMPOTENCY_KEY": "lan-gui-1"}
    assert post(client, key, v1(commune, "activities"), broadcast(), **headers).status_code == 201
    other = post(client, key, v1(commune, "activities"), broadcast(minutes=30), **headers)
    assert other.status_code == 409 and "Idempotency-Key" in other.json()["detail"]
    elsewhere = post(
        client, key, v1(commune, "bulletins"), {"external_ref": "a", "title": "b"}, **headers
    )
    assert elsewhere.status_code == 409
    assert Activity.objects.count() == 1 and not Bulletin.objects.exists()


@pytest.mark.django_db
def test_a_refused_request_does_not_use_up_its_idempotency_key(client, commune, key):
    headers = {"HTTP_IDEMPOTENCY_KEY": "lan-gui-2"}
    bad = post(client, key, v1(commune, "activities"), broadcast(title=""), **headers)
    assert bad.status_code == 422
    assert not IdempotencyRecord.objects.exists()
    good = post(client, key, v1(commune, "activities"), broadcast(), **headers)
    assert good.status_code == 201


@pytest.mark.django_db
def test_bad_idempotency_key_is_422(client, commune, key):
    headers = {"HTTP_IDEMPOTENCY_KEY": "x" * 300}
    assert post(client, key, v1(commune, "activities"), broadcast(), **headers).status_code == 422


def _together(n: int, send) -> list[tuple[int, dict]]:  # type: ignore[no-untyped-def]
    """n threads, each with its own client and database connection, send at the same moment."""
    barrier = threading.Barrier(n)
    results: list[tuple[int, dict]] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            barrier.wait(timeout=30)
            response = send(Client())
            results.append((response.status_code, response.json()))
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    return results


@pytest.fixture
def shared_database(commune, key, tmp_path):  # type: ignore[no-untyped-def]
    """A database every thread's connection reaches: PostgreSQL as it is, in-memory SQLite
    copied to a file (testing.databases), with the commune and API key already in it."""
    with on_sqlite_file(tmp_path):
        yield


@pytest.mark.django_db(transaction=True)
def test_concurrent_duplicates_of_one_client_token_make_one_row(commune, key, shared_database):
    body = broadcast(client_token=str(uuid.uuid4()))
    results = _together(4, lambda c: post(c, key, v1(commune, "activities"), body))
    assert sorted(status for status, _ in results) == [200, 200, 200, 201]
    assert len({data["id"] for _, data in results}) == 1
    assert Activity.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_duplicates_of_one_idempotency_key_make_one_row(commune, key, shared_database):
    results = _together(
        4,
        lambda c: post(
            c, key, v1(commune, "activities"), broadcast(), HTTP_IDEMPOTENCY_KEY="cung-mot-lan"
        ),
    )
    assert sorted(status for status, _ in results) == [200, 200, 200, 201]
    assert Activity.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_pushes_of_one_external_ref_make_one_bulletin(commune, key, shared_database):
    body = {"external_ref": "STTTT-9", "title": "Phòng cháy", "script": "Bà con lưu ý."}
    results = _together(4, lambda c: post(c, key, v1(commune, "bulletins"), body))
    assert sorted(status for status, _ in results) == [200, 200, 200, 201]
    assert Bulletin.objects.count() == 1
