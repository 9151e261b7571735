"""Worker memory of the public portal under load: RSS of each gunicorn worker after every
10,000 requests, cached and uncached pages mixed (issue 20: ≤ 150 MB after 10,000, no growth).

    .venv/bin/python bench/bench_portal_rss.py --var DIR --slug SLUG [--blocks 4]

DIR is a folder seeded by bench_portal.py or the side-by-side runner (bench.sqlite3, static/).
Each block sends 10,000 requests with `wrk -c8` spread over the home, an article, the article
list, events, questions and the radio page (cache hits), plus pages with a fresh query string
(`?n=…`: each one a miss that renders and is stored, so the per-process page copies fill up to
their byte budget). Prints one line per block: requests so far and each worker's VmRSS in MiB.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_portal import PY, ROOT, _env, _free_port

LUA = r"""
local paths = {%s}
local i = 0
request = function()
  i = i + 1
  local p = paths[(i %% #paths) + 1]
  if i %% 4 == 0 then p = p .. "?n=" .. i end
  return wrk.format("GET", p)
end
"""


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--var", required=True, type=Path)
    ap.add_argument("--slug", required=True)
    ap.add_argument("--blocks", type=int, default=4)
    ap.add_argument("--per-block", type=int, default=10_000)
    args = ap.parse_args()
    os.environ.pop("DATABASE_URL", None)
    env = _env(args.var, os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/7"))
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    s = args.slug
    paths = [f"/{s}/", f"/{s}/tin/bai-5/", f"/{s}/tin/", f"/{s}/su-kien/", f"/{s}/hoi-dap/"]
    paths.append(f"/{s}/dai/")
    script = Path(tempfile.mkdtemp()) / "mix.lua"
    script.write_text(LUA % ", ".join(f'"{p}"' for p in paths))
    server = subprocess.Popen(
        [PY, "-m", "gunicorn", "config.wsgi:application", "-b", f"127.0.0.1:{port}", "-w", "2"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=5).read()  # noqa: S310
                break
            except OSError:
                time.sleep(0.3)
        workers = [
            int(p)
            for p in subprocess.run(
                ["pgrep", "-P", str(server.pid)], capture_output=True, text=True
            ).stdout.split()
        ]
        print(f"start: workers {[round(rss_mib(w), 1) for w in workers]} MiB", flush=True)
        done = 0
        for block in range(1, args.blocks + 1):
            # wrk runs for a time, not a count: run until this block's requests are sent.
            while done < block * args.per_block:
                out = subprocess.run(
                    ["wrk", "-t1", "-c8", "-d3s", "-s", str(script), base],
                    capture_output=True,
                    text=True,
                ).stdout
                line = next(x for x in out.splitlines() if "requests in" in x)
                done += int(line.split()[0])
            rss = [round(rss_mib(w), 1) for w in workers]
            print(f"after {done:,} requests: workers {rss} MiB", flush=True)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait()


if __name__ == "__main__":
    main()
