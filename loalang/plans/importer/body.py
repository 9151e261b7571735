"""Paragraphs of a plan → plan data: one pass, a small state machine (header, title,
preamble, then the part each heading opens). Nothing is dropped: a paragraph the parser
cannot place goes to `unplaced`, in order, for the officer to put where it belongs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from loalang.core.text import fold
from loalang.plans.data import LETTERS, Assignment, PlanData, Section, empty_data, section_key
from loalang.plans.importer.citations import looks_like_citation, parse_legal_basis, split_citations
from loalang.plans.importer.header import header_line, header_start
from loalang.plans.importer.sections import (
    SIGNED,
    SIGNING,
    channel_item,
    funding_sources,
    heading_of,
    recipient,
    signature_line,
)
from loalang.plans.importer.text import (
    PLACE_DATE,
    fold_same_length,
    is_upper,
    strip_motto,
    type_of,
    verb_of,
)


@dataclass
class ImportResult:
    data: PlanData
    warnings: list[str] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)
    original_number: str = ""  # '07/KH-UBND' as printed; '' when the number is blank
    number: str = ""  # '07' (leading zeros kept)
    sections: list[dict[str, str]] = field(default_factory=list)
    # The warnings again, by the field they concern ("issued_on", "legal_bases.1", …).
    notes: dict[str, list[str]] = field(default_factory=dict)

    def warn(self, key: str, message: str) -> None:
        self.warnings.append(message)
        self.notes.setdefault(key, []).append(message)


_CLAUSE = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,2})[.)]?\s+(\S.*)$")
_POINT = re.compile(r"^([^\d\s()])\)\s*(\S.*)$")  # OCR turns "c)" into "¢)"
_BULLET = re.compile(r"^[-–—•+*◦▪]\s*(\S.*)$")
_SUBHEAD = re.compile(r"^(muc dich|muc tieu|yeu cau|n\S{1,2}i dung|hinh\s*th\w*c|phuong thuc)")


def item(text: str) -> tuple[str, str, str]:
    """(marker kind, marker, body): clause '1.', point 'a)', bullet '-' (by its character)."""
    if m := _CLAUSE.match(text):
        return "clause", m.group(1), m.group(2).strip()
    if m := _POINT.match(text):
        return "point", m.group(1), m.group(2).strip()
    if m := _BULLET.match(text):
        return "bullet" + text[0], text[0], m.group(1).strip()
    return "plain", "", text


class _Parser:
    def __init__(self, result: ImportResult) -> None:
        self.result = result
        self.data = result.data
        self.state = "header"
        self.sub = ""  # purposes/requirements, themes/channels inside a combined part
        self.level = ""  # marker kind of the current list's items; deeper ones are details
        self.issuer_lines: list[str] = []
        self.letter = 0
        self.date_year: int | None = None
        self.part = ""

    # --- dispatch ------------------------------------------------------------------------
    def feed(self, text: str) -> None:
        folded = fold_same_length(text)
        if folded.startswith("noi nhan"):
            self.state = "recipients"
            rest = text.split(":", 1)[1].strip() if ":" in text else ""
            if rest:
                self.recipients(rest, fold_same_length(rest))
            return
        if self.state not in {"header", "title"} and folded.startswith("tren day"):
            self.data["closing"] = text
            self.state = "closing"
            return
        if self.state not in {"header", "recipients"} and SIGNING.match(folded):
            self.state = "signature"
        getattr(self, self.state)(text, folded)

    def header(self, text: str, folded: str) -> None:
        found_type = type_of(text) if is_upper(text[:8]) else None
        if found_type:
            self.data["type_name"] = found_type[0]
            self.data["title"] = found_type[1]
            self.state = "title"
            return
        notes: list[str] = []
        had_date = bool(PLACE_DATE.search(folded))
        line = header_line(text, self.data, notes)
        for note in notes:
            self.result.warn("number" if "Ngày" not in note else "issued_on", note)
        if line.original_number is not None:
            self.result.original_number = line.original_number
            self.result.number = line.number
        if line.date_year:
            self.date_year = line.date_year
        if line.original_number is not None or had_date:
            return
        bare = strip_motto(text)
        if not bare:
            return
        if heading_of(text):
            self.state = "preamble"
            return self.preamble(text, folded)
        if looks_like_citation(text):
            self.state = "preamble"
            return self.preamble(text, folded)
        if is_upper(bare) and len(bare) < 120:
            self.issuer_lines.append(bare)
            return
        # No type line: the first prose paragraph is the title ('Kế hoạch tuyên truyền …').
        m = re.match(r"(ke hoach|chuong trinh)\s+(?=\S)", folded)
        if m:
            self.data["type_name"] = "Kế hoạch" if m.group(1) == "ke hoach" else "Chương trình"
            rest = text[m.end() :]
            text = rest[:1].upper() + rest[1:]
        self.data["title"] = text
        self.state = "title"

    def title(self, text: str, folded: str) -> None:
        title = self.data["title"]
        if not title and not heading_of(text):
            if not (text.rstrip().endswith(";") and looks_like_citation(text)):
                self.data["title"] = text
                return
        elif (
            title and not heading_of(text)
            and ((is_upper(title) and is_upper(text)) or text[:1].islower())
            and not looks_like_citation(text)
        ):  # fmt: skip
            self.data["title"] = f"{title} {text}"
            return
        self.state = "preamble"
        self.preamble(text, folded)

    def preamble(self, text: str, folded: str) -> None:
        if self.open_heading(text):
            return
        if looks_like_citation(text):
            for piece in split_citations(text):
                self.add_basis(piece)
        else:
            self.data["preamble"] = f"{self.data['preamble']} {text}".strip()

    def add_basis(self, text: str, default_verb: str = "Căn cứ") -> None:
        notes: list[str] = []
        basis, tail = parse_legal_basis(text, notes, default_verb=default_verb)
        if tail:  # '…, UBND xã ban hành Kế hoạch như sau:'
            self.data["preamble"] = f"{self.data['preamble']} {tail}".strip()
        key = f"legal_bases.{len(self.data['legal_bases'])}"
        for note in notes:
            self.result.warn(key, note)
        self.data["legal_bases"].append(basis)

    def open_heading(self, text: str) -> bool:
        section = heading_of(text)
        if not section:
            return False
        self.result.sections.append(section)
        self.state, self.sub, self.level = "body", "", ""
        self.part = section["kind"]
        self.sub = {"purposes": "purposes", "requirements": "requirements", "themes": "themes",
                    "channels": "channels"}.get(self.part, "")  # fmt: skip
        return True

    # --- the parts -----------------------------------------------------------------------
    def body(self, text: str, folded: str) -> None:
        if self.open_heading(text):
            return
        kind, mark, body = item(text)
        part = self.part
        if part == "bases":
            if kind == "clause" and len(body) < 80 and not looks_like_citation(body):
                return  # '1. Căn cứ pháp lý' — a sub-heading
            for piece in split_citations(body):
                self.add_basis(piece)
            return
        if kind == "clause" and part == "other" and _SUBHEAD.match(fold(body)):
            part = self.part = "content"  # 'NHIỆM VỤ TRUYỀN THÔNG' ⏎ '1. Nội dung' …
        if kind == "clause" and part in {"purpose", "purposes", "requirements", "content",
                                         "themes", "channels"}:  # fmt: skip
            sub = _SUBHEAD.match(fold(body))
            if sub:
                word = sub.group(1)
                if part in {"purpose", "purposes", "requirements"}:
                    self.sub = "requirements" if word == "yeu cau" else "purposes"
                else:
                    self.sub = "themes" if word.startswith("n") else "channels"
                self.level = ""
                label, _sep, inline = body.partition(":")
                if inline.strip() and len(label) < 60:
                    self.add_item(self.sub, "plain", inline.strip())
                return
        if part in {"purpose", "purposes", "requirements", "content", "themes", "channels"}:
            target = self.sub or ("purposes" if part == "purpose" else "themes")
            self.add_item(target, kind, body, mark)
        elif part == "funding":
            self.data["funding_text"] = f"{self.data['funding_text']} {text}".strip()
        elif part == "organisation":
            self.organisation(kind, body, text)
        else:
            self.result.unplaced.append(text)

    def add_item(self, target: str, kind: str, body: str, mark: str = "") -> None:
        key = section_key(target)
        if key is None:
            raise ValueError(f"not a list of the plan: {target!r}")
        items: list[Any] = self.data[key]
        if items and self.level and kind != self.level:
            last = items[-1]  # a detail under the last item ('- …' under 'a) …')
            if isinstance(last, dict):
                last["text"] = f"{last['text']} {body}"
            else:
                items[-1] = f"{last} {body}"
            return
        self.level = self.level or kind
        if target == "themes":
            if kind == "point" and mark in LETTERS and LETTERS.index(mark) >= self.letter:
                self.letter = LETTERS.index(mark)
            letter = LETTERS[min(self.letter, len(LETTERS) - 1)]
            words = body.split()
            short = " ".join(words[:8]) + ("…" if len(words) > 8 else "")
            items.append({"letter": letter, "short_name": short, "text": body})
            self.letter += 1
        elif target == "channels":
            items.append(channel_item(body))
        else:
            items.append(body)

    def organisation(self, kind: str, body: str, text: str) -> None:
        assignments = self.data["assignments"]
        colon = body.find(":")
        opens = kind == (self.level or kind) and (
            kind in {"clause", "point"} or (kind.startswith("bullet") and 0 < colon < 100)
        )
        if opens:
            self.level = kind
            label, intro = body, ""
            if 0 < colon < 100:
                label, intro = body[:colon], body[colon + 1 :].strip()
            assignments.append(
                {"unit_label": label.strip(), "intro": intro, "is_standing": False,
                 "org_unit_id": None, "duties": []}
            )  # fmt: skip
            self.mark_standing(assignments[-1], intro)
            return
        if not assignments:
            self.result.unplaced.append(text)
            return
        current = assignments[-1]
        if kind == "plain":
            current["intro"] = f"{current['intro']} {text}".strip()
            self.mark_standing(current, text)
        else:
            current["duties"].append(body)
            self.mark_standing(current, body)

    @staticmethod
    def mark_standing(assignment: Assignment, text: str) -> None:
        if re.search(r"thuong tr\w{1,2}c", fold(text)[:80]):
            assignment["is_standing"] = True

    def recipients(self, text: str, folded: str) -> None:
        signer = self.data["signer"]
        kind, _mark, body = item(text)
        if kind.startswith("bullet"):
            # Pasted from the two-column block: "- UBND huyện (để b/c); CHỦ TỊCH".
            tail = re.match(r"^(.*?[;.])\s+(\S.*)$", body)
            if tail and is_upper(tail.group(2)):
                body = tail.group(1)
                signature_line(tail.group(2), signer)
            self.data["recipients"].append(recipient(body))
        elif SIGNING.match(folded) or is_upper(text):
            signature_line(text, signer)
        else:
            self.signature(text, folded)

    def signature(self, text: str, folded: str) -> None:
        signer = self.data["signer"]
        if SIGNED.match(text.strip()):
            return
        if SIGNING.match(folded) or is_upper(text):
            signature_line(text, signer)
        elif (signer["title"] or signer["authority"]) and not signer["name"] and len(text) < 60:
            signer["name"] = text.strip()
        else:
            self.result.unplaced.append(text)

    def closing(self, text: str, folded: str) -> None:
        if SIGNING.match(folded) or (is_upper(text) and len(text) < 80):
            self.state = "signature"
            return self.signature(text, folded)
        self.data["closing"] = f"{self.data['closing']} {text}"


def parse_plan(paragraphs: list[str], *, default_year: int | None = None) -> ImportResult:
    """Paragraphs of a plan → ImportResult (data in plans.data format, warnings, unplaced,
    the sections as found)."""
    result = ImportResult(data=empty_data(year=default_year))
    paras = [" ".join(p.split()) for p in paragraphs]
    paras = [p for p in paras if p]
    start = header_start(paras)
    if start:
        result.unplaced.extend(paras[:start])
        result.warn(
            "unplaced",
            _("%(n)d đoạn đứng trước phần đầu văn bản (tiêu đề, đường dẫn của trang web) được "
              "để riêng, không đọc vào kế hoạch.") % {"n": start},
        )  # fmt: skip
    parser = _Parser(result)
    for para in paras[start:]:
        parser.feed(para)
    data = result.data
    data["issuer"] = "\n".join(parser.issuer_lines)
    data["title"] = data["title"].strip()
    data["funding_sources"] = funding_sources(data["funding_text"])
    data["closing"] = data["closing"].strip()
    year = plan_year(data["title"], parser.date_year)
    if year:
        data["year"] = year
    else:
        result.warn("year", _("Không thấy năm của kế hoạch (trong trích yếu hoặc ngày ban hành)."))
    _finish(result)
    return result


_OWN_YEAR = re.compile(r"(?<!den )(?<!toi )(?<!den het )\bnam\s+((?:19|20)\d{2})\b")
_PERIOD = re.compile(r"\b((?:19|20)\d{2})\s*-\s*(?:19|20)\d{2}\b")


def plan_year(title: str, date_year: int | None) -> int | None:
    """The title's own year ('năm 2024'), else the first year of a period ('giai đoạn
    2024 - 2030'), else the issue date's year — never the last year of a range ('đến năm
    2030' is a horizon, not the plan's year)."""
    folded = fold_same_length(title)
    own = _OWN_YEAR.search(folded)
    period = _PERIOD.search(folded)
    if own and not (period and period.start() < own.start() < period.end()):
        return int(own.group(1))
    if period:
        return int(period.group(1))
    if date_year:
        return date_year
    # OCR may garble 'năm' ('nim 2023'): any year not announced as a horizon ('đến …').
    for m in re.finditer(r"\b(?:19|20)\d{2}\b", folded):
        if not re.search(r"(?:den|toi)\s+\w{0,4}\s*$", folded[: m.start()]):
            return int(m.group(0))
    return None


def _finish(result: ImportResult) -> None:
    data = result.data
    if not data["issuer"]:
        result.warn("issuer", _("Không thấy tên cơ quan ban hành ở đầu văn bản."))
    if not data["title"]:
        result.warn("title", _("Không thấy trích yếu (tên kế hoạch)."))
    parts: list[tuple[Section, str]] = [
        ("themes", _("nội dung tuyên truyền")),
        ("channels", _("hình thức tuyên truyền")),
        ("assignments", _("phân công thực hiện")),
        ("recipients", _("nơi nhận")),
    ]
    for key, label in parts:
        if not data[key]:
            result.warn(key, _("Không nhận ra phần %(part)s.") % {"part": label})
    for i, basis in enumerate(data["legal_bases"]):
        if basis["symbol"] and not re.fullmatch(r"[\wĐđ]+(?:[-/][\wĐđ]+)*", basis["symbol"]):
            result.warn(f"legal_bases.{i}", _("Ký hiệu văn bản căn cứ không đúng dạng."))
        if not basis["doc_type"] and not basis["issuer"] and not basis["summary"]:
            result.warn(f"legal_bases.{i}", _("Căn cứ này trống; hãy sửa hoặc xoá."))


__all__ = ["ImportResult", "parse_plan", "plan_year", "verb_of"]
