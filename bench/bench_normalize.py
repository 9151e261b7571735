"""Score Loa Làng's Vietnamese normaliser, `vinorm` and `sea-g2p` on the same corpora.

    python3 -m venv /tmp/vinorm-venv && /tmp/vinorm-venv/bin/python -m pip install vinorm
    python3 -m venv /tmp/seag2p-venv && /tmp/seag2p-venv/bin/python -m pip install sea-g2p
    .venv/bin/python bench/bench_normalize.py [--corpus broadcast|plan|both]

vinorm (PyPI, 2020) ships a compiled binary and sea-g2p (PyPI, Apache-2.0) a Rust extension;
each runs from its own virtualenv so neither enters the project's dependencies. Corpora:
`broadcast` — 303 notices of six kinds with readings written by hand (tests/data/
broadcast_corpus.tsv); `plan` — 162 sentences of the 2023 plan and notices whose readings were
drafted with our normaliser and corrected (normalize_corpus.tsv: it shares our conventions).
Scores: sentences read exactly (same words; punctuation and case ignored; the old and new
placement of tone marks, "uỷ"/"ủy", counted as the same word), and word error rate (WER).
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

DATA = ROOT / "loalang" / "radio" / "tests" / "data"
CORPORA = {"broadcast": DATA / "broadcast_corpus.tsv", "plan": DATA / "normalize_corpus.tsv"}

VINORM_SCRIPT = """
import json, sys
from vinorm import TTSnorm
rows = json.load(sys.stdin)
print(json.dumps([TTSnorm(r, punc=False, unknown=True, lower=True, rule=False) for r in rows]))
"""


SEAG2P_SCRIPT = """
import json, sys
from sea_g2p import Normalizer
rows = json.load(sys.stdin)
print(json.dumps(Normalizer("vi").normalize_batch(rows)))
"""


def load_corpus(path: Path) -> list[tuple[str, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            *_kind, written, spoken = line.split("\t")
            rows.append((written, spoken))
    return rows


# Old-style tone placement (hoà, uỷ, thuỷ) and the new one (hòa, ủy, thủy) spell the same word.
OLD_TONES = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}  # fmt: skip


def spelling(token: str) -> str:
    for old, new in OLD_TONES.items():
        if token.endswith(old) and not token.startswith("q"):
            return token[: -len(old)] + new
    return token


# Readings that differ by convention only, not by meaning: folded for the tolerant score.
VARIANTS = {"tư": "bốn", "ngàn": "nghìn", "lẻ": "linh", "mốt": "một", "lăm": "năm", "giêng": "một"}


def words(text: str, *, tolerant: bool = False) -> list[str]:
    tokens = [spelling(t) for t in re.sub(r"[^\w\s]", " ", text.lower()).split()]
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
    parser.add_argument(
        "--seag2p-python",
        default=os.environ.get("SEAG2P_PYTHON", "/tmp/seag2p-venv/bin/python"),  # noqa: S108 - a throw-away venv path, read only
    )
    parser.add_argument("--corpus", choices=["broadcast", "plan", "both"], default="both")
    parser.add_argument("--misses", type=int, default=0, help="print this many misses each")
    args = parser.parse_args()
    import django

    django.setup()
    from loalang.radio.normalize import normalize

    names = ["broadcast", "plan"] if args.corpus == "both" else [args.corpus]
    for name in names:
        rows = load_corpus(CORPORA[name])
        written = [w for w, _s in rows]
        expected = [s for _w, s in rows]
        started = time.perf_counter()
        outputs = {"Loa Làng": [normalize(w) for w in written]}
        seconds = {"Loa Làng": time.perf_counter() - started}
        for label, python, script in (
            ("vinorm 2.0.7", args.vinorm_python, VINORM_SCRIPT),
            ("sea-g2p 0.10.0", args.seag2p_python, SEAG2P_SCRIPT),
        ):
            if not Path(python).exists():
                print(f"({label}: {python} not found, skipped)")
                continue
            started = time.perf_counter()
            out = subprocess.run(
                [python, "-c", script],
                input=json.dumps(written),
                capture_output=True,
                text=True,
                check=True,
            )
            outputs[label] = json.loads(out.stdout)
            seconds[label] = time.perf_counter() - started
        total_words = sum(len(words(e)) for e in expected)
        print(f"\nCorpus `{name}`: {len(rows)} sentences, {total_words} words\n")
        print(
            "| normaliser | sentences exactly right | word error rate "
            "| WER, conventions folded | time |"
        )
        print("| --- | --- | --- | --- | --- |")
        for label, got in outputs.items():
            exact, wer, tolerant = score(expected, got)
            print(
                f"| {label} | {exact}/{len(rows)} ({exact / len(rows):.1%}) | {wer:.1%} "
                f"| {tolerant:.1%} | {seconds[label]:.2f} s |"
            )
        for label, got in outputs.items():
            misses = [
                (w, t)
                for w, e, t in zip(written, expected, got, strict=True)
                if words(e) != words(t)
            ]
            for w, t in misses[: args.misses]:
                print(f"- [{label}] {w}\n  → {t}")


if __name__ == "__main__":
    main()
