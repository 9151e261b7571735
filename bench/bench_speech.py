"""Speech speed: a 3-minute bulletin with the embedded eSpeak NG engine, on one core.

    .venv/bin/python bench/bench_speech.py [--rounds 5] [--voice vi]

Target (issue #7): synthesis time ≤ 5% of the audio's length. Prints a Markdown table of
medians: normalisation, synthesis, loudness + MP3 + OGG encoding, and the ratios to the audio
length measured in the same round. Also prints the loudness of the result (listen-check by
numbers): duration, RMS and peak in dBFS.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")


def three_minute_script() -> str:
    corpus = ROOT / "loalang" / "radio" / "tests" / "data" / "normalize_corpus.tsv"
    sentences = [
        line.split("\t")[0]
        for line in corpus.read_text(encoding="utf-8").splitlines()
        if line and line[0] != "#"
    ]
    # ~150 words a minute → about 450 words for three minutes.
    text, words = [], 0
    for sentence in sentences:
        text.append(sentence)
        words += len(sentence.split())
        if words >= 450:
            break
    return "\n".join(text)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--voice", default="vi")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    import django

    django.setup()
    from loalang.radio import audio
    from loalang.radio.normalize import normalize
    from loalang.radio.speech.espeak import EspeakEngine

    engine = EspeakEngine()
    script = three_minute_script()
    engine.synthesize("khởi động", voice=args.voice, rate=150)  # load the library once
    rows = []
    for _ in range(args.rounds):
        t0 = time.perf_counter()
        words = normalize(script)
        t1 = time.perf_counter()
        spoken = engine.synthesize(words, voice=args.voice, rate=150)
        t2 = time.perf_counter()
        clip = audio.normalize_loudness(spoken.samples)
        mp3 = audio.encode_mp3(clip)
        ogg = audio.encode_ogg(clip)
        t3 = time.perf_counter()
        rows.append((t1 - t0, t2 - t1, t3 - t2, spoken.seconds, len(mp3), len(ogg), clip))
    med = lambda i: statistics.median(r[i] for r in rows)  # noqa: E731
    length = med(3)
    synth_ratio = statistics.median(r[1] / r[3] for r in rows)
    total_ratio = statistics.median((r[0] + r[1] + r[2]) / r[3] for r in rows)
    level = audio.measure(rows[-1][6])
    print(
        f"Script: {len(script)} characters, {len(script.split())} words; voice {args.voice}, "
        f"150 words/min; {args.rounds} rounds on one core.\n"
    )
    print("| step | median time | share of audio length |")
    print("| --- | --- | --- |")
    print(f"| audio produced | {length:.1f} s | — |")
    print(f"| normalise text | {med(0) * 1000:.1f} ms | {med(0) / length:.3%} |")
    print(f"| synthesise (eSpeak NG) | {med(1):.3f} s | {synth_ratio:.2%} |")
    print(f"| loudness + MP3 + OGG | {med(2):.3f} s | {med(2) / length:.2%} |")
    print(f"| whole pipeline | {med(0) + med(1) + med(2):.3f} s | {total_ratio:.2%} |")
    print(
        f"\nResult: MP3 {med(4) / 1024:.0f} KB, OGG {med(5) / 1024:.0f} KB; "
        f"RMS {level.rms_dbfs:.1f} dBFS (target {audio.TARGET_RMS_DBFS}), "
        f"peak {level.peak_dbfs:.1f} dBFS."
    )


if __name__ == "__main__":
    main()
