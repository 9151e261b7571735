"""Every kind of official document Loa Làng sends out, built without the database: the seed
plan as issued, and a yearly report with its two annexes (the second landscape). Used by the
layout, schema-order and LibreOffice comparison tests."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable

from loalang.documents import document as m

CHAIR = {"authority": "TM. ỦY BAN NHÂN DÂN", "deputy": "", "title": "CHỦ TỊCH",
         "name": "Hà Văn Minh"}  # fmt: skip
VICE = {"authority": "TM. ỦY BAN NHÂN DÂN", "deputy": "KT. CHỦ TỊCH", "title": "PHÓ CHỦ TỊCH",
        "name": "Lương Thị Hoa"}  # fmt: skip


def plan_doc(signer: dict[str, str] | None = None) -> m.OfficialDocument:
    from loalang.plans.demo import seed_data
    from loalang.plans.document import plan_document

    data = copy.deepcopy(seed_data())
    data.update(number="10", issued_on="2023-01-10", signer=dict(signer or CHAIR))
    return plan_document(data)


def report_doc(signer: dict[str, str] | None = None, key_rows: int = 6) -> m.OfficialDocument:
    from loalang.reports.document import ReportMeta, build_document, draft_results
    from loalang.reports.selectors import Breakdown, ChannelRow, ReportData, Row

    signer = signer or VICE
    rows = []
    groups = ["Thông tin cơ sở", "Tổ công nghệ số cộng đồng", "Kỹ năng số"]
    for i in range(12):
        rows.append(
            Row(
                code=f"{i + 1}",
                group=groups[i % 3],
                unit="lượt" if i % 2 else "buổi",
                name=f"Số lượt tuyên truyền về chuyển đổi số qua hình thức thứ {i + 1}",
                is_manual=False,
                period=10 * i + 3,
                cumulative=40 * i + 7,
            )
        )
    rows.sort(key=lambda r: groups.index(r.group))
    keys = [r.code for r in rows[:key_rows]]
    villages = ["Bản Khằm", "Bản Chiềng", "Bản Nán", "Bản Eo Kén", "Bản Đỏ", "Bản Nủa"]
    data = ReportData(
        commune_name="Ái Thượng", date_from="2023-01-01", date_to="2023-12-31",
        cum_from="2023-01-01", rows=rows, key_codes=keys,
        by_village=[Breakdown(v, {k: 3 * j + int(k) for k in keys})
                    for j, v in enumerate(villages)],
        by_theme=[Breakdown(f"Nội dung tuyên truyền {t}", {k: 2 * int(k) for k in keys})
                  for t in "abcdđeg"],
        by_channel=[ChannelRow("Đài truyền thanh xã", 48, 1200),
                    ChannelRow("Trang thông tin điện tử", 36, None)],
        months=12, locked_months=12, computed_at="2024-01-05T08:00:00+07:00",
    )  # fmt: skip
    meta = ReportMeta(
        commune_kind="xã", commune_name="Ái Thượng",
        title="Kết quả công tác truyền thông chuyển đổi số năm 2023",
        date_from=dt.date(2023, 1, 1), date_to=dt.date(2023, 12, 31), period_label="năm 2023",
        recipients=["Sở Khoa học và Công nghệ tỉnh Thanh Hóa"],
        distribution=["Sở Văn hóa, Thể thao và Du lịch tỉnh Thanh Hóa (để b/c)"],
        shortcomings_text="- Một số thôn chưa cập nhật nhật ký phát thanh hằng tuần.",
        next_tasks_text="- Duy trì chuyên mục chuyển đổi số trên đài truyền thanh xã.",
        proposals_text="- Đề nghị hỗ trợ kinh phí thay thế cụm loa hỏng tại Bản Nán.",
        number=3, issued_on=dt.date(2024, 1, 8),
        signer_authority=signer["authority"], signer_deputy=signer["deputy"],
        signer_title=signer["title"], signer_name=signer["name"],
    )  # fmt: skip
    meta.results_text = draft_results(data, meta)
    from loalang.reports.charts import all_charts

    return build_document(meta, data, all_charts(data))


def plan_draft_doc() -> m.OfficialDocument:
    """A draft as it goes up for approval: DỰ THẢO marks, no number or date."""
    from loalang.plans.demo import seed_data
    from loalang.plans.document import plan_document

    data = copy.deepcopy(seed_data())
    data.update(signer=dict(CHAIR))
    doc = plan_document(data, is_draft=True)
    doc.urgency = "KHẨN"
    return doc


def privacy_notice_doc() -> m.OfficialDocument:
    """The draft notice of a personal-data incident to the authority (privacy app)."""
    from loalang.privacy.document import NoticeData, notice_document

    found = dt.datetime(2026, 3, 2, 2, 30, tzinfo=dt.UTC)
    return notice_document(
        NoticeData(
            commune_kind="xã", commune_name="Ái Thượng", commune_email="ubnd@aithuong.gov.vn",
            authority="Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao (A05)",
            notify_hours=72, title="Lộ danh sách người tham dự tập huấn",
            description="Danh sách người tham dự được gửi nhầm vào nhóm Zalo của thôn.",
            occurred_at=found - dt.timedelta(hours=5), found_at=found,
            found_by="Công chức Văn hóa - Xã hội", categories=["Họ tên", "Số điện thoại"],
            subjects=["Người tham dự sự kiện"], subjects_estimate=42, records_estimate=42,
            consequences="Có thể bị gọi điện quảng cáo, lừa đảo.",
            actions_taken="Đã thu hồi tin nhắn và đề nghị các thành viên xóa tệp.",
            subjects_notified_at=None, contact_name="Phạm Thị Lan",
            contact_phone="0912345678", due_at=found + dt.timedelta(hours=72),
            is_late=False, late_reason="", year=2026,
        )
    )  # fmt: skip


# name → builder; every official output Loa Làng renders through documents.render.
DOCUMENTS: dict[str, Callable[[], m.OfficialDocument]] = {
    "plan": plan_doc,
    "plan-kt": lambda: plan_doc(VICE),
    "plan-draft": plan_draft_doc,
    "report": report_doc,
    "privacy-notice": privacy_notice_doc,
}
