"""The audio cache: files named by their SHA-256, verified before use, written atomically
(download to .part, check, rename), kept within a size limit (least recently used first,
never a file the current programme needs)."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from loalang_player.net import Api, Offline


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


class AudioCache:
    def __init__(self, root: Path, limit_bytes: int) -> None:
        self.root = root
        self.limit = limit_bytes
        root.mkdir(parents=True, exist_ok=True)
        self._verified: set[str] = set()

    def path(self, sha256: str) -> Path:
        return self.root / f"{sha256}.mp3"

    def get(self, item: dict[str, Any]) -> Path | None:
        """The cached file of `item`, or None when missing or damaged (then it is removed)."""
        sha = str(item.get("sha256", ""))
        if len(sha) != 64:
            return None
        path = self.path(sha)
        if not path.exists():
            return None
        if sha not in self._verified:
            if sha256_of(path) != sha:
                path.unlink(missing_ok=True)
                return None
            self._verified.add(sha)
        os.utime(path)  # recently used
        return path

    def fetch(self, api: Api, item: dict[str, Any]) -> Path:
        """Download `item` unless cached; resume a partial download; verify; rename."""
        found = self.get(item)
        if found:
            return found
        sha = str(item["sha256"])
        part = self.root / f"{sha}.part"
        with part.open("ab") as out:
            offset = out.tell()
            if offset >= int(item.get("size", 0) or 0) > 0:
                out.truncate(0)
                offset = 0
            api.download(str(item["url"]), out, offset=offset)
            out.flush()
            os.fsync(out.fileno())
        if sha256_of(part) != sha:
            part.unlink(missing_ok=True)
            raise Offline(f"checksum mismatch for {item.get('url')}")
        final = self.path(sha)
        part.replace(final)
        self._verified.add(sha)
        return final

    def trim(self, keep: Iterable[str]) -> list[Path]:
        """Delete least recently used files not in `keep` until the cache fits its limit."""
        keep = set(keep)
        files = sorted((p for p in self.root.glob("*.mp3")), key=lambda p: p.stat().st_mtime)
        total = sum(p.stat().st_size for p in files)
        removed = []
        for p in files:
            if total <= self.limit:
                break
            if p.stem in keep:
                continue
            total -= p.stat().st_size
            p.unlink(missing_ok=True)
            self._verified.discard(p.stem)
            removed.append(p)
        for stale in self.root.glob("*.part"):
            if stale.stem not in keep:
                stale.unlink(missing_ok=True)
        return removed
