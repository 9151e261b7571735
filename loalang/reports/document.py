"""A report as an official document (BC, Decree 30/2020) for the shared renderer.

Pure: `build_document(meta, data, charts)` reads plain data only, so the same function serves
the staff pages, the issue service and `manage.py build_report`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from loalang.core.text import format_number
from loalang.documents import document as d
from loalang.reports.selectors import ReportData, Row

NO_DATA = "không có số liệu"


@dataclass
class ReportMeta:
    """What a report document says besides the numbers."""

    commune_kind: str  # "xã"
    commune_name: str  # "Ái Thượng"
    title: str
    date_from: dt.date
    date_to: dt.date
    period_label: str  # "năm 2023", "tháng 3 năm 2023", "từ 01/01/2023 đến 15/03/2023"
    recipients: list[str]
    request_reference: str = ""
    distribution: list[str] = field(default_factory=list)
    results_text: str = ""
    shortcomings_text: str = ""
    next_tasks_text: str = ""
    proposals_text: str = ""
    symbol: str = "BC-UBND"
    number: int | None = None
    issued_on: dt.date | None = None
    signer_title: str = "CHỦ TỊCH"
    signer_name: str = ""
    signer_authority: str = "TM. ỦY BAN NHÂN DÂN"
    signer_deputy: str = ""
    drafting_unit: str = "VH-XH"


def fmt(value: float | int | None) -> str:
    """A number the Vietnamese way; "không có số liệu" for None (never a false 0)."""
    if value is None:
        return NO_DATA
    if isinstance(value, float) and not value.is_integer():
        return format_number(value, 1)
    return format_number(int(value))


def period_label(period: str, date_from: dt.date, date_to: dt.date) -> str:
    if period == "year":
        return f"năm {date_to.year}"
    if period == "month":
        return f"tháng {date_from.month} năm {date_from.year}"
    if period == "quarter":
        quarter = ["I", "II", "III", "IV"][(date_from.month - 1) // 3]
        return f"quý {quarter} năm {date_from.year}"
    if period == "half":
        return f"{'6 tháng đầu' if date_from.month <= 6 else '6 tháng cuối'} năm {date_from.year}"
    return f"từ ngày {date_from:%d/%m/%Y} đến ngày {date_to:%d/%m/%Y}"


_CLAUSE = re.compile(r"^(\d+)\.\s+(.*)$")
_POINT = re.compile(r"^([a-zđ])\)\s+(.*)$")


def text_blocks(text: str) -> list[d.Block]:
    """Free text as document blocks: "1. …" clauses, "a) …" points, "- …" bullets, paragraphs."""
    blocks: list[d.Block] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if m := _CLAUSE.match(line):
            head = m.group(2)
            blocks.append(d.Clause(m.group(1), head))
        elif m := _POINT.match(line):
            blocks.append(d.Point(m.group(1), m.group(2)))
        elif line.startswith(("- ", "+ ")):
            blocks.append(d.Bullet(line[2:].strip(), marker=line[0]))
        else:
            blocks.append(d.Paragraph(line))
    return blocks


def indicator_table(data: ReportData) -> d.Table:
    scored = score_columns(data)
    rows: list[list[str]] = []
    group = None
    group_no = 0
    for row in data.rows:
        if row.group != group:
            group = row.group
            group_no += 1
            rows.append([_roman(group_no), group.upper(), "", "", ""] + ["", ""] * scored)
        cells = [row.code, row.name, row.unit, fmt(row.period), fmt(row.cumulative)]
        if scored:
            score = row.score
            cells += [
                fmt(row.target) if row.target else "",
                (f"{format_number(score, 2)}/{fmt(row.max_points)}" if score is not None else ""),
            ]
        rows.append(cells)
    if not scored:
        return d.Table(
            columns=["TT", "Chỉ tiêu", "Đơn vị tính", "Trong kỳ", "Lũy kế từ đầu năm"],
            rows=rows,
            widths_mm=[12, 78, 22, 24, 24],
            numeric_columns=frozenset({3, 4}),
        )
    scores = [r.score for r in data.rows if r.score is not None]
    top = sum(float(r.max_points or 0) for r in data.rows if r.target and r.max_points)
    rows.append(
        [
            "",
            "TỔNG ĐIỂM",
            "",
            "",
            "",
            "",
            f"{format_number(sum(scores), 2)}/{format_number(top, 2)}",
        ]
    )
    return d.Table(
        columns=[
            "TT",
            "Chỉ tiêu",
            "Đơn vị tính",
            "Trong kỳ",
            "Lũy kế từ đầu năm",
            "Chỉ tiêu giao",
            "Điểm đạt/tối đa",
        ],
        rows=rows,
        widths_mm=[11, 55, 18, 19, 19, 18, 20],
        numeric_columns=frozenset({3, 4, 5, 6}),
    )


def breakdown_table(data: ReportData, breakdown: str) -> d.Table | None:
    items = data.by_village if breakdown == "village" else data.by_theme
    key_rows: list[Row] = data.key_rows
    if not items or not key_rows:
        return None
    first = "Thôn, bản" if breakdown == "village" else "Nội dung tuyên truyền"
    columns = ["TT", first] + [f"{r.name} ({r.unit})" for r in key_rows]
    rows = [
        [str(i), item.label] + [fmt(item.values.get(r.code)) for r in key_rows]
        for i, item in enumerate(items, 1)
    ]
    name_mm = 50.0
    rest = (160.0 - 10 - name_mm) / len(key_rows)
    return d.Table(
        columns=columns,
        rows=rows,
        widths_mm=[10, name_mm] + [rest] * len(key_rows),
        numeric_columns=frozenset(range(2, 2 + len(key_rows))),
    )


def _roman(n: int) -> str:
    numerals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for value, letters in numerals:
        while n >= value:
            out += letters
            n -= value
    return out


def draft_results(data: ReportData, meta: ReportMeta) -> str:
    """Section I drafted from the numbers: by channel, by theme, the key indicators."""
    lines = ["1. Kết quả theo hình thức tuyên truyền"]
    if data.by_channel:
        for ch in data.by_channel:
            reach = f", tiếp cận {fmt(ch.reach)} lượt người" if ch.reach is not None else ""
            lines.append(f"- {ch.label}: {fmt(ch.activities)} hoạt động{reach}.")
    else:
        lines.append(f"- Trong kỳ chưa có hoạt động nào được xác nhận ({NO_DATA}).")
    lines.append("2. Kết quả theo nội dung tuyên truyền")
    themed = [b for b in data.by_theme if any(v is not None for v in b.values.values())]
    if themed:
        for item in themed:
            parts = [
                f"{r.name.lower()} {fmt(item.values.get(r.code))} {r.unit}"
                for r in data.key_rows
                if item.values.get(r.code)  # zeros and unknowns are in Phụ lục II
            ]
            # "a) Chính quyền số: …" is a lettered point of its own: no dash before it.
            marker = "" if _POINT.match(item.label) else "- "
            lines.append(f"{marker}{item.label}: {'; '.join(parts)}.")
    else:
        lines.append(f"- {NO_DATA.capitalize()} theo nội dung tuyên truyền.")
    lines.append("3. Các chỉ tiêu chủ yếu")
    for row in data.key_rows:
        lines.append(
            f"- {row.name}: {fmt(row.period)} {row.unit if row.period is not None else ''}".rstrip()
            + f" (lũy kế từ đầu năm: {fmt(row.cumulative)})."
        )
    lines.append(
        "Chi tiết các chỉ tiêu tại Phụ lục I; kết quả theo thôn, theo nội dung tại Phụ lục II."
    )
    return "\n".join(lines)


PLACEHOLDER = "[Cần bổ sung: {hint}]"
SECTION_HINTS = {
    "shortcomings_text": "tồn tại, hạn chế và nguyên nhân trong kỳ",
    "next_tasks_text": "nhiệm vụ trọng tâm kỳ tới",
    "proposals_text": "đề xuất, kiến nghị với cấp trên (nếu có)",
}


def placeholder(name: str) -> str:
    """An editable gap the drafter fills in; never a stock phrase that reads as content."""
    return PLACEHOLDER.format(hint=SECTION_HINTS[name])


def is_unfinished(text: str) -> bool:
    """Empty, or still holding a "[Cần bổ sung: …]" gap."""
    return not text.strip() or "[Cần bổ sung" in text


def _names(items: list[str], limit: int = 8) -> str:
    shown = ", ".join(items[:limit])
    return shown + (f" và {len(items) - limit} nơi khác" if len(items) > limit else "")


def draft_sections(data: ReportData, recipients: list[str] | None = None) -> dict[str, str]:
    """Sections II–IV drafted from the data: every sentence names the figure or the record it
    comes from; a section the data says nothing about is an editable placeholder."""
    short: list[str] = []
    tasks: list[str] = []
    proposals: list[str] = []
    for gap in data.shortfalls:
        short.append(
            f"- Chỉ tiêu “{gap['label']}” ({gap['window']}): {gap['figure']} "
            f"({gap['percent']}%), chưa đạt kế hoạch."
        )
        tasks.append(f"- Hoàn thành chỉ tiêu “{gap['label']}” ({gap['figure']}).")
    if data.silent_villages:
        n = len(data.silent_villages)
        names = _names(data.silent_villages)
        short.append(f"- {n} thôn chưa có hoạt động truyền thông được xác nhận trong kỳ: {names}.")
        tasks.append(f"- Tổ chức tuyên truyền tại {n} thôn chưa có hoạt động trong kỳ: {names}.")
    if data.silent_themes:
        n = len(data.silent_themes)
        names = "; ".join(data.silent_themes)
        short.append(f"- {n} nội dung của kế hoạch chưa được tuyên truyền trong kỳ: {names}.")
        tasks.append(f"- Triển khai {n} nội dung kế hoạch chưa thực hiện: {names}.")
    unknown = [r for r in data.rows if r.period is None and not r.is_manual]
    if unknown:
        codes = ", ".join(r.code for r in unknown)
        short.append(f"- {len(unknown)} chỉ tiêu chưa có số liệu trong kỳ (mã {codes}).")
    if short:
        short.append("Nguyên nhân: [Cần bổ sung: nguyên nhân của từng tồn tại nêu trên]")
    if data.shortfalls and recipients:
        proposals.append(
            f"- Đề nghị {recipients[0]} quan tâm hỗ trợ để hoàn thành "
            f"{len(data.shortfalls)} chỉ tiêu kế hoạch chưa đạt nêu tại Mục II."
        )
    return {
        "shortcomings_text": "\n".join(short) or placeholder("shortcomings_text"),
        "next_tasks_text": "\n".join(tasks) or placeholder("next_tasks_text"),
        "proposals_text": "\n".join(proposals) or placeholder("proposals_text"),
    }


def score_columns(data: ReportData) -> bool:
    return any(r.max_points is not None and r.target for r in data.rows)


def evidence_table(data: ReportData) -> d.Table | None:
    """Phụ lục III: for each indicator, the records that prove its figure."""
    rows: list[list[str]] = []
    for row in data.rows:
        if row.is_manual:
            proof = "Số liệu nhập tay: [Cần bổ sung: số, ngày, trích yếu tài liệu kiểm chứng]"
        elif row.code in data.evidence_counts:
            n = data.evidence_counts[row.code]
            records = data.evidence.get(row.code, [])
            lines = [f"{format_number(n)} hoạt động đã xác nhận trên Loa Làng"]
            lines += [
                f"{e['ref']} ngày {dt.date.fromisoformat(e['on']):%d/%m/%Y}: {e['summary']}"
                for e in records
            ]
            if n > len(records):
                lines.append(f"… và {format_number(n - len(records))} hoạt động khác")
            proof = "\n".join(lines)
        else:
            proof = "Số liệu tổng hợp từ Loa Làng (hỏi – đáp, sổ chi kinh phí)"
        rows.append([row.code, row.name, fmt(row.period), proof])
    if not rows:
        return None
    return d.Table(
        columns=["TT", "Chỉ tiêu", "Kết quả trong kỳ", "Tài liệu kiểm chứng"],
        rows=rows,
        widths_mm=[12, 55, 23, 70],
        numeric_columns=frozenset({2}),
    )


def build_document(
    meta: ReportMeta, data: ReportData, charts: list[tuple[bytes, str]]
) -> d.OfficialDocument:
    commune_upper = f"{meta.commune_kind} {meta.commune_name}".upper()
    committee = f"UBND {meta.commune_kind} {meta.commune_name}"
    number = f"{meta.number:02d}" if meta.number is not None else ""
    issued = meta.issued_on
    if meta.request_reference:
        intro = (
            f"Thực hiện {meta.request_reference.rstrip('.;')}, Ủy ban nhân dân {meta.commune_kind} "
            f"{meta.commune_name} báo cáo kết quả công tác truyền thông chuyển đổi số "
            f"{meta.period_label} như sau:"
        )
    else:
        intro = (
            f"Ủy ban nhân dân {meta.commune_kind} {meta.commune_name} báo cáo kết quả công tác "
            f"truyền thông chuyển đổi số {meta.period_label} như sau:"
        )
    body: list[d.Block] = [d.Paragraph(intro), d.Section("I", "KẾT QUẢ ĐẠT ĐƯỢC")]
    body += text_blocks(meta.results_text) or [d.Paragraph(NO_DATA.capitalize() + ".")]
    if data.computed_at:
        as_of = dt.date.fromisoformat(data.computed_at[:10])
        body.append(
            d.Paragraph(
                "Số liệu tổng hợp từ các hoạt động đã được xác nhận, tính đến "
                f"ngày {as_of:%d/%m/%Y}.",
                italic=True,
            )
        )
    for i, (png, caption) in enumerate(charts, 1):
        body.append(d.Image(png, width_mm=150, caption=f"Biểu đồ {i}. {caption}"))
    if data.commendations:
        body.append(d.Paragraph("Công tác thi đua, khen thưởng", bold=True, align="left"))
        body += [d.Bullet(line) for line in data.commendations]
    for number_, title, name, text in [
        ("II", "TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN", "shortcomings_text", meta.shortcomings_text),
        ("III", "NHIỆM VỤ TRỌNG TÂM KỲ TỚI", "next_tasks_text", meta.next_tasks_text),
        ("IV", "ĐỀ XUẤT, KIẾN NGHỊ", "proposals_text", meta.proposals_text),
    ]:
        body.append(d.Section(number_, title))
        body += text_blocks(text) or [d.Paragraph(placeholder(name), italic=True)]
    reference = (
        f"(Kèm theo Báo cáo số {number or d.BLANK_NUMBER}/{meta.symbol} "
        f"{'ngày ' + issued.strftime('%d/%m/%Y') if issued else ''} của {committee})"
    ).replace("  ", " ")
    appendices = [
        d.Appendix(
            label="Phụ lục I",
            title="Các chỉ tiêu kết quả công tác truyền thông chuyển đổi số",
            reference=reference,
            body=[
                d.Paragraph(
                    f"Kỳ báo cáo: {meta.period_label} "
                    f"(từ {meta.date_from:%d/%m/%Y} đến {meta.date_to:%d/%m/%Y}).",
                    italic=True,
                    align="center",
                ),
                indicator_table(data),
            ],
        )
    ]
    breakdowns: list[d.Block] = []
    for kind, caption in [
        ("village", "1. Theo thôn, bản"),
        ("theme", "2. Theo nội dung tuyên truyền"),
    ]:
        table = breakdown_table(data, kind)
        if table is not None:
            breakdowns += [d.Paragraph(caption, bold=True, align="left"), table]
    if breakdowns:
        appendices.append(
            d.Appendix(
                label="Phụ lục II",
                title="Kết quả các chỉ tiêu chính theo thôn và theo nội dung",
                reference=reference,
                body=breakdowns,
                landscape=len(data.key_rows) > 4,
            )
        )
    proofs = evidence_table(data)
    if proofs is not None:
        basis: list[d.Block] = []
        if data.plan_reference:
            basis.append(d.Paragraph(f"Căn cứ: {data.plan_reference}.", italic=True))
        appendices.append(
            d.Appendix(
                label=f"Phụ lục {_roman(len(appendices) + 1)}",
                title="Tài liệu kiểm chứng các chỉ tiêu",
                reference=reference,
                body=[*basis, proofs],
            )
        )
    return d.OfficialDocument(
        issuer_lines=["ỦY BAN NHÂN DÂN", commune_upper],
        symbol=meta.symbol,
        number=number,
        place=meta.commune_name,
        issued_on=issued,
        year=meta.date_to.year if issued is None else None,
        type_name="BÁO CÁO",
        summary=meta.title,
        recipients_to=meta.recipients,
        body=body,
        closing=[
            f"Trên đây là báo cáo kết quả công tác truyền thông chuyển đổi số {meta.period_label} "
            f"của Ủy ban nhân dân {meta.commune_kind} {meta.commune_name}./."
        ],
        signature=d.Signature(
            authority=meta.signer_authority,
            deputy=meta.signer_deputy
            or ("KT. CHỦ TỊCH" if meta.signer_title.upper() == "PHÓ CHỦ TỊCH" else ""),
            title=meta.signer_title.upper(),
            name=meta.signer_name,
        ),
        distribution=[
            "Như trên;",
            *[_semi(x) for x in meta.distribution],
            f"Lưu: VT, {meta.drafting_unit}.",
        ],
        appendices=appendices,
        is_draft=issued is None,
    )


def _semi(line: str) -> str:
    line = line.strip().rstrip(".;")
    return f"{line};"
