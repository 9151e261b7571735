"""HTTP to Loa Làng: JSON calls and resumable downloads, standard library only."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any, BinaryIO

from loalang_player import __version__


class Offline(Exception):
    """The server could not be reached or answered with an error."""


class Unauthorized(Offline):
    """The token was refused (revoked, or for another server)."""


class Api:
    def __init__(self, server: str, token: str, *, timeout: float = 20.0) -> None:
        self.base = server.rstrip("/") + "/"
        self.token = token
        self.timeout = timeout

    def url(self, path: str) -> str:
        return urllib.parse.urljoin(self.base, path)

    def _request(self, path: str, *, body: Any = None, headers: dict | None = None):
        data = None
        sent = {
            "Authorization": f"Bearer {self.token}",
            "User-Agent": f"loalang-player/{__version__}",
            **(headers or {}),
        }
        if body is not None:
            data = json.dumps(body).encode()
            sent["Content-Type"] = "application/json"
        request = urllib.request.Request(self.url(path), data=data, headers=sent)  # noqa: S310
        try:
            return urllib.request.urlopen(request, timeout=self.timeout)  # noqa: S310
        except urllib.error.HTTPError as exc:
            if exc.code == 401:
                raise Unauthorized("token refused") from exc
            raise Offline(f"HTTP {exc.code}") from exc
        except (OSError, ValueError) as exc:
            raise Offline(str(exc)) from exc

    def get(self, path: str) -> Any:
        try:
            with self._request(path) as response:
                return json.loads(response.read())
        except (OSError, ValueError) as exc:
            raise Offline(str(exc)) from exc

    def post(self, path: str, body: Any) -> Any:
        try:
            with self._request(path, body=body) as response:
                return json.loads(response.read())
        except (OSError, ValueError) as exc:
            raise Offline(str(exc)) from exc

    def download(self, path: str, out: BinaryIO, *, offset: int = 0) -> None:
        """Append the file from byte `offset` to `out` (Range request; a server that ignores
        the range sends it all, and `out` is then rewritten from the start)."""
        headers = {"Range": f"bytes={offset}-"} if offset else {}
        try:
            with self._request(path, headers=headers) as response:
                if offset and response.status != 206:
                    out.seek(0)
                    out.truncate()
                while block := response.read(1 << 16):
                    out.write(block)
        except OSError as exc:
            raise Offline(str(exc)) from exc


def atomic_write_json(path: Path, data: Any) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False)
        f.flush()
        import os

        os.fsync(f.fileno())
    tmp.replace(path)
