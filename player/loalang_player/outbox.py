"""Reports waiting for the server, on disk: one file per report, numbered in order, written
atomically and fsynced, removed only after the server acknowledged it. As-run reports carry
a client id the server deduplicates on, so a report resent after a crash is stored once."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from loalang_player.net import Api, Offline, Unauthorized

MAX_HEARTBEATS = 1440  # a day of minutes; older heartbeats are dropped first
BATCH = 100


class Outbox:
    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self._next = max((int(p.stem) for p in self._files()), default=0) + 1

    def _files(self) -> list[Path]:
        return sorted(
            (p for p in self.root.glob("*.json") if p.stem.isdigit()), key=lambda p: int(p.stem)
        )

    def put(self, kind: str, data: dict[str, Any]) -> Path:
        path = self.root / f"{self._next:012d}.json"
        self._next += 1
        tmp = path.with_suffix(".tmp")
        with tmp.open("w", encoding="utf-8") as f:
            json.dump({"kind": kind, "data": data}, f, ensure_ascii=False)
            f.flush()
            os.fsync(f.fileno())
        tmp.replace(path)
        if kind == "heartbeat":
            self._drop_old_heartbeats()
        return path

    def _drop_old_heartbeats(self) -> None:
        beats = [p for p in self._files() if self._read(p).get("kind") == "heartbeat"]
        for p in beats[:-MAX_HEARTBEATS]:
            p.unlink(missing_ok=True)

    @staticmethod
    def _read(path: Path) -> dict[str, Any]:
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def pending(self) -> list[tuple[Path, dict[str, Any]]]:
        out = []
        for p in self._files():
            entry = self._read(p)
            if entry.get("kind") in ("asrun", "heartbeat"):
                out.append((p, entry))
            else:
                p.unlink(missing_ok=True)  # an unreadable file (power cut mid-write)
        return out

    def flush(self, api: Api) -> int:
        """Deliver everything in order; stop at the first failure. Returns how many went."""
        sent = 0
        entries = self.pending()
        i = 0
        while i < len(entries):
            path, entry = entries[i]
            if entry["kind"] == "heartbeat":
                try:
                    api.post("api/player/v1/heartbeat", entry["data"])
                except Unauthorized:
                    raise
                except Offline:
                    return sent
                path.unlink(missing_ok=True)
                sent += 1
                i += 1
                continue
            batch: list[tuple[Path, dict[str, Any]]] = []
            while i < len(entries) and entries[i][1]["kind"] == "asrun" and len(batch) < BATCH:
                batch.append(entries[i])
                i += 1
            try:
                answer = api.post(
                    "api/player/v1/asrun", {"reports": [e["data"] for _p, e in batch]}
                )
            except Unauthorized:
                raise
            except Offline:
                return sent
            done = set(answer.get("accepted", [])) | set(answer.get("refused", {}))
            for p, e in batch:
                if e["data"].get("client_id") in done:
                    p.unlink(missing_ok=True)
                    sent += 1
        return sent
