"""The seed plan's paragraphs, read from the restored markdown in plans/seed/."""

from __future__ import annotations

import re
from pathlib import Path

SEED_DIR = Path(__file__).resolve().parents[1] / "seed"
SEED_MD = SEED_DIR / "ke-hoach-truyen-thong-cds-ai-thuong-2023.md"
SEED_OCR = SEED_DIR / "ocr-ke-hoach-truyen-thong-cds-ai-thuong-2023.txt"


def norm(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def seed_paragraphs() -> list[str]:
    """Each paragraph of the seed as a reader sees it (markdown marks removed)."""
    text = SEED_MD.read_text(encoding="utf-8").split("-->", 1)[1]
    out = []
    for block in re.split(r"\n\s*\n", text):
        for line in block.strip().splitlines() if block.strip().startswith("**") else [block]:
            line = re.sub(r"^#+\s*", "", line.strip()).replace("**", "")
            if line:
                out.append(norm(line))
    return out
