"""One legal basis ('Căn cứ Kế hoạch số 133/KH-UBND ngày 12/3/2024 của UBND huyện … về …')
→ a record in plans.data form: verb, doc_type, number, symbol, issued_on, date_style,
issuer, summary.

The reference is split so that `number` + joiner + `symbol` gives it back: '133/KH-UBND' →
('133', 'KH-UBND'), Party style '05-NQ/TU' → ('05', 'NQ/TU'), '49/2024/NĐ-CP' →
('49/2024', 'NĐ-CP'). Laws have no number: 'Luật Tổ chức chính quyền địa phương' stays
the document's type (so it prints in the right order) and `kind_and_summary` splits it.
"""

from __future__ import annotations

import datetime as dt
import re

from django.utils.translation import gettext as _

from loalang.plans.data import LegalBasis
from loalang.plans.importer.text import fold_same_length, verb_of

KINDS = [
    "Nghị quyết liên tịch", "Thông tư liên tịch", "Nghị quyết", "Quyết định", "Kế hoạch",
    "Chỉ thị", "Công văn", "Văn bản", "Thông tư", "Nghị định", "Bộ luật", "Luật",
    "Hướng dẫn", "Kết luận", "Thông báo", "Chương trình", "Đề án", "Tờ trình", "Công điện",
    "Quy định", "Quy chế", "Hiến pháp", "Pháp lệnh", "Báo cáo",
]  # fmt: skip
NAMED_KINDS = {"Luật", "Bộ luật", "Hiến pháp", "Pháp lệnh"}  # cited by name, not number
_FOLDED_KINDS = [(fold_same_length(k).lower(), k) for k in KINDS]
_KIND_RE = re.compile(r"\b(" + "|".join(re.escape(f) for f, _k in _FOLDED_KINDS) + r")\b")

REFERENCE = re.compile(
    r"(?:\bso\s*:?\s*)?(?<![\d/])(?P<num>\d{1,5}(?:/(?:19|20)\d{2})?)\s*(?P<j>[/-])\s*"
    r"(?P<sym>[a-z][a-z0-9]*(?:[-/][a-z0-9]+)*)"
)
DATE_AFTER = re.compile(
    r"^\s*,?\s*(?:ban hanh\s+)?ngay\s*(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*"
    r"(?P<y>\d{4})"
    r"|^\s*,?\s*(?:ban hanh\s+)?ngay\s*(?P<d2>\d{1,2})\s+thang\s+(?P<m2>\d{1,2})\s+nam\s+"
    r"(?P<y2>\d{4})"
    r"|^\s*(?:nam|ban hanh nam)\s+(?P<y3>\d{4})\b"
)
# Where an issuer's name ends and the summary begins.
_ISSUER_END = re.compile(
    r"\s(?:ve|phe duyet|ban hanh|trien khai|thuc hien|huong dan|quy dinh|tuyen truyen|"
    r"day manh|tang cuong|to chuc|tai|v/v)\s|,\s|\s\(",
)


def date_iso(day: str, month: str, year: str, warnings: list[str], what: str) -> str:
    day, month = day.strip(" ._…"), month.strip(" ._…")
    if not (day.isdigit() and month.isdigit()):
        return ""
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        warnings.append(
            _("Ngày %(date)s (%(what)s) không có thật; đã để trống.")
            % {"date": f"{day}/{month}/{year}", "what": what}
        )
        return ""


def split_citations(text: str) -> list[str]:
    """'Căn cứ Luật A ngày …; Luật B ngày …;' cites two documents in one paragraph."""
    folded = fold_same_length(text)
    cuts = [0]
    for m in re.finditer(r";\s+(?=[A-ZĐ])", text):
        tail = folded[m.end() :]
        if _KIND_RE.match(tail) or re.match(r"(?:can cu|thuc hien)\b", tail):
            cuts.append(m.end())
    return [text[a:b].strip() for a, b in zip(cuts, [*cuts[1:], len(text)], strict=True)]


def parse_legal_basis(
    text: str, warnings: list[str], *, default_verb: str = "Căn cứ"
) -> tuple[LegalBasis, str]:
    """The cited document, and the plan's own sentence when the paragraph runs on into it
    ('…, UBND xã An Thạnh ban hành Kế hoạch như sau:'; '' if not)."""
    found = verb_of(text)
    verb, rest = found if found else (default_verb, text)
    rest = re.sub(r"^[-+*•]\s*", "", rest).rstrip(" ;.,")
    folded = fold_same_length(rest)
    basis: LegalBasis = {
        "verb": verb, "doc_type": "", "number": "", "symbol": "", "issued_on": "",
        "date_style": "padded", "issuer": "", "summary": "",
    }  # fmt: skip
    ref = REFERENCE.search(folded)
    if ref and not _KIND_RE.search(folded[: ref.start()]) and ref.start() > 60:
        ref = None  # a number deep in a summary ('… Nghị quyết 57 …') is not this citation's
    if ref:
        before, before_f = rest[: ref.start()], folded[: ref.start()]
        kinds = list(_KIND_RE.finditer(before_f))
        if kinds:
            k = kinds[-1]
            basis["doc_type"] = _canonical(k.group(1))
            if basis["doc_type"] in NAMED_KINDS:  # 'Luật Tổ chức … số 72/2025/QH15': keep the name
                name = re.sub(r"\s*\bs[oố]\s*:?\s*$", "", before[k.end() :]).strip(" ,")
                basis["doc_type"] = f"{basis['doc_type']} {name}".strip()
            by = re.search(r"\bcua\s+(.+?)\s+tai\s*$", before_f[: k.start()])
            if by:
                basis["issuer"] = before[by.start(1) : by.end(1)]
        else:
            basis["doc_type"] = _capital(before.strip())
        num = rest[ref.start("num") : ref.end("num")]
        sym = re.sub(r"\s", "", rest[ref.start("sym") : ref.end("sym")])
        basis["number"], basis["symbol"] = num, sym
        after, after_f = rest[ref.end() :], folded[ref.end() :]
    else:
        named = _KIND_RE.match(folded)
        after, after_f = rest, folded
        if named:
            basis["doc_type"] = _canonical(named.group(1))
            after, after_f = rest[named.end() :], folded[named.end() :]
            if basis["doc_type"] in NAMED_KINDS:
                # The law's name runs to its date (or to the end).
                dated = re.search(r"\s*,?\s*(?:ngay\s*\d|nam\s+\d{4}\b)", after_f)
                end = dated.start() if dated else len(after)
                basis["doc_type"] = f"{basis['doc_type']} {after[:end].strip()}".strip()
                after, after_f = after[end:], after_f[end:]
                rest, _rest_f = _take_date(basis, after, after_f, warnings)
                basis["summary"] = rest.strip(" ,;.")
                return basis, ""
    after, after_f = _take_date(basis, after, after_f, warnings)
    after, after_f = after.lstrip(" ,"), after_f.lstrip(" ,")
    owner = re.match(r"c\w{1,3}\s+", after_f)  # của / cua / OCR: cia, caa, ciia
    if owner:
        tail_f = after_f[owner.end() :]
        stop = _ISSUER_END.search(tail_f)
        cut = stop.start() if stop else len(tail_f)
        basis["issuer"] = after[owner.end() : owner.end() + cut].strip()
        basis["summary"] = after[owner.end() + cut :].strip(" ,;.")
    else:
        basis["summary"] = after.strip(" ,;.")
    # '… năm 2024, UBND xã An Thạnh ban hành Kế hoạch như sau:' — the plan's own sentence.
    summary_f = fold_same_length(basis["summary"])
    own = re.search(r",\s+[^,;]{0,80}?\b(?:ban hanh|xay dung)\s+(?:ke hoach|chuong trinh)\b",
                    summary_f)  # fmt: skip
    tail = ""
    if own:
        tail = basis["summary"][own.start() + 1 :].strip()
        basis["summary"] = basis["summary"][: own.start()].strip()
    if not basis["doc_type"] and basis["summary"].startswith("của "):
        basis["issuer"], basis["summary"] = basis["summary"][4:], ""
    return basis, tail


def _take_date(basis: LegalBasis, after: str, after_f: str, warnings: list[str]) -> tuple[str, str]:
    """Reads the issue date at the start of `after` into `basis`; returns the text after it
    (unchanged when there is no date, or only a year)."""
    d = DATE_AFTER.match(after_f)
    if d:
        if d.group("y3"):
            return after, after_f
        day, month, year = (d.group("d"), d.group("m"), d.group("y")) if d.group("d") else (
            d.group("d2"), d.group("m2"), d.group("y2"))  # fmt: skip
        basis["issued_on"] = date_iso(day, month, year, warnings, _("văn bản căn cứ"))
        basis["date_style"] = "short" if len(day) == 1 or len(month) == 1 else "padded"
        after, after_f = after[d.end() :], after_f[d.end() :]
    return after, after_f


def _canonical(folded_kind: str) -> str:
    return next(k for f, k in _FOLDED_KINDS if f == folded_kind)


def _capital(text: str) -> str:
    text = re.sub(r"\s*\bs[oố]\s*:?\s*$", "", text).strip(" ,")
    return text[:1].upper() + text[1:]


def looks_like_citation(text: str) -> bool:
    """A paragraph opening with a citation verb that names a document (or a proposal)."""
    found = verb_of(text)
    if not found:
        return False
    folded = fold_same_length(found[1])
    return bool(
        REFERENCE.search(folded) or _KIND_RE.match(folded) or found[0] == "Theo đề nghị"
        or re.match(r"(?:y kien )?chi dao", folded)
    )  # fmt: skip


def kind_and_summary(basis: LegalBasis) -> tuple[str, str]:
    """('Luật', 'Tổ chức chính quyền địa phương') from a law cited by name; for numbered
    documents the kind is the type and the summary is the summary."""
    doc_type, summary = basis.get("doc_type", ""), basis.get("summary", "")
    for kind in KINDS:
        if doc_type.startswith(kind + " "):
            return kind, f"{doc_type[len(kind) :].strip()} {summary}".strip()
    return doc_type, summary


def full_reference(basis: LegalBasis) -> str:
    number, symbol = basis.get("number", ""), basis.get("symbol", "")
    if not number:
        return symbol
    joiner = "-" if "/" in symbol and "/" not in number else "/"
    return f"{number}{joiner}{symbol}" if symbol else number
