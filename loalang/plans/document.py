"""A plan (as data, see plans.data) → the shared OfficialDocument. No database access, so a
revision snapshot or an import preview renders exactly like a saved plan."""

from __future__ import annotations

import datetime as dt

from loalang.documents import document as m
from loalang.plans.data import LegalBasis, PlanData, Target

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


def citation(basis: LegalBasis) -> str:
    """'Kế hoạch số 65/KH-UBND ngày 30/3/2022 của UBND huyện Bá Thước về …'."""
    number, symbol = basis.get("number", ""), basis.get("symbol", "")
    if number:
        joiner = "-" if "/" in symbol else "/"
        reference = f"{number}{joiner}{symbol}" if symbol else number
    else:
        reference = symbol
    parts = [basis["doc_type"]] if basis.get("doc_type") else []
    if reference:
        parts.append(f"số {reference}")
    if basis.get("issued_on"):
        d = dt.date.fromisoformat(basis["issued_on"])
        if basis.get("date_style") == "short":
            parts.append(f"ngày {d.day}/{d.month}/{d.year}")
        else:
            parts.append(f"ngày {d.day:02d}/{d.month:02d}/{d.year}")
    if basis.get("issuer"):
        parts.append(f"của {basis['issuer']}")
    if basis.get("summary"):
        parts.append(basis["summary"])
    return " ".join(p for p in parts if p)


def legal_basis_lines(data: PlanData) -> list[str]:
    """Each line ends with ';' — the last with '.' unless a preamble sentence follows."""
    bases = data["legal_bases"]
    lines = []
    for i, basis in enumerate(bases):
        last = i == len(bases) - 1
        end = "." if last and not data["preamble"].strip() else ";"
        lines.append(f"{basis['verb']} {citation(basis)}".rstrip(";.") + end)
    return lines


def recipient_lines(data: PlanData) -> list[str]:
    rows = data["recipients"]
    out = []
    for i, r in enumerate(rows):
        text = f"{r['name']} ({r['purpose']})" if r.get("purpose") else r["name"]
        out.append(text.rstrip(";.") + ("." if i == len(rows) - 1 else ";"))
    return out


def issuer_lines(data: PlanData) -> list[str]:
    return [line.strip() for line in data["issuer"].splitlines() if line.strip()]


def _target_text(t: Target) -> str:
    text = t["description"]
    village = t.get("village_name") or ""
    if village and village.casefold() not in text.casefold():
        first = text[:1].lower() if text[1:2].islower() else text[:1]  # keep "VNeID"
        text = f"{village}: {first}{text[1:]}"
    if t.get("due_on"):
        d = dt.date.fromisoformat(t["due_on"])
        text += f" (hoàn thành trước ngày {d.day:02d}/{d.month:02d}/{d.year})"
    return text.rstrip(";.") + ";"


def body_blocks(data: PlanData) -> list[m.Block]:
    blocks: list[m.Block] = [m.LegalBasis(line) for line in legal_basis_lines(data)]
    if data["preamble"].strip():
        blocks.append(m.Paragraph(data["preamble"].strip()))
    sections: list[tuple[str, list[m.Block]]] = []

    part: list[m.Block] = []
    clause = 0
    for title, items in (("Mục đích", data["purposes"]), ("Yêu cầu", data["requirements"])):
        if items:
            clause += 1
            part.append(m.Clause(str(clause), title))
            part.extend(m.Bullet(text) for text in items)
    if data["targets"]:
        clause += 1
        part.append(m.Clause(str(clause), "Chỉ tiêu"))
        part.extend(m.Bullet(_target_text(t)) for t in data["targets"])
    if part:
        sections.append(("MỤC ĐÍCH, YÊU CẦU", part))

    part = []
    clause = 0
    if data["themes"]:
        clause += 1
        part.append(m.Clause(str(clause), "Nội dung tuyên truyền"))
        part.extend(m.Point(t["letter"], t["text"]) for t in data["themes"])
    if data["channels"]:
        clause += 1
        part.append(m.Clause(str(clause), "Hình thức tuyên truyền"))
        part.extend(m.Bullet(c["text"]) for c in data["channels"] if c["text"].strip())
    if part:
        sections.append(("NỘI DUNG VÀ HÌNH THỨC TUYÊN TRUYỀN", part))

    part = []
    if data["funding_text"].strip():
        part.append(m.Paragraph(data["funding_text"].strip()))
    priced = [f for f in data["funding_sources"] if f.get("planned_vnd")]
    if priced:
        rows = [
            [str(i), f["name"], f"{f['planned_vnd']:,}".replace(",", ".")]
            for i, f in enumerate(priced, start=1)
        ]
        total = sum(f["planned_vnd"] for f in priced)
        rows.append(["", "Tổng cộng", f"{total:,}".replace(",", ".")])
        part.append(
            m.Table(
                ["STT", "Nguồn kinh phí", "Dự kiến (đồng)"],
                rows,
                [15, 105, 45],
                numeric_columns=frozenset({2}),
            )
        )
    elif not part and data["funding_sources"]:
        part.extend(m.Bullet(f["name"] + ";") for f in data["funding_sources"])
    if part:
        sections.append(("KINH PHÍ", part))

    part = []
    for i, a in enumerate(data["assignments"], start=1):
        part.append(m.Clause(str(i), a["unit_label"]))
        if a["intro"].strip():
            part.append(m.Paragraph(a["intro"].strip()))
        part.extend(m.Bullet(text) for text in a["duties"])
    if part:
        sections.append(("TỔ CHỨC THỰC HIỆN", part))

    for i, (title, section_blocks) in enumerate(sections):
        blocks.append(m.Section(ROMAN[i], title))
        blocks.extend(section_blocks)
    return blocks


def plan_document(data: PlanData, *, is_draft: bool = False) -> m.OfficialDocument:
    issued_on = dt.date.fromisoformat(data["issued_on"]) if data["issued_on"] else None
    signer = data["signer"]
    signature = None
    if any(signer.values()):
        signature = m.Signature(
            title=signer["title"],
            name=signer["name"],
            authority=signer["authority"],
            deputy=signer["deputy"],
        )
    return m.OfficialDocument(
        issuer_lines=issuer_lines(data),
        parent_lines=[x for x in data["parent_issuer"].splitlines() if x.strip()],
        type_name=data["type_name"],
        summary=data["title"],
        symbol=data["symbol"],
        number="" if is_draft else data["number"],
        place=data["place"],
        issued_on=None if is_draft else issued_on,
        year=data["year"],
        body=body_blocks(data),
        closing=[data["closing"].strip()] if data["closing"].strip() else [],
        signature=signature,
        distribution=recipient_lines(data),
        is_draft=is_draft,
        title_for_metadata=f"{data['type_name']} {data['title']}",
    )
