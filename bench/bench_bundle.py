"""A day's playout bundle with 10 bulletins: time to build the ZIP (audio, M3U, PDF).

    .venv/bin/python bench/bench_bundle.py [--rounds 5] [--bulletins 10]

Builds a throw-away SQLite database in a temp folder, a commune with 6 clusters, two daily
slots (06:00, 17:00) and N approved bulletins of ~1.5 minutes each synthesised by the embedded
engine (not timed), then times build_bundle. Target (issue #7): ≤ 10 s. Prints medians and the
ratio of the bundle build to the synthesis of the same audio, measured in the same run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TMP = Path(tempfile.mkdtemp(prefix="loalang-bench-bundle-"))
os.environ["DATABASE_URL"] = f"sqlite:///{TMP / 'bench.sqlite3'}"
os.environ["MEDIA_ROOT"] = str(TMP / "media")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--bulletins", type=int, default=10)
    args = parser.parse_args()
    import django

    django.setup()
    import logging

    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    from django.conf import settings
    from django.core.management import call_command
    from django.utils import timezone

    settings.MEDIA_ROOT = TMP / "media"
    call_command("migrate", verbosity=0)
    from loalang.places.models import Commune, Province, Village
    from loalang.radio.bundle import build_bundle
    from loalang.radio.models import Bulletin, BulletinVersion, Cluster, Slot
    from loalang.radio.services.synthesis import version_synthesize

    province = Province.objects.create(name="Thanh Hóa", slug="thanh-hoa")
    commune = Commune.objects.create(province=province, name="Ái Thượng", slug="ai-thuong")
    for n in range(6):
        village = Village.objects.create(commune=commune, name=f"Bản {n}")
        Cluster.objects.create(commune=commune, name=f"Cụm {n}").villages.set([village])
    Slot.objects.create(commune=commune, name="Buổi sáng", starts_at=dt.time(6), min_minutes=0)
    Slot.objects.create(commune=commune, name="Buổi chiều", starts_at=dt.time(17), min_minutes=0)
    corpus = ROOT / "loalang" / "radio" / "tests" / "data" / "normalize_corpus.tsv"
    sentences = [
        line.split("\t")[0]
        for line in corpus.read_text(encoding="utf-8").splitlines()
        if line[:1] != "#"
    ]
    synth_seconds = 0.0
    for n in range(args.bulletins):
        script = "\n".join(sentences[(n * 12) % len(sentences) :][:12])
        bulletin = Bulletin.objects.create(
            commune=commune, title=f"Bản tin số {n + 1}", script=script,
            status=Bulletin.Status.APPROVED, approved_at=timezone.now(),
            priority=Bulletin.Priority.PRIORITY if n % 4 == 0 else Bulletin.Priority.NORMAL,
        )  # fmt: skip
        version = BulletinVersion.objects.create(
            bulletin=bulletin, kind=BulletinVersion.Kind.SYNTHESIZED
        )
        t = time.perf_counter()
        version_synthesize(version_id=version.pk)
        synth_seconds += time.perf_counter() - t
    audio_seconds = sum(BulletinVersion.objects.values_list("duration_seconds", flat=True))
    day = timezone.localdate()
    times, sizes = [], []
    for r in range(args.rounds):
        out = TMP / f"bundle-{r}.zip"
        t = time.perf_counter()
        build_bundle(commune=commune, day=day, output=out)
        times.append(time.perf_counter() - t)
        sizes.append(out.stat().st_size)
        with zipfile.ZipFile(out) as z:
            tracks = sum(1 for name in z.namelist() if name.endswith(".mp3"))
            if r == 0:
                pdf = next(n for n in z.namelist() if n.endswith(".pdf"))
                (TMP / "schedule.pdf").write_bytes(z.read(pdf))
    median = statistics.median(times)
    print(
        f"{args.bulletins} bulletins, {audio_seconds / 60:.1f} minutes of audio, aired in 2 "
        f"slots → {tracks} MP3 tracks (jingles included), M3U playlists and a schedule PDF.\n"
    )
    print(f"| measure | median of {args.rounds} rounds |")
    print("| --- | --- |")
    print(
        f"| build the day's bundle | {median:.2f} s (min {min(times):.2f}, max {max(times):.2f}) |"
    )
    print(f"| bundle size | {statistics.median(sizes) / 1024 / 1024:.1f} MB |")
    print(
        "| synthesis + encoding of the same bulletins (once, not in the bundle) "
        f"| {synth_seconds:.2f} s |"
    )
    print(f"| ratio bundle / synthesis | {median / synth_seconds:.2f} |")
    print(f"\nSchedule PDF kept at {TMP / 'schedule.pdf'}")


if __name__ == "__main__":
    main()
