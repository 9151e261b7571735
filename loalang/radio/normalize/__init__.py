"""Vietnamese text normalisation for speech: written text in, the words to say out.

`normalize(text, lexicon=…)` turns numbers, dates, times, money, percentages, units, phone
numbers, document symbols, ranges, ordinals, Roman numerals and abbreviations into words, in
that order (each pass emits only lower-case words, so a later pass never re-reads an earlier
one's output). The result is lower-case Vietnamese with punctuation kept for pauses.
See ADR 0052 for the choices, and tests/normalize_corpus.tsv for what it must get right.
"""

from __future__ import annotations

from loalang.radio.normalize.lexicon import DEFAULT_LEXICON
from loalang.radio.normalize.rules import normalize

__all__ = ["DEFAULT_LEXICON", "lexicon_for", "normalize", "normalize_paragraphs"]


def normalize_paragraphs(text: str, *, lexicon: dict[str, str] | None = None) -> list[str]:
    """Each paragraph of the script (separated by blank lines, or by line breaks when the
    script has no blank line) normalised on its own, so the reader can pause between them."""
    import re

    blocks = re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n").strip())
    if len(blocks) == 1:
        blocks = blocks[0].split("\n")
    spoken = [normalize(block, lexicon=lexicon) for block in blocks if block.strip()]
    return [s for s in spoken if s.strip(" .,")]


def lexicon_for(commune) -> dict[str, str]:
    """The built-in lexicon with the commune's own entries laid over it."""
    from loalang.radio.models import LexiconEntry

    lexicon = dict(DEFAULT_LEXICON)
    lexicon.update(
        dict(LexiconEntry.objects.filter(commune=commune).values_list("written", "spoken"))
    )
    return lexicon
