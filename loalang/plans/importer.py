"""Read a plan written elsewhere (pasted text, OCR output, a DOCX) into plan data.

The parser proposes; the officer reviews the result before anything is saved. It is tolerant
of OCR that lost diacritics ("Thuc hién ké hoach sé 65/KH-UBND"): structure is recognised on
the *folded* text (no diacritics, lower case), which has the same length as the original, so
every span found there is cut from the original wording.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from loalang.core.text import fold
from loalang.plans.data import LETTERS, empty_data

TYPE_NAMES = {"ke hoach": "Kế hoạch", "bao cao": "Báo cáo", "chuong trinh": "Chương trình"}
MOTTO = ("cong hoa xa hoi chu nghia viet nam", "doc lap - tu do - hanh phuc")

# Channel code ← words on the folded text, first match is the paragraph's main channel.
CHANNEL_WORDS = [
    ("radio", r"truyen thanh|phat thanh|loa"),
    ("portal", r"trang thong tin|cong thong tin|dien tu"),
    ("social", r"mang xa hoi|zalo|facebook"),
    ("event", r"hoi nghi|hoi thao|tap huan|dien dan|sinh hoat cong dong"),
    ("printed", r"to roi|an pham|in an|tai lieu"),
    ("notice_board", r"bang tin"),
    ("sms", r"tin nhan"),
    ("visual", r"co dong truc quan|bang ron|khau hieu|pa ?no"),
    ("propagandist", r"tuyen truyen vien|truc tiep"),
    ("bulletin", r"ban tin|thong tin noi bo"),
    ("mass_media", r"thong tin dai chung|bao chi"),
]


def fold_same_length(text: str) -> str:
    """fold() one character at a time, so positions in the result match the original."""
    return "".join((fold(ch) or " ")[0] for ch in text)


@dataclass
class ImportResult:
    data: dict[str, Any]
    warnings: list[str] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)
    original_number: str = ""


# --- paragraphs --------------------------------------------------------------------------

_MARKER = re.compile(
    r"^\s*(?:[-–—•+*]\s|\S\)\s|\d{1,2}[.)]\s|[IVXl|1]{1,4}[.)]\s"
    r"|noi nhan|so\s*:|tm\.|kt\.|q\.|tl\.|tuq\.)",
)
_VERB = re.compile(r"^(?:can cu|thuc hien)\b")


def paragraphs_from_text(text: str) -> list[str]:
    """Join hard-wrapped lines (OCR, e-mail) into paragraphs; one paragraph per line in text
    pasted from a word processor stays as it is."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.replace("\u00a0", " ").replace("\f", "\n\n")
    paragraphs: list[str] = []
    current = ""
    for raw in text.split("\n"):
        line = " ".join(raw.split())
        if not line:
            if current:
                paragraphs.append(current)
            current = ""
            continue
        if re.fullmatch(r"\d{1,3}", line):  # a page number
            continue
        folded = fold_same_length(line)
        starts_new = (
            bool(_MARKER.match(folded))
            or (bool(_VERB.match(folded)) and line[:1].isupper())
            # Header lines: upper-case lines and the place-and-date line stand alone.
            or _is_upper(_strip_motto(line))
            or (bool(current) and _is_upper(_strip_motto(current)))
            or bool(_DATE.search(folded[:120]))
            or (current.endswith((".", ";", ":", "!", "?")) and line[:1].isupper())
        )
        if current and not starts_new:
            joiner = "" if re.search(r"\w-$", current) and not current.endswith(" -") else " "
            current = f"{current}{joiner}{line}"
        else:
            if current:
                paragraphs.append(current)
            current = line
    if current:
        paragraphs.append(current)
    return paragraphs


# --- header ------------------------------------------------------------------------------

_NUMBER = re.compile(r"^so\s*:?\s*(?P<num>[^/]{0,12}?)\s*/\s*(?P<sym>\S+)")
_DATE = re.compile(r",\s*ngay\s*(?P<d>[\d.…_ ]*?)\s*thang\s*(?P<m>[\d.…_ ]*?)\s*nam\s*(?P<y>\d{4})")


def _is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) >= 0.8


def _strip_motto(line: str) -> str:
    folded = fold_same_length(line)
    for phrase in MOTTO:
        at = folded.find(phrase)
        if at >= 0:
            line = line[:at] + line[at + len(phrase) :]
            folded = folded[:at] + folded[at + len(phrase) :]
    return " ".join(line.split())


def _date(day: str, month: str, year: str, warnings: list[str], what: str) -> str:
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


# --- legal bases -------------------------------------------------------------------------

_CITATION = re.compile(
    r"^(?P<verb>can cu|thuc hien)\s+(?P<type>.+?)\s+\S{1,3}\s+(?P<num>\d{1,5})\s*(?P<j>[/-])\s*"
    r"(?P<sym>[a-z0-9đ]+(?:[-/][a-z0-9đ]+)*)(?:\s+ngay\s+(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})"
    r"\s*/\s*(?P<y>\d{4}))?(?P<rest>.*)$"
)


def parse_legal_basis(text: str, warnings: list[str]) -> dict[str, Any]:
    folded = fold_same_length(text)
    verb = "Căn cứ" if folded.startswith("can cu") else "Thực hiện"
    body = text.rstrip(" ;.")
    m = _CITATION.match(folded[: len(body)])
    if not m:
        # No number: a law or a decree named in full ("Căn cứ Luật Tổ chức chính quyền …").
        rest = body[len(verb) :].strip()
        return {"verb": verb, "doc_type": rest, "number": "", "symbol": "", "issued_on": "",
                "date_style": "padded", "issuer": "", "summary": ""}  # fmt: skip

    def cut(name: str) -> str:
        return body[m.start(name) : m.end(name)] if m.group(name) else ""

    doc_type = cut("type")
    doc_type = doc_type[:1].upper() + doc_type[1:]
    issued_on, style = "", "padded"
    if m.group("d"):
        issued_on = _date(m.group("d"), m.group("m"), m.group("y"), warnings, _("văn bản căn cứ"))
        short = (len(m.group("d")) == 1) or (len(m.group("m")) == 1 and int(m.group("m")) <= 9)
        style = "short" if short else "padded"
    rest, rest_folded = cut("rest").strip(), m.group("rest").strip()
    issuer, summary = "", rest
    owner = re.match(r"c\w{1,3}\s+", rest_folded)  # của / cua / OCR: cia, caa, ciia
    if owner:
        about = re.search(r"\s(ve|về|vé)\s", rest_folded[owner.end() :])
        if about:
            issuer = rest[owner.end() : owner.end() + about.start()].strip()
            summary = rest[owner.end() + about.start() :].strip()
        else:
            issuer, summary = rest[owner.end() :].strip(), ""
    return {
        "verb": verb,
        "doc_type": doc_type,
        "number": m.group("num"),
        "symbol": cut("sym").upper(),
        "issued_on": issued_on,
        "date_style": style,
        "issuer": issuer,
        "summary": summary,
    }


# --- the body ----------------------------------------------------------------------------


def _section_of(folded: str, original: str) -> str | None:
    """Which of the four parts a heading opens (by its words: OCR mangles the numerals)."""
    if not _is_upper(original) or len(original) > 120:
        return None
    head = re.sub(r"^[ivxl|1]{1,4}[.)]\s*", "", folded)
    if "to chuc thuc hien" in head:
        return "organisation"
    if "kinh phi" in head:
        return "funding"
    if "noi dung" in head or re.search(r"hinh\s*th\w*c", head):
        return "content"
    if re.search(r"muc \w{2,5}", head) and "yeu cau" in head:
        return "purpose"
    if "muc dich" in head or "yeu cau" in head:
        return "purpose"
    return None


_CLAUSE = re.compile(r"^(\d{1,2})[.)]\s+(.+)$")
_POINT = re.compile(r"^([^\d\s])\)\s+(.+)$")
_BULLET = re.compile(r"^[-–—•+*]\s*(.+)$")


def _channel(text: str) -> dict[str, Any]:
    folded = fold(text)
    codes = [code for code, words in CHANNEL_WORDS if re.search(words, folded)]
    main = codes[0] if codes else "mass_media"
    # "… Trong đó đặc biệt chú trọng … Đài truyền thanh": the emphasised channel is the main.
    emphasised = "dac biet chu trong" in folded or "dic biet" in folded
    if emphasised and "radio" in codes:
        main = "radio"
    return {
        "channel": main,
        "text": text,
        "is_emphasised": emphasised,
        "also_channels": [c for c in dict.fromkeys(codes) if c != main],
    }


def _funding_sources(text: str) -> list[dict[str, Any]]:
    folded = fold(text)
    found = []
    # Tolerant of OCR: "Nha nudc", "16ng ghép", "khéc".
    if re.search(r"ngan sach nha n\w{1,3}c", folded):
        found.append({"kind": "state_budget", "name": "Ngân sách Nhà nước", "planned_vnd": 0})
    if re.search(r"\w{1,2}ng ghep", folded):
        found.append(
            {"kind": "integrated", "name": "Lồng ghép từ các chương trình, dự án, kế hoạch khác",
             "planned_vnd": 0}
        )  # fmt: skip
    if re.search(r"hop phap kh\w{1,2}c", folded):
        found.append(
            {"kind": "other", "name": "Các nguồn kinh phí hợp pháp khác", "planned_vnd": 0}
        )
    return found


def _short_name(text: str) -> str:
    words = text.split()
    short = " ".join(words[:8])
    return (short + "…") if len(words) > 8 else short


def parse_plan(paragraphs: list[str], *, default_year: int | None = None) -> ImportResult:
    """Paragraphs of a plan → ImportResult (data in plans.data format, warnings, unplaced)."""
    data = empty_data(year=default_year)
    result = ImportResult(data=data)
    warnings, unplaced = result.warnings, result.unplaced
    state = "header"
    clause_kind = ""
    issuer_lines: list[str] = []
    expected_letter = 0
    for para in paragraphs:
        text = " ".join(para.split())
        if not text:
            continue
        folded = fold_same_length(text)
        # --- things recognised anywhere ---
        if folded.startswith("noi nhan"):
            state = "recipients"
            rest = text.split(":", 1)[1].strip() if ":" in text else ""
            if rest:
                _signature_line(rest, data)
            continue
        if folded.startswith("tren day"):
            data["closing"] = text
            state = "closing"
            continue
        if state == "header":
            m_num = _NUMBER.match(folded)
            m_date = _DATE.search(folded)
            if m_num or m_date:
                _header_line(text, m_num, m_date, data, result, warnings)
                continue
            bare = fold(_strip_motto(text)).strip()
            if bare in TYPE_NAMES:
                data["type_name"] = TYPE_NAMES[bare]
                state = "title"
                continue
            if not bare:
                continue
            if _is_upper(_strip_motto(text)) and not folded.startswith(("can cu", "thuc hien")):
                issuer_lines.append(_strip_motto(text))
                continue
            state = "title"  # no type line: the first prose paragraph is the summary
        if state == "title":
            if not folded.startswith(("can cu", "thuc hien")) and not data["title"]:
                data["title"] = text
                continue
            state = "preamble"
        if state == "preamble":
            section = _section_of(folded, text)
            if section:
                state = section
                continue
            if folded.startswith(("can cu", "thuc hien")):
                data["legal_bases"].append(parse_legal_basis(text, warnings))
            else:
                data["preamble"] = f"{data['preamble']} {text}".strip()
            continue
        if state == "recipients":
            bullet = _BULLET.match(text)
            if bullet:
                item = bullet.group(1)
                # Pasted from the two-column block: "- UBND huyện (để b/c); CHỦ TỊCH".
                tail = re.match(r"^(.*?[;.])\s+(\S.*)$", item)
                if tail and _is_upper(tail.group(2)):
                    item = tail.group(1)
                    _signature_line(tail.group(2), data)
                data["recipients"].append(_recipient(item))
            elif _is_upper(text) or folded.startswith(("tm.", "kt.", "q.", "tl.", "tuq.")):
                _signature_line(text, data)
            elif data["signer"]["title"] and not data["signer"]["name"]:
                data["signer"]["name"] = text
            else:
                unplaced.append(text)
            continue
        section = _section_of(folded, text)
        if section:
            state, clause_kind = section, ""
            continue
        clause = _CLAUSE.match(text)
        point = _POINT.match(text)
        bullet = _BULLET.match(text)
        if clause and not point:
            label = clause.group(2).strip()
            if state == "organisation":
                data["assignments"].append({"unit_label": label, "intro": "",
                                            "is_standing": False, "org_unit_id": None,
                                            "duties": []})  # fmt: skip
                clause_kind = "assignment"
            elif state == "purpose":
                clause_kind = "requirements" if "yeu cau" in fold(label) else "purposes"
            elif state == "content":
                clause_kind = "channels" if re.search(r"hinh\s*th\w*c", fold(label)) else "themes"
            else:
                unplaced.append(text)
            continue
        if state == "content" and point and clause_kind in {"themes", ""}:
            mark = point.group(1).lower()
            if mark in LETTERS and LETTERS.index(mark) >= expected_letter:
                expected_letter = LETTERS.index(mark)
            data["themes"].append({"letter": LETTERS[expected_letter],
                                   "short_name": _short_name(point.group(2)),
                                   "text": point.group(2)})  # fmt: skip
            expected_letter += 1
            continue
        item = bullet.group(1).strip() if bullet else text
        if state == "purpose" and clause_kind in {"purposes", "requirements"}:
            data[clause_kind].append(item)
        elif state == "content" and clause_kind == "channels":
            data["channels"].append(_channel(item))
        elif state == "funding":
            data["funding_text"] = f"{data['funding_text']} {text}".strip()
        elif state == "organisation" and data["assignments"]:
            assignment = data["assignments"][-1]
            if bullet:
                assignment["duties"].append(item)
                if re.search(r"thuong tr\w{1,2}c", fold(item)[:80]):
                    assignment["is_standing"] = True
            else:
                assignment["intro"] = f"{assignment['intro']} {text}".strip()
        elif state == "closing":
            data["closing"] = f"{data['closing']} {text}"
        else:
            unplaced.append(text)
    data["issuer"] = "\n".join(issuer_lines)
    data["funding_sources"] = _funding_sources(data["funding_text"])
    _finish(data, warnings)
    return result


def _header_line(text: str, m_num: re.Match[str] | None, m_date: re.Match[str] | None,
                 data: dict[str, Any], result: ImportResult,
                 warnings: list[str]) -> None:  # fmt: skip
    """'Số: 07/KH-UBND', 'Ái Thượng, ngày 05 tháng 01 năm 2023', or both on one line."""
    symbol_end = m_num.end() if m_num else 0
    if m_date:
        between = text[symbol_end : m_date.start()].strip()
        if m_num and between and " " not in between and between.isupper():
            symbol_end += len(text[symbol_end:]) - len(text[symbol_end:].lstrip()) + len(between)
            between = ""  # 'Số: 07/KH UBND' — the rest of a broken symbol, not a place
        data["place"] = between
        data["issued_on"] = _date(m_date["d"], m_date["m"], m_date["y"], warnings,
                                  _("ngày ban hành"))  # fmt: skip
        data["year"] = int(m_date["y"])
    elif m_num:
        symbol_end = len(text)
    if not m_num:
        return
    number = m_num.group("num").strip(" ._…")
    symbol = text[m_num.start("sym") : symbol_end].strip().upper()
    if number and not number.isdigit():
        warnings.append(
            _("Số văn bản “%(n)s” không đúng dạng (chỉ gồm chữ số); đã bỏ qua.") % {"n": number}
        )
        number = ""
    if not re.fullmatch(r"[A-ZĐ0-9]+(?:[-/][A-ZĐ0-9]+)*", symbol):
        warnings.append(
            _("Ký hiệu “%(s)s” không đúng dạng (ví dụ: KH-UBND); hãy sửa lại.") % {"s": symbol}
        )
        symbol = re.sub(r"[^A-ZĐ0-9/]+", "-", symbol).strip("-")
    data["symbol"] = symbol or data["symbol"]
    result.original_number = f"{number}/{symbol}" if number else ""


def _recipient(text: str) -> dict[str, str]:
    text = text.strip().rstrip(";.").strip()
    m = re.match(r"^(.*?)\s*\(([^()]{1,40})\)$", text)
    return {"name": m.group(1), "purpose": m.group(2)} if m else {"name": text, "purpose": ""}


_SIGNER = re.compile(r"(?i)\b(TM\.|KT\.|Q\.|TL\.|TUQ\.)")


def _signature_line(text: str, data: dict[str, Any]) -> None:
    signer = data["signer"]
    parts = [p.strip() for p in _SIGNER.split(text) if p.strip()]
    i = 0
    while i < len(parts):
        part = parts[i]
        if _SIGNER.fullmatch(part) and i + 1 < len(parts):
            line = f"{part.upper()} {parts[i + 1]}"
            if part.upper() == "TM.":
                signer["authority"] = line
            else:
                signer["deputy"] = line
            i += 2
            continue
        if _is_upper(part):
            signer["title"] = part
        i += 1


def _finish(data: dict[str, Any], warnings: list[str]) -> None:
    years = re.findall(r"\b(?:19|20)\d{2}\b", data["title"])
    if years:
        data["year"] = int(years[-1])
    if not data["issuer"]:
        warnings.append(_("Không thấy tên cơ quan ban hành ở đầu văn bản."))
    if not data["title"]:
        warnings.append(_("Không thấy trích yếu (tên kế hoạch)."))
    parts = [
        ("themes", _("nội dung tuyên truyền")),
        ("channels", _("hình thức tuyên truyền")),
        ("assignments", _("phân công thực hiện")),
        ("recipients", _("nơi nhận")),
    ]
    for key, label in parts:
        if not data[key]:
            warnings.append(_("Không nhận ra phần %(part)s.") % {"part": label})
