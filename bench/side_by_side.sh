#!/usr/bin/env bash
# Issue 20's comparison in one command: Loa Làng's public pages (cached and uncached, 100,000 and
# 10,000 articles) against the Wagtail 8 peer and a LIMIT app, interleaved in one run.
#
#   bench/side_by_side.sh                      # from the project root; about 20 minutes
#   SBS_ROUNDS=1 SBS_SECONDS=3 bench/side_by_side.sh   # a short smoke run
#
# It runs the shared runner (../shared/peers/side-by-side/run.sh, or $SBS_RUNNER) on THIS
# checkout's commit. The runner keeps its clone and seeded databases under $SBS_ROOT
# (/tmp/perf) between runs and would otherwise measure whatever commit it cloned first, on a
# schema of that time; so first:
#   1. the clone is moved to this checkout's HEAD (and its venv reinstalled if
#      requirements.lock changed);
#   2. the seeded databases are migrated and their static files collected again.
# Every other knob (SBS_N, SBS_N_SMALL, SBS_ROUNDS, SBS_SECONDS, SBS_CONNS, SBS_OUT, SBS_REDIS,
# PEER_ROOT) is the runner's; see its header. Needs wrk and Redis on 127.0.0.1:6379.
set -euo pipefail

ROOT="$(git rev-parse --show-toplevel)"
RUNNER="${SBS_RUNNER:-$ROOT/../shared/peers/side-by-side/run.sh}"
[ -x "$RUNNER" ] || RUNNER="$(git -C "$ROOT" rev-parse --path-format=absolute --git-common-dir)/../../shared/peers/side-by-side/run.sh"
[ -x "$RUNNER" ] || { echo "side-by-side runner not found; set SBS_RUNNER" >&2; exit 2; }
SBS_ROOT="${SBS_ROOT:-/tmp/perf}"
LL="$SBS_ROOT/loalang"
say() { printf '[side_by_side %s] %s\n' "$(date +%H:%M:%S)" "$*"; }

if [ -d "$LL/.git" ]; then
  head="$(git -C "$ROOT" rev-parse HEAD)"
  if [ "$(git -C "$LL" rev-parse HEAD)" != "$head" ]; then
    say "moving $LL to $(git -C "$ROOT" rev-parse --short HEAD)"
    git -C "$LL" fetch -q "$ROOT" "$head"
    before="$(git -C "$LL" rev-parse HEAD)"
    git -C "$LL" checkout -q --detach "$head"
    if ! git -C "$LL" diff --quiet "$before" "$head" -- requirements.lock pyproject.toml; then
      say "requirements changed: reinstalling the clone's venv"
      (cd "$LL" && timeout 900 .venv/bin/python -m pip install --quiet -c requirements.lock -e '.[dev]')
    fi
  fi
  for d in "$SBS_ROOT"/sbs-work/ll-*/; do
    [ -f "$d/seed.json" ] || continue
    say "migrate + collectstatic $d"
    (cd "$LL" && timeout 900 .venv/bin/python - "$d" "${SBS_REDIS:-redis://127.0.0.1:6379/7}" <<'EOF'
import os, subprocess, sys
from pathlib import Path
sys.path.insert(0, "bench")
import bench_portal
os.environ.pop("DATABASE_URL", None)
env = bench_portal._env(Path(sys.argv[1]), sys.argv[2])
for cmd in (["migrate", "-v0"], ["collectstatic", "--noinput", "-v0", "--clear"]):
    subprocess.run([sys.executable, "manage.py", *cmd], env=env, check=True,
                   stdout=subprocess.DEVNULL)
EOF
    )
  done
fi
exec "$RUNNER" "$@"
