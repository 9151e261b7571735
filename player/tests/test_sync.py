"""Reports queued on disk while offline and delivered once, in order; the audio cache's
checksums, resumed downloads and size limit. Over real HTTP to a small local server."""

from __future__ import annotations

import hashlib
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from loalang_player.cache import AudioCache
from loalang_player.net import Api, Offline
from loalang_player.outbox import Outbox

BODY = bytes(range(256)) * 400  # 100 KiB of "audio"


class Server:
    def __init__(self) -> None:
        self.received: list[dict] = []
        self.ranges: list[str] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # type: ignore[no-untyped-def]
                pass

            def do_GET(self):  # type: ignore[no-untyped-def]
                rng = self.headers.get("Range", "")
                outer.ranges.append(rng)
                start = int(rng[6:-1]) if rng else 0
                self.send_response(206 if rng else 200)
                self.send_header("Content-Length", str(len(BODY) - start))
                self.end_headers()
                self.wfile.write(BODY[start:])

            def do_POST(self):  # type: ignore[no-untyped-def]
                data = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                outer.received.append({"path": self.path, **data})
                ids = [r["client_id"] for r in data.get("reports", [])]
                body = json.dumps({"accepted": ids, "refused": {}}).encode()
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server():
    s = Server()
    yield s
    s.close()


def test_reports_queued_offline_are_delivered_once_in_order(tmp_path, server):
    box = Outbox(tmp_path / "outbox")
    for n in range(3):
        box.put("asrun", {"client_id": f"r{n}", "n": n})
    box.put("heartbeat", {"version": "0.1.0"})
    box.put("asrun", {"client_id": "r3", "n": 3})
    down = Api("http://127.0.0.1:9/", "llp_x", timeout=2)  # nothing listens: offline
    assert box.flush(down) == 0
    assert len(Outbox(tmp_path / "outbox").pending()) == 5  # survives a restart
    assert Outbox(tmp_path / "outbox").flush(Api(server.url, "llp_x")) == 5
    assert [r["path"] for r in server.received] == [
        "/api/player/v1/asrun",
        "/api/player/v1/heartbeat",
        "/api/player/v1/asrun",
    ]
    ids = [r["client_id"] for post in server.received for r in post.get("reports", [])]
    assert ids == ["r0", "r1", "r2", "r3"]
    assert box.flush(Api(server.url, "llp_x")) == 0  # nothing is sent twice


def test_cache_verifies_resumes_and_stays_within_its_limit(tmp_path, server):
    api = Api(server.url, "llp_x")
    cache = AudioCache(tmp_path / "cache", limit_bytes=len(BODY) * 2)
    item = {"url": "a.mp3", "sha256": hashlib.sha256(BODY).hexdigest(), "size": len(BODY)}
    (tmp_path / "cache" / f"{item['sha256']}.part").write_bytes(BODY[:1000])  # cut short
    path = cache.fetch(api, item)
    assert path.read_bytes() == BODY and server.ranges == ["bytes=1000-"]
    assert not list((tmp_path / "cache").glob("*.part"))
    bad = {"url": "b.mp3", "sha256": "0" * 64, "size": len(BODY)}
    with pytest.raises(Offline, match="checksum"):
        cache.fetch(api, bad)
    assert cache.get(bad) is None and not list((tmp_path / "cache").glob("0*"))
    path.write_bytes(b"damaged on the SD card")
    fresh = AudioCache(tmp_path / "cache", limit_bytes=len(BODY) * 2)
    assert fresh.get(item) is None and not path.exists()  # a damaged file is never played
    for n in range(3):
        (tmp_path / "cache" / f"{n:064d}.mp3").write_bytes(BODY)
    removed = fresh.trim(keep=[f"{2:064d}"])
    assert f"{2:064d}.mp3" not in {p.name for p in removed}
    total = sum(p.stat().st_size for p in (tmp_path / "cache").glob("*.mp3"))
    assert total <= len(BODY) * 2
