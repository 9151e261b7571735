"""The 303-sentence broadcast corpus, read by hand: how many sentences the normaliser reads
word for word as an announcer would. The figure is reported in docs/benchmarks.md beside
vinorm and sea-g2p (bench/bench_normalize.py); this test keeps it from sliding back."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from loalang.radio.normalize import normalize

CORPUS = Path(__file__).parent / "data" / "broadcast_corpus.tsv"
KINDS = {"meeting", "weather", "health", "election", "digital", "farming"}
# Exact sentences required; raise it when the normaliser gets better, never lower it quietly.
MIN_EXACT = 300


def broadcast_corpus() -> list[tuple[str, str, str]]:
    rows = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            kind, written, spoken = line.split("\t")
            rows.append((kind, written, spoken))
    return rows


def words(text: str) -> list[str]:
    return re.sub(r"[^\w\s]", " ", text.lower()).split()


def test_corpus_has_300_distinct_sentences_of_every_kind():
    rows = broadcast_corpus()
    assert len(rows) >= 300
    assert len({w for _k, w, _s in rows}) == len(rows)
    kinds = Counter(k for k, _w, _s in rows)
    assert set(kinds) == KINDS and min(kinds.values()) >= 45
    assert not any(ch.isdigit() for _k, _w, s in rows for ch in s)  # readings are words


def test_normaliser_reads_the_corpus_as_announcers_do():
    rows = broadcast_corpus()
    wrong = [(w, s, normalize(w)) for _k, w, s in rows if words(normalize(w)) != words(s)]
    exact = len(rows) - len(wrong)
    assert exact >= MIN_EXACT, "\n".join(f"{w}\n  want {s}\n  got  {g}" for w, s, g in wrong)
