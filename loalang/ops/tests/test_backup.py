"""Backup and restore: a round trip brings back every row and every file; bad archives are
refused before anything changes."""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection

from loalang.accounts.models import Role
from loalang.core.audit import audit_log
from loalang.core.files import private_storage
from loalang.core.models import AuditEntry
from loalang.ops.backup import BackupError, create_backup, restore_backup
from loalang.people.models import Person
from loalang.testing.factories import CommuneFactory, PersonFactory, VillageFactory, member

pytestmark = pytest.mark.django_db(transaction=True)


def every_row() -> dict[str, list[str]]:
    """Every row of every table, as sorted text: the thing a round trip must preserve."""
    out = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            out[table] = sorted(repr(row) for row in cursor.fetchall())
    return out


def every_file(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in root.rglob("*")
        if p.is_file()
    }


@pytest.fixture
def site(settings):
    commune = CommuneFactory(name="Ái Thượng")
    VillageFactory(commune=commune, name="Bản Sài Khao")
    person = PersonFactory(commune=commune, full_name="Lê Thị Hương")
    user = member(commune, Role.CULTURE)
    audit_log(actor=user, verb="person.created", target=person, commune=person.commune)
    default_storage.save("public/ảnh-lễ-hội.jpg", ContentFile(b"\xff\xd8" + bytes(range(256)) * 40))
    private_storage().save("evidence/biên bản.pdf", ContentFile(b"%PDF-1.7\n" + b"x" * 5000))
    return commune


def test_round_trip_brings_back_every_row_and_file(site, settings, tmp_path):
    media, private = Path(settings.MEDIA_ROOT), Path(settings.LOALANG_PRIVATE_ROOT)
    rows_before, files_before = every_row(), every_file(media)
    private_before = every_file(private)
    assert "evidence/biên bản.pdf" in private_before
    archive = tmp_path / "site.tar.gz"
    call_command("backup", output=archive, stdout=io.StringIO())

    # Damage the live site: delete, add and change records and files.
    AuditEntry.objects.all().delete()
    Person.objects.update(full_name="Đã sửa")
    CommuneFactory(name="Xã thừa")
    (media / "public/ảnh-lễ-hội.jpg").write_bytes(b"changed")
    (private / "evidence/biên bản.pdf").unlink()
    default_storage.save("public/new.txt", ContentFile(b"new"))
    assert every_row() != rows_before

    out = io.StringIO()
    call_command("restore", str(archive), interactive=False, stdout=out)
    assert "restore:" in out.getvalue()
    assert every_row() == rows_before
    assert every_file(media) == files_before
    assert every_file(private) == private_before


def test_restored_site_keeps_working(site, tmp_path):
    archive = tmp_path / "a.tar.gz"
    create_backup(archive)
    restore_backup(archive)
    # Sequences/autoincrement come back too: a new record gets a fresh id.
    person = PersonFactory(commune=site)
    assert Person.objects.filter(commune=site).count() == 2
    assert person.pk > min(Person.objects.values_list("pk", flat=True))


def _rewrite(archive: Path, dest: Path, change) -> None:  # type: ignore[no-untyped-def]
    """Copy `archive` to `dest`, each member through change(name, data) -> (name, data) | None."""
    with tarfile.open(archive, "r:gz") as src, tarfile.open(dest, "w:gz") as out:
        for info in src:
            data = src.extractfile(info).read()
            result = change(info.name, data)
            if result is None:
                continue
            name, data = result
            new = tarfile.TarInfo(name)
            new.size = len(data)
            out.addfile(new, io.BytesIO(data))


def _tamper_media(name, data):  # type: ignore[no-untyped-def]
    return (name, data[:-1] + b"!") if name.endswith(".jpg") else (name, data)


def _tamper_manifest(name, data):  # type: ignore[no-untyped-def]
    if name != "manifest.json":
        return name, data
    manifest = json.loads(data)
    manifest["tables"]["people_person"] = 99
    return name, json.dumps(manifest).encode()


def _add_traversal(name, data):  # type: ignore[no-untyped-def]
    return ("media/../../escape.txt", data) if name.endswith(".pdf") else (name, data)


def _drop_file(name, data):  # type: ignore[no-untyped-def]
    return None if name.endswith(".pdf") else (name, data)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (_tamper_media, "Checksum mismatch"),
        (_tamper_manifest, "signature"),
        (_add_traversal, "Unsafe"),
        (_drop_file, "differ from manifest"),
    ],
)
def test_tampered_archive_is_refused_and_nothing_changes(site, settings, tmp_path, change, reason):
    archive = tmp_path / "good.tar.gz"
    create_backup(archive)
    bad = tmp_path / "bad.tar.gz"
    _rewrite(archive, bad, change)
    PersonFactory(commune=site, full_name="Ghi sau sao lưu")
    rows, files = every_row(), every_file(Path(settings.MEDIA_ROOT))
    with pytest.raises(CommandError, match=reason):
        call_command("restore", str(bad), interactive=False, stdout=io.StringIO())
    assert every_row() == rows
    assert every_file(Path(settings.MEDIA_ROOT)) == files
    assert not (tmp_path / "escape.txt").exists()


def test_truncated_archive_is_refused(site, tmp_path):
    archive = tmp_path / "good.tar.gz"
    create_backup(archive)
    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    with pytest.raises(BackupError, match="damaged"):
        restore_backup(cut)


def test_archive_signed_with_another_key_is_refused(site, settings, tmp_path):
    archive = tmp_path / "good.tar.gz"
    create_backup(archive)
    settings.LOALANG_BACKUP_KEY = "another-site-key"
    with pytest.raises(BackupError, match="LOALANG_BACKUP_KEY"):
        restore_backup(archive)


def test_failed_backup_leaves_no_partial_archive(site, tmp_path, monkeypatch):
    from loalang.ops import backup

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError("No space left on device")

    monkeypatch.setattr(backup, "_sha256_file", broken)
    with pytest.raises(OSError, match="No space"):
        create_backup(tmp_path / "out" / "x.tar.gz")
    assert list((tmp_path / "out").iterdir()) == []


def test_restore_asks_for_confirmation(site, tmp_path, monkeypatch):
    archive = tmp_path / "a.tar.gz"
    create_backup(archive)
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="cancelled"):
        call_command("restore", str(archive), stdout=io.StringIO())
