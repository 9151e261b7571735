"""What a heading opens, and the small recognisers for a section's items (channels, funding,
the signature block, recipients)."""

from __future__ import annotations

import re

from loalang.core.text import fold
from loalang.documents.signers import Signer
from loalang.plans.data import ChannelItem, FundingItem, Recipient
from loalang.plans.importer.text import fold_same_length, is_upper

# Channel code ← words on the folded text, first match is the paragraph's main channel.
CHANNEL_WORDS = [
    ("radio", r"truyen thanh|phat thanh|\bloa\b"),
    ("portal", r"trang thong tin|cong thong tin|dien tu|website"),
    ("social", r"mang xa hoi|zalo|facebook|fanpage|tiktok|youtube"),
    ("event", r"hoi nghi|hoi thao|tap huan|dien dan|sinh hoat cong dong|hoi thi|cuoc thi"),
    ("printed", r"to roi|to gap|an pham|in an|tai lieu|so tay"),
    ("notice_board", r"bang tin"),
    ("sms", r"tin nhan"),
    ("visual", r"co dong truc quan|bang ron|khau hieu|pa ?no|ap phich"),
    ("propagandist", r"tuyen truyen vien|truc tiep|tan nha|den tung ho"),
    ("bulletin", r"ban tin|thong tin noi bo"),
    ("mass_media", r"thong tin dai chung|bao chi|truyen hinh|bao\s"),
]

ROMAN = re.compile(
    r"^(?:phan\s+)?(?P<num>[ivxl|]{1,5}|thu\s+\w+(?:\s+\w+)?)\s*[.:)\-]\s*(?P<head>\S.*)$"
)
OCR_ROMAN = re.compile(r"^(?P<num>[ivxl|1]{1,4})[.)]\s*(?P<head>\S.*)$")


def heading_of(text: str) -> dict[str, str] | None:
    """'II. NỘI DUNG, HÌNH THỨC' / 'PHẦN I: MỤC ĐÍCH …' / OCR '|. MUC PiCH' → a section:
    {numeral, heading, kind}. None when the paragraph is not a part's heading."""
    if len(text) > 160:
        return None
    folded = fold_same_length(text)
    m = ROMAN.match(folded)
    upper = is_upper(text)
    if m and not m.group("num").startswith("thu"):
        raw = text[m.start("num") : m.end("num")]
        if not re.fullmatch(r"[IVXL|]{1,5}", raw):
            m = None  # 'i) …', 'v) …' are lettered points, not parts
    if not m and upper:
        m = OCR_ROMAN.match(folded)
        if m and not _kind_of(fold(text[m.start("head") :])):
            m = None  # '1. XÃ …' in capitals is not a part unless its words say so
    if not m and not (upper and _kind_of(folded)):
        return None
    if m:
        numeral, head = text[: m.start("head")].strip(" .:)-"), text[m.start("head") :]
    else:
        numeral, head = "", text
    kind = _kind_of(fold_same_length(head))
    if not upper and not kind:
        return None  # 'I. ' before mixed-case prose without a part's words
    numeral = re.sub(r"(?i)^ph[aầ]n\s+", "", numeral).upper().replace("|", "I")
    return {"numeral": numeral, "heading": head.strip(), "kind": kind or "other"}


def _kind_of(head: str) -> str:
    if re.match(r"can cu\b", head):
        return "bases"
    if "to chuc thuc hien" in head or "phan cong" in head or "trach nhiem" in head:
        return "organisation"
    if "kinh phi" in head:
        return "funding"
    has_content = bool(re.search(r"n\w{1,2}i dung", head))
    has_form = bool(re.search(r"hinh\s*th\w*c|phuong thuc", head))
    if has_content and has_form:
        return "content"
    if has_content:
        return "themes"
    if has_form:
        return "channels"
    if re.search(r"muc \w{2,5}", head) and "yeu cau" in head:
        return "purpose"
    if "muc dich" in head or "muc tieu" in head:
        return "purposes"
    if "yeu cau" in head:
        return "requirements"
    return ""


def channel_item(text: str) -> ChannelItem:
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


def funding_sources(text: str) -> list[FundingItem]:
    folded = fold(text)
    found: list[FundingItem] = []
    # Tolerant of OCR: "Nha nudc", "16ng ghép", "khéc".
    if re.search(r"ngan sach (?:nha n\w{1,3}c|xa|phuong|huyen|tinh|dia phuong|cap)", folded):
        found.append({"kind": "state_budget", "name": "Ngân sách Nhà nước", "planned_vnd": 0})
    if re.search(r"\w{1,2}ng ghep", folded):
        found.append(
            {"kind": "integrated", "name": "Lồng ghép từ các chương trình, dự án, kế hoạch khác",
             "planned_vnd": 0}
        )  # fmt: skip
    if re.search(r"hop phap kh\w{1,2}c|xa hoi hoa", folded):
        found.append(
            {"kind": "other", "name": "Các nguồn kinh phí hợp pháp khác", "planned_vnd": 0}
        )
    return found


def recipient(text: str) -> Recipient:
    text = text.strip().rstrip(";.,").strip()
    m = re.match(r"^(.*?)\s*\(([^()]{1,40})\)$", text)
    return {"name": m.group(1), "purpose": m.group(2)} if m else {"name": text, "purpose": ""}


SIGNER = re.compile(r"(?i)(?<!\w)(TM\.|KT\.|Q\.|TL\.|TUQ\.|T/M\.?|K/T\.?)")
SIGNING = re.compile(r"(?:tm|kt|q|tl|tuq)\.|t/m\b|k/t\b")
SIGNED = re.compile(r"^\(?\s*(?:đã ký|da ky|đã ky|ký|ky)[^)]*\)?$", re.I)


def signature_line(text: str, signer: Signer) -> None:
    parts = [p.strip() for p in SIGNER.split(text) if p.strip()]
    i = 0
    while i < len(parts):
        part = parts[i]
        if SIGNER.fullmatch(part) and i + 1 < len(parts):
            line = f"{part.upper()} {parts[i + 1]}".replace(". ", ". ")
            if part.upper() in {"TM.", "T/M", "T/M."}:
                signer["authority"] = line
            else:
                signer["deputy"] = line
            i += 2
            continue
        if is_upper(part):
            signer["title"] = part
        i += 1
