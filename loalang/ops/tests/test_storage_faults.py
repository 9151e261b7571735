"""A full disk or an unwritable media folder: a clear error, no corrupt file, nothing saved."""

from __future__ import annotations

import contextlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.http import HttpResponse
from django.test import RequestFactory

from loalang.ops.middleware import StorageErrorMiddleware
from loalang.ops.storage import SafeFileSystemStorage


@contextlib.contextmanager
def tiny_disk(path: Path, size: str = "256k"):  # type: ignore[no-untyped-def]
    """A real, small file system (tmpfs) — needs root; skips where mounting is not allowed."""
    path.mkdir(parents=True, exist_ok=True)
    mount = shutil.which("mount")
    if mount is None:
        pytest.skip("no mount(8)")
    result = subprocess.run(  # noqa: S603 - fixed program
        [mount, "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.decode()[:200]}")
    try:
        yield path
    finally:
        subprocess.run([shutil.which("umount") or "umount", str(path)], check=False)  # noqa: S603


def test_full_disk_leaves_no_partial_file(tmp_path):
    with tiny_disk(tmp_path / "disk") as disk:
        storage = SafeFileSystemStorage(location=str(disk))
        storage.save("public/small.txt", ContentFile(b"ok" * 1000))
        with pytest.raises(OSError) as info:
            storage.save("public/big.bin", ContentFile(b"x" * 1024 * 1024))
        assert info.value.errno == 28  # ENOSPC
        names = sorted(p.name for p in (disk / "public").iterdir())
        assert names == ["small.txt"]  # no big.bin, no leftover temporary file
        assert (disk / "public/small.txt").read_bytes() == b"ok" * 1000


def test_saved_file_is_complete_and_never_overwritten(tmp_path):
    storage = SafeFileSystemStorage(location=str(tmp_path))
    first = storage.save("a/tệp.txt", ContentFile(b"one"))
    second = storage.save("a/tệp.txt", ContentFile(b"two"))
    assert first == "a/tệp.txt" and second != first
    assert storage.open(first).read() == b"one" and storage.open(second).read() == b"two"
    assert not [p for p in (tmp_path / "a").iterdir() if p.name.startswith(".upload-")]


def test_unwritable_media_folder_is_a_clear_error(tmp_path):
    blocker = tmp_path / "media"
    blocker.write_text("a file where the media folder should be")
    storage = SafeFileSystemStorage(location=str(blocker))
    with pytest.raises(OSError):
        storage.save("public/x.txt", ContentFile(b"x"))
    assert blocker.read_text().startswith("a file")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("error", "status", "words"),
    [
        (OSError(28, "No space left on device"), 507, "hết dung lượng"),
        (OSError(30, "Read-only file system"), 503, "không ghi được tệp"),
        (FileExistsError("/srv/media/x exists and is not a directory."), 503, "không ghi được tệp"),
    ],
)
def test_middleware_turns_storage_errors_into_a_clear_page(error, status, words):
    middleware = StorageErrorMiddleware(lambda request: HttpResponse())
    request = RequestFactory().post("/app/x/hoat-dong/moi/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    response = middleware.process_exception(request, error)
    assert response.status_code == status
    assert words in response.content.decode()
    api = middleware.process_exception(RequestFactory().post("/api/v1/x/activities"), error)
    assert api.status_code == status and words in json.loads(api.content)["detail"]


def test_middleware_leaves_other_errors_alone():
    middleware = StorageErrorMiddleware(lambda request: HttpResponse())
    request = RequestFactory().get("/")
    assert middleware.process_exception(request, OSError(5, "I/O error")) is None
    assert middleware.process_exception(request, ValueError("x")) is None


@pytest.mark.django_db
def test_full_disk_during_a_request_is_a_507_and_nothing_is_half_saved(client, settings, tmp_path):
    """End to end through the health check, which writes a file to media."""
    with tiny_disk(tmp_path / "disk", size="64k") as disk:
        with contextlib.suppress(OSError), (disk / "filler").open("wb") as fh:
            fh.write(b"\0" * 128 * 1024)  # fill the disk completely
        settings.MEDIA_ROOT = disk
        response = client.get("/healthz")
        assert response.status_code == 503
        assert response.json()["media"].startswith("error")
        assert sorted(p.name for p in disk.rglob("*") if p.is_file()) == ["filler"]
