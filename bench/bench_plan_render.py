"""Plan document speed: the Ái Thượng 2023 plan rendered to DOCX and to PDF (the shared
renderer in loalang.documents), medians over repeated runs, plus same-run ratios.

    .venv/bin/python bench/bench_plan_render.py [--rounds 15] [--libreoffice]

No database: the plan is built from its data (plans.demo.seed_data), as the renderers never
query. The first PDF of a process also loads fonts; it is reported separately ("cold").
With --libreoffice (if installed) the DOCX is also converted by LibreOffice headless, which
shows that LibreOffice opens the file, and how long a round trip through it would take.
Targets (issue #3): DOCX ≤ 0.3 s, PDF ≤ 1.5 s (medians). Prints Markdown.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
os.environ.setdefault("LOG_LEVEL", "WARNING")


def timed(fn, rounds: int) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    times, result = [], None
    for _ in range(rounds):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--libreoffice", action="store_true")
    args = parser.parse_args()

    import django

    django.setup()
    from loalang.documents.pdf_renderer import render_html
    from loalang.documents.render import render_docx, render_pdf
    from loalang.plans.demo import seed_data
    from loalang.plans.document import plan_document

    doc = plan_document(seed_data())
    start = time.perf_counter()
    render_pdf(doc)
    cold_pdf = time.perf_counter() - start
    t_data, _ = timed(lambda: plan_document(seed_data()), args.rounds)
    t_html, _ = timed(lambda: render_html(doc), args.rounds)
    t_docx, docx = timed(lambda: render_docx(doc), args.rounds)
    t_pdf, pdf = timed(lambda: render_pdf(doc), args.rounds)
    pages = subprocess.run(
        ["pdfinfo", "-"], input=pdf, capture_output=True, check=False
    ).stdout.decode()
    n_pages = next(
        (line.split()[-1] for line in pages.splitlines() if line.startswith("Pages")), "?"
    )

    rows = [
        ("plan data → OfficialDocument", t_data, ""),
        ("OfficialDocument → print HTML", t_html, ""),
        ("DOCX", t_docx, f"{len(docx) // 1024} KB"),  # type: ignore[arg-type]
        ("PDF (warm)", t_pdf, f"{len(pdf) // 1024} KB, {n_pages} pages"),  # type: ignore[arg-type]
        ("PDF (cold, first in process, 1 run)", cold_pdf, ""),
    ]
    lo = shutil.which("libreoffice") or shutil.which("soffice")
    if args.libreoffice and lo:
        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / "plan.docx"
            src.write_bytes(docx)  # type: ignore[arg-type]
            times = []
            for _ in range(3):
                start = time.perf_counter()
                subprocess.run([lo, "--headless", "--convert-to", "pdf", "--outdir", tmp,
                                str(src)], capture_output=True, check=True)  # fmt: skip
                times.append(time.perf_counter() - start)
            out = Path(tmp) / "plan.pdf"
            text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True).stdout
            ok = "KẾ HOẠCH" in text.decode() and "Nơi nhận:" in text.decode()
            rows.append(("LibreOffice DOCX → PDF (3 runs)", statistics.median(times),
                         "opens and converts" if ok else "CONVERSION TEXT MISSING"))  # fmt: skip

    print(f"Seed plan, {args.rounds} rounds, medians.\n")
    print("| step | median | notes |\n|---|---:|---|")
    for name, seconds, note in rows:
        print(f"| {name} | {seconds * 1000:.1f} ms | {note} |")
    print(f"\nRatios (same run): PDF/DOCX = {t_pdf / t_docx:.1f}×; "
          f"PDF/HTML build = {t_pdf / t_html:.0f}×.")  # fmt: skip
    print(f"Targets: DOCX {t_docx:.3f} s (≤ 0.3 s: {'met' if t_docx <= 0.3 else 'MISSED'}), "
          f"PDF {t_pdf:.3f} s (≤ 1.5 s: {'met' if t_pdf <= 1.5 else 'MISSED'}).")  # fmt: skip


if __name__ == "__main__":
    main()
