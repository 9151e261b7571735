"""Backup and restore of the whole installation: database and media files, in one archive.

An archive is a gzipped tar holding
  database.sqlite3 | database.pgdump   the database (SQLite online backup API, or pg_dump -Fc)
  media/<name>                          every file in the default (public) storage
  private/<name>                        every file in the private storage (loalang.core.files)
  manifest.json                         what is in it: size and SHA-256 of every member, the
                                        row count of every table, the applied migrations, and
                                        an HMAC-SHA256 of all that (key: LOALANG_BACKUP_KEY)

Guarantees:
- `create_backup` never leaves a partial archive at the output path: it writes to a temporary
  name in the same folder and renames it into place when complete.
- `restore_backup` changes nothing unless the whole archive verifies first: the manifest's
  HMAC, the exact set of members, each member's size and checksum, the database file's own
  integrity, and that the archive comes from the same database engine and no newer code.
  Then the database is replaced in one step (SQLite backup API; one PostgreSQL transaction),
  and the media and private folders are each swapped in by a rename.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import hmac
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, default_storage, storages
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA_PREFIX = "media/"
PRIVATE_PREFIX = "private/"
DB_MEMBERS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that could not be done; the message says why, for the operator."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int
    sha256: str
    tables: int
    rows: int
    files: int


# --- helpers ------------------------------------------------------------------------------------
def _key() -> bytes:
    return str(settings.LOALANG_BACKUP_KEY).encode()


def _sign(manifest: dict[str, Any]) -> str:
    body = json.dumps(manifest, sort_keys=True, ensure_ascii=False).encode()
    return hmac.new(_key(), body, hashlib.sha256).hexdigest()


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


class _HashingReader:
    """Reads through to `inner` and keeps a SHA-256 and byte count of what passed."""

    def __init__(self, inner: IO[bytes]) -> None:
        self.inner = inner
        self.digest = hashlib.sha256()
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        data = self.inner.read(size)
        self.digest.update(data)
        self.count += len(data)
        return data


def _vendor() -> str:
    if connection.vendor not in DB_MEMBERS:
        raise BackupError(f"Unsupported database engine: {connection.vendor}")
    return connection.vendor


def table_counts() -> dict[str, int]:
    """Row count of every table in the database, by table name."""
    counts: dict[str, int] = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608 - names come from introspection
            counts[table] = cursor.fetchone()[0]
    return counts


def _applied_migrations() -> list[str]:
    recorder = MigrationRecorder(connection)
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def _walk_storage(storage: Storage, prefix: str = "") -> Iterator[str]:
    try:
        dirs, files = storage.listdir(prefix)
    except (FileNotFoundError, NotADirectoryError):
        return
    for name in sorted(files):
        if not name.startswith(".upload-"):  # a file being written right now (ops.storage)
            yield f"{prefix}{name}"
    for sub in sorted(dirs):
        yield from _walk_storage(storage, f"{prefix}{sub}/")


def _pg_env() -> tuple[list[str], dict[str, str]]:
    conf = connection.settings_dict
    args = ["--dbname", conf["NAME"]]
    if conf.get("HOST"):
        args += ["--host", conf["HOST"]]
    if conf.get("PORT"):
        args += ["--port", str(conf["PORT"])]
    if conf.get("USER"):
        args += ["--username", conf["USER"]]
    env = {**os.environ}
    if conf.get("PASSWORD"):
        env["PGPASSWORD"] = conf["PASSWORD"]
    return args, env


def _run(cmd: list[str], env: dict[str, str]) -> None:
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)  # noqa: S603 - fixed program, our arguments
    if proc.returncode != 0:
        raise BackupError(
            f"{cmd[0]} failed (exit {proc.returncode}): {proc.stderr.strip()[-2000:]}"
        )


# --- backup -------------------------------------------------------------------------------------
def _sqlite_counts(path: Path) -> dict[str, int]:
    db = sqlite3.connect(path)
    try:
        tables = [
            r[0]
            for r in db.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {t: db.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in sorted(tables)}  # noqa: S608 - names from sqlite_master
    finally:
        db.close()


def _dump_database(vendor: str, dest: Path) -> dict[str, int]:
    """Write the database to `dest`; return the row counts of exactly that snapshot."""
    if vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(dest)
        try:
            # The online backup API copies a consistent snapshot while other processes write.
            connection.connection.backup(target)
        finally:
            target.close()
        return _sqlite_counts(dest)
    # Count rows and dump from one exported snapshot, so the counts match the dump exactly
    # even while the site keeps writing.
    args, env = _pg_env()
    connection.close()
    connection.ensure_connection()
    raw = connection.connection
    raw.autocommit = False
    try:
        with raw.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot_id = cursor.fetchone()[0]
        counts = table_counts()
        _run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot_id}",
                "--file",
                str(dest),
                *args,
            ],
            env,
        )
    finally:
        raw.rollback()
        raw.autocommit = True
        connection.close()
    return counts


def create_backup(
    output: Path, *, storage: Storage | None = None, private: Storage | None = None
) -> BackupResult:
    """Write a complete, signed archive of the database, public and private files to `output`."""
    storage = storage or default_storage
    private = private or storages["private"]
    vendor = _vendor()
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    members: dict[str, dict[str, Any]] = {}
    fd, tmp_name = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".part", dir=output.parent)
    os.close(fd)
    tmp_path = Path(tmp_name)
    try:
        with tempfile.TemporaryDirectory(prefix="loalang-backup-") as workdir:
            db_member = DB_MEMBERS[vendor]
            db_file = Path(workdir) / db_member
            counts = _dump_database(vendor, db_file)
            with tarfile.open(tmp_path, "w:gz", compresslevel=6) as tar:
                tar.add(db_file, arcname=db_member, recursive=False)
                members[db_member] = {
                    "size": db_file.stat().st_size,
                    "sha256": _sha256_file(db_file),
                }
                for prefix, source in ((MEDIA_PREFIX, storage), (PRIVATE_PREFIX, private)):
                    for name in _walk_storage(source):
                        members[prefix + name] = _add_file(tar, source, name, prefix)
                manifest: dict[str, Any] = {
                    "format": FORMAT_VERSION,
                    "created_at": timezone.now().isoformat(),
                    "engine": vendor,
                    "migrations": _applied_migrations(),
                    "tables": counts,
                    "members": members,
                }
                manifest["hmac"] = _sign(manifest)
                body = json.dumps(manifest, indent=1, sort_keys=True, ensure_ascii=False).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size = len(body)
                info.mtime = int(timezone.now().timestamp())
                tar.addfile(info, io.BytesIO(body))
        with tmp_path.open("rb") as fh:
            os.fsync(fh.fileno())
        tmp_path.replace(output)
    except BaseException:
        tmp_path.unlink(missing_ok=True)
        raise
    return BackupResult(
        path=output,
        size=output.stat().st_size,
        sha256=_sha256_file(output),
        tables=len(counts),
        rows=sum(counts.values()),
        files=len(members) - 1,
    )


def _add_file(tar: tarfile.TarFile, storage: Storage, name: str, prefix: str) -> dict[str, Any]:
    with storage.open(name, "rb") as fh:
        size = storage.size(name)
        reader = _HashingReader(fh)
        info = tarfile.TarInfo(prefix + name)
        info.size = size
        info.mtime = int(timezone.now().timestamp())
        tar.addfile(info, reader)
        if reader.count != size:
            raise BackupError(f"File changed while it was copied: {name}")
    return {"size": size, "sha256": reader.digest.hexdigest()}


# --- restore ------------------------------------------------------------------------------------
def _safe_member_name(name: str) -> bool:
    pure = PurePosixPath(name)
    if pure.is_absolute() or ".." in pure.parts or "\\" in name or "\x00" in name:
        return False
    if name in (MANIFEST, *DB_MEMBERS.values()):
        return True
    return name.startswith((MEDIA_PREFIX, PRIVATE_PREFIX)) and len(pure.parts) >= 2


def verify_archive(path: Path, workdir: Path) -> dict[str, Any]:
    """Extract `path` into `workdir` and check it completely; return the manifest.

    Raises BackupError naming the first problem. Nothing outside `workdir` is touched.
    """
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"No such archive: {path}")
    seen: dict[str, dict[str, Any]] = {}
    budget = shutil.disk_usage(workdir).free - 64 * 1024 * 1024
    try:
        with tarfile.open(path, "r:gz") as tar:
            for info in tar:
                if not info.isfile():
                    raise BackupError(
                        f"Unexpected entry in archive (not a regular file): {info.name}"
                    )
                if not _safe_member_name(info.name):
                    raise BackupError(f"Unsafe or unexpected file name in archive: {info.name!r}")
                if info.name in seen:
                    raise BackupError(f"File appears twice in archive: {info.name}")
                budget -= info.size
                if budget < 0:
                    raise BackupError("Not enough free disk space to unpack the archive")
                target = workdir / info.name
                target.parent.mkdir(parents=True, exist_ok=True)
                src = tar.extractfile(info)
                assert src is not None  # a regular file always has content
                digest = hashlib.sha256()
                written = 0
                with target.open("wb") as out:
                    for block in iter(functools.partial(src.read, CHUNK), b""):
                        written += len(block)
                        if written > info.size:
                            raise BackupError(f"Member larger than declared: {info.name}")
                        digest.update(block)
                        out.write(block)
                seen[info.name] = {"size": written, "sha256": digest.hexdigest()}
    except (tarfile.TarError, EOFError, OSError, UnicodeDecodeError) as exc:
        if isinstance(exc, BackupError):
            raise
        raise BackupError(f"Archive is damaged or not a Loa Làng backup: {exc}") from exc
    if MANIFEST not in seen:
        raise BackupError("Archive has no manifest.json")
    try:
        manifest = json.loads((workdir / MANIFEST).read_text(encoding="utf-8"))
        signature = manifest.pop("hmac")
    except (ValueError, KeyError, AttributeError) as exc:
        raise BackupError("manifest.json is unreadable or unsigned") from exc
    if not isinstance(signature, str) or not hmac.compare_digest(signature, _sign(manifest)):
        raise BackupError(
            "Manifest signature does not match: the archive was altered, or it was made with "
            "another LOALANG_BACKUP_KEY"
        )
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"Unknown archive format {manifest.get('format')!r}")
    declared = manifest["members"]
    actual = {k: v for k, v in seen.items() if k != MANIFEST}
    if set(declared) != set(actual):
        extra = sorted(set(actual) - set(declared))[:5]
        missing = sorted(set(declared) - set(actual))[:5]
        raise BackupError(
            f"Archive members differ from manifest (extra {extra}, missing {missing})"
        )
    for name, expect in declared.items():
        if actual[name] != expect:
            raise BackupError(f"Checksum mismatch for {name}: the archive was altered or damaged")
    return manifest


def _check_compatible(manifest: dict[str, Any]) -> None:
    vendor = _vendor()
    if manifest["engine"] != vendor:
        raise BackupError(
            f"Archive holds a {manifest['engine']} database; this site runs {vendor}. "
            "Restore into the same engine (see docs/deploy.md for moving between engines)."
        )
    from django.db.migrations.loader import MigrationLoader

    known = {
        f"{app}.{name}"
        for app, name in MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    }
    unknown = sorted(set(manifest["migrations"]) - known)
    if unknown:
        raise BackupError(
            f"Archive comes from newer code (unknown migrations: {unknown[:5]}); upgrade first"
        )


def _restore_sqlite(db_file: Path) -> None:
    source = sqlite3.connect(db_file)
    try:
        result = source.execute("PRAGMA integrity_check").fetchone()[0]
        if result != "ok":
            raise BackupError(f"The archived database fails its integrity check: {result}")
        connection.ensure_connection()
        if connection.in_atomic_block:
            raise BackupError("Restore cannot run inside a transaction")
        source.backup(connection.connection)
    finally:
        source.close()


def _restore_postgresql(dump: Path, workdir: Path) -> None:
    args, env = _pg_env()
    script = workdir / "restore.sql"
    # pg_restore turns the archive into SQL; psql runs "empty the schema" and that SQL as ONE
    # transaction, so a failure half-way leaves the old database untouched.
    _run(["pg_restore", "--no-owner", "--no-privileges", "--file", str(script), str(dump)], env)
    connection.close()
    _run(
        [
            "psql",
            "--quiet",
            "--no-psqlrc",
            "--set",
            "ON_ERROR_STOP=1",
            "--single-transaction",
            "--command",
            "DROP SCHEMA public CASCADE; CREATE SCHEMA public;",
            "--file",
            str(script),
            *args,
        ],
        env,
    )


def _restore_media(media_dir: Path, storage: Storage) -> int:
    names = (
        sorted(p.relative_to(media_dir).as_posix() for p in media_dir.rglob("*") if p.is_file())
        if media_dir.exists()
        else []
    )
    if isinstance(storage, FileSystemStorage):
        root = Path(storage.location)
        root.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{root.name}.restore-", dir=root.parent))
        if media_dir.exists():
            shutil.copytree(media_dir, staging, dirs_exist_ok=True)
        old = root.with_name(f".{root.name}.old-{dt.datetime.now():%Y%m%d%H%M%S%f}")
        if root.exists():
            root.rename(old)
        staging.rename(root)
        shutil.rmtree(old, ignore_errors=True)
        return len(names)
    keep = set(names)
    for existing in list(_walk_storage(storage)):
        if existing not in keep:
            storage.delete(existing)
    for name in names:
        if storage.exists(name):
            storage.delete(name)
        with (media_dir / name).open("rb") as fh:
            saved = storage.save(name, fh)
        if saved != name:
            raise BackupError(f"Storage renamed {name} to {saved}")
    return len(names)


def restore_backup(
    path: Path, *, storage: Storage | None = None, private: Storage | None = None
) -> dict[str, Any]:
    """Verify `path` completely, then replace the database, public and private files with its
    contents. An archive made before private storage existed holds its private files under
    media/private/; `migrate` then moves them (ADR 0085)."""
    storage = storage or default_storage
    private = private or storages["private"]
    with tempfile.TemporaryDirectory(
        prefix="loalang-restore-", dir=settings.LOALANG_BACKUP_TMP_DIR
    ) as tmp:
        workdir = Path(tmp)
        manifest = verify_archive(path, workdir)
        _check_compatible(manifest)
        db_file = workdir / DB_MEMBERS[manifest["engine"]]
        if manifest["engine"] == "sqlite":
            _restore_sqlite(db_file)
        else:
            _restore_postgresql(db_file, workdir)
        restored_counts = table_counts()
        differing = sorted(t for t, n in manifest["tables"].items() if restored_counts.get(t) != n)
        if differing:
            raise BackupError(f"Row counts differ after restore in tables {differing[:5]}")
        files = _restore_media(workdir / "media", storage)
        files += _restore_media(workdir / "private", private)
    return {
        "tables": len(manifest["tables"]),
        "rows": sum(manifest["tables"].values()),
        "files": files,
    }
