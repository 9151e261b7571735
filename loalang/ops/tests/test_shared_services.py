"""The parts several app machines share: media on S3-compatible storage (moto's in-process
S3), Redis as cache and login-failure store, and the settings that select them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid

import pytest
from django.core.files.base import ContentFile
from moto import mock_aws

from loalang.ops.backup import create_backup, restore_backup
from loalang.ops.testing import servers

REDIS_URL = os.environ.get("LOALANG_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture(scope="module")
def s3_endpoint():
    """moto's S3 in process (moto[s3]; its HTTP server would pull Flask, docker and sympy into
    the lock for this one module): boto3 talks to its default AWS endpoint, which moto
    answers. A real S3-compatible endpoint is exercised by the same code in production."""
    with mock_aws():
        yield None


def _bucket(endpoint: str) -> str:
    import boto3

    bucket = f"loalang-{uuid.uuid4().hex[:8]}"
    boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id="test",
        aws_secret_access_key="test",
        region_name="us-east-1",
    ).create_bucket(Bucket=bucket)
    return bucket


@pytest.fixture
def s3_options(s3_endpoint):
    import boto3

    bucket = f"loalang-{uuid.uuid4().hex[:8]}"
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        aws_access_key_id="test",
        aws_secret_access_key="test",
        region_name="us-east-1",
    )
    client.create_bucket(Bucket=bucket)
    return {
        "bucket_name": bucket,
        "endpoint_url": s3_endpoint,
        "access_key": "test",
        "secret_key": "test",
        "region_name": "us-east-1",
        "default_acl": None,
        "querystring_auth": True,
        "file_overwrite": False,
    }


@pytest.fixture
def s3_media(settings, s3_options):
    """Public and private storage both in the bucket, as production configures them."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": s3_options},
        "private": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **s3_options,
                "bucket_name": _bucket(s3_options["endpoint_url"]),
                "querystring_expire": 60,
            },
        },
    }
    from django.core.files.storage import default_storage

    return default_storage


@pytest.mark.django_db
def test_media_on_s3_round_trip(s3_media):
    name = s3_media.save("public/ảnh lễ hội.jpg", ContentFile(b"\xff\xd8 image"))
    assert s3_media.exists(name)
    assert s3_media.open(name).read() == b"\xff\xd8 image"
    again = s3_media.save("public/ảnh lễ hội.jpg", ContentFile(b"second"))
    assert again != name  # never overwrites, like the file system
    url = s3_media.url(name)
    assert "Signature=" in url or "X-Amz-Signature=" in url  # private bucket, signed links
    s3_media.delete(name)
    assert not s3_media.exists(name)


@pytest.mark.django_db
def test_health_check_writes_to_s3(client, s3_media):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["media"] == "ok"


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_with_media_on_s3(s3_media, tmp_path):
    from loalang.core.files import private_storage

    s3_media.save("public/a.txt", ContentFile(b"a"))
    private_storage().save("evidence/b.pdf", ContentFile(b"%PDF b"))
    archive = tmp_path / "s3.tar.gz"
    result = create_backup(archive)
    assert result.files == 2
    s3_media.delete("public/a.txt")
    s3_media.save("public/extra.txt", ContentFile(b"x"))
    private_storage().delete("evidence/b.pdf")
    restore_backup(archive)
    assert sorted(servers_walk(s3_media)) == ["public/a.txt"]
    assert sorted(servers_walk(private_storage())) == ["evidence/b.pdf"]
    assert s3_media.open("public/a.txt").read() == b"a"


def servers_walk(storage):  # type: ignore[no-untyped-def]
    from loalang.ops.backup import _walk_storage

    return list(_walk_storage(storage))


@pytest.fixture
def redis_cache(settings):
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379 (.ci/run starts one)")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": uuid.uuid4().hex,
        }
    }
    from django.core.cache import cache

    yield cache
    cache.clear()


def test_cache_is_shared_between_processes(redis_cache, tmp_path):
    """A value written by this process is read by a separate Python process."""
    redis_cache.set("shared-key", "giá trị", 30)
    prefix = redis_cache.key_prefix
    code = (
        "import redis,sys;"
        f"r=redis.Redis.from_url({REDIS_URL!r});"
        f"keys=r.keys({prefix + ':*'!r});"
        "sys.stdout.write(str(len(keys)))"
    )
    out = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=30
    )
    assert out.stdout == "1"


@pytest.mark.django_db
def test_healthz_with_redis_cache(client, redis_cache):
    assert client.get("/healthz").json()["cache"] == "ok"


def test_settings_select_the_shared_services(tmp_path):
    env = servers.app_env(
        "postgres://loalang:pw@db.internal:5432/loalang",
        tmp_path,
        REDIS_URL="redis://cache.internal:6379/0",
        LOALANG_S3_BUCKET="loalang-media",
        LOALANG_S3_PRIVATE_BUCKET="loalang-private",
        LOALANG_S3_ENDPOINT_URL="https://s3.example.vn",
    )
    code = (
        "import json,django;django.setup();from django.conf import settings as s;"
        "print(json.dumps({'db': s.DATABASES['default']['ENGINE'],"
        "'cache': s.CACHES['default']['BACKEND'],"
        "'media': s.STORAGES['default']['BACKEND'],'serve': s.SERVE_MEDIA,"
        "'bucket': s.STORAGES['default']['OPTIONS']['bucket_name'],"
        "'private': s.STORAGES['private']['OPTIONS']['bucket_name']}))"
    )
    out = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", code],
        cwd=servers.ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    resolved = json.loads(out.stdout.strip().splitlines()[-1])
    assert resolved == {
        "db": "django.db.backends.postgresql",
        "cache": "django.core.cache.backends.redis.RedisCache",
        "media": "storages.backends.s3.S3Storage",
        "serve": False,
        "bucket": "loalang-media",
        "private": "loalang-private",
    }


@pytest.mark.django_db
def test_private_file_on_s3_is_handed_out_as_a_short_lived_signed_link(s3_media):
    from urllib.parse import parse_qs, urlsplit

    from loalang.core.files import private_file_response, private_storage

    name = private_storage().save("evidence/1/scan.pdf", ContentFile(b"%PDF scan"))
    response = private_file_response(name, content_type="application/pdf", filename="scan.pdf")
    assert response.status_code == 302
    query = parse_qs(urlsplit(response["Location"]).query)
    assert "X-Amz-Signature" in query or "Signature" in query
    assert query.get("X-Amz-Expires", ["60"]) == ["60"]
    assert "attachment" in query["response-content-disposition"][0]
    assert private_storage().bucket_name != s3_media.bucket_name  # never the public bucket
