"""Score Loa Làng's Vietnamese normaliser and `vinorm` on the same corpus.

    .venv/bin/python bench/bench_normalize.py [--vinorm-python /tmp/vinorm-venv/bin/python]

vinorm (PyPI, 2020) ships a compiled binary; it is run from its own virtualenv so it never
enters the project's dependencies. Scores: sentences read exactly as expected, and word error
rate (WER) against the expected reading, punctuation ignored. Writes a table to stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

CORPUS = ROOT / "loalang" / "radio" / "tests" / "data" / "normalize_corpus.tsv"

VINORM_SCRIPT = """
import json, sys
from vinorm import TTSnorm
rows = json.load(sys.stdin)
print(json.dumps([TTSnorm(r, punc=False, unknown=True, lower=True, rule=False) for r in rows]))
"""


def load_corpus() -> list[tuple[str, str]]:
    rows = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            written, spoken = line.split("\t")
            rows.append((written, spoken))
    return rows


# Readings that differ by convention only, not by meaning: folded for the tolerant score.
VARIANTS = {"tư": "bốn", "ngàn": "nghìn", "lẻ": "linh", "mốt": "một", "lăm": "năm", "giêng": "một"}


def words(text: str, *, tolerant: bool = False) -> list[str]:
    tokens = re.sub(r"[^\w\s]", " ", text.lower()).split()
    return [VARIANTS.get(t, t) for t in tokens] if tolerant else tokens


def edit_distance(a: list[str], b: list[str]) -> int:
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        cur = [i]
        for j, y in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x != y)))
        prev = cur
    return prev[-1]


def score(expected: list[str], got: list[str]) -> tuple[int, float, float]:
    pairs = list(zip(expected, got, strict=True))
    exact = sum(words(e) == words(g) for e, g in pairs)
    total = sum(len(words(e)) for e in expected)
    wer = sum(edit_distance(words(e), words(g)) for e, g in pairs) / total
    tolerant = (
        sum(edit_distance(words(e, tolerant=True), words(g, tolerant=True)) for e, g in pairs)
        / total
    )
    return exact, wer, tolerant


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--vinorm-python",
        default=os.environ.get("VINORM_PYTHON", "/tmp/vinorm-venv/bin/python"),  # noqa: S108 - a throw-away venv path, read only
    )
    args = parser.parse_args()
    import django

    django.setup()
    from loalang.radio.normalize import normalize

    rows = load_corpus()
    written = [w for w, _s in rows]
    expected = [s for _w, s in rows]
    started = time.perf_counter()
    ours = [normalize(w) for w in written]
    ours_seconds = time.perf_counter() - started
    results = [("Loa Làng", *score(expected, ours), ours_seconds)]
    misses = {}
    if Path(args.vinorm_python).exists():
        started = time.perf_counter()
        out = subprocess.run(
            [args.vinorm_python, "-c", VINORM_SCRIPT],
            input=json.dumps(written),
            capture_output=True,
            text=True,
            check=True,
        )
        theirs = json.loads(out.stdout)
        results.append(("vinorm 2.0.7", *score(expected, theirs), time.perf_counter() - started))
        misses = {
            w: t for w, e, t in zip(written, expected, theirs, strict=True) if words(e) != words(t)
        }
    print(f"Corpus: {len(rows)} sentences, {sum(len(words(e)) for e in expected)} words\n")
    print(
        "| normaliser | sentences exactly right | word error rate "
        "| WER, conventions folded | time |"
    )
    print("| --- | --- | --- | --- | --- |")
    for name, exact, wer, tolerant, seconds in results:
        print(
            f"| {name} | {exact}/{len(rows)} ({exact / len(rows):.0%}) | {wer:.1%} "
            f"| {tolerant:.1%} "
            f"| {seconds:.2f} s |"
        )
    if misses:
        print("\nSome vinorm misses:")
        for w, t in list(misses.items())[:12]:
            print(f"- {w}\n  → {t}")


if __name__ == "__main__":
    main()
