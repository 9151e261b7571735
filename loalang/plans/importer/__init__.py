"""Read a plan written elsewhere (pasted text, a web page, OCR output, a DOCX, a PDF with a
text layer) into plan data. The parser proposes; the officer corrects it on the review
screen before anything is saved (see docs/adr/0013).

text      — lines → paragraphs, the same-length fold
header    — issuer, number and symbol, place and date
citations — legal bases as records
sections  — what a heading opens; channels, funding, signature, recipients
body      — the state machine: parse_plan
sources   — .txt / .docx (header tables, Word list numbering) / .pdf → paragraphs
export    — the CLI's JSON
"""

from loalang.plans.importer.body import ImportResult, parse_plan, plan_year
from loalang.plans.importer.text import fold_same_length, paragraphs_from_text

__all__ = ["ImportResult", "fold_same_length", "paragraphs_from_text", "parse_plan", "plan_year"]
