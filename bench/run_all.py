"""Run every benchmark in bench/ one after another (`make bench`).

Each script prints its own table and updates its section of docs/benchmarks.md. Scripts are
run as separate processes so one's memory and caches never colour the next one's figures.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Helpers imported by the benchmarks, not benchmarks themselves.
NOT_BENCHMARKS = {"run_all.py", "gen_data.py", "__init__.py"}


def main() -> int:
    only = set(sys.argv[1:])
    scripts = sorted(
        p for p in HERE.glob("*.py") if p.name not in NOT_BENCHMARKS and not p.name.startswith("_")
    )
    failed = []
    for script in scripts:
        if only and script.stem not in only:
            continue
        print(f"== {script.name}", flush=True)
        result = subprocess.run([sys.executable, str(script)], cwd=HERE.parent, check=False)
        if result.returncode != 0:
            failed.append(script.name)
    if failed:
        print("failed:", ", ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
