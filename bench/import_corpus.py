"""Score the plan importer on its corpus (loalang/plans/tests/corpus): fields right / total,
per text and overall; `--only 15,16` limits the run, `-v` lists every miss.

    .venv/bin/python bench/import_corpus.py [-v] [--only NN,NN]
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django

django.setup()
logging.getLogger("weasyprint").setLevel(logging.WARNING)
logging.getLogger("fontTools").setLevel(logging.WARNING)

from loalang.plans.tests.corpus_score import run  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-v", action="store_true")
    parser.add_argument("--only", default="")
    args = parser.parse_args()
    names = set(args.only.split(",")) if args.only else None
    right = total = 0
    for s in run(names):
        right, total = right + s.right, total + s.total
        print(f"{s.name:55} {s.right:3}/{s.total:<3} {100 * s.right / s.total:5.1f} %")
        if args.v:
            for miss in s.misses:
                print("      ", miss)
    print(f"{'overall':55} {right:3}/{total:<3} {100 * right / total:5.1f} %")


if __name__ == "__main__":
    main()
