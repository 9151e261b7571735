"""Demo: the 2023 annual report draft of Ái Thượng, composed from the demo activities.

Idempotent: a second run redrafts section I of the same draft instead of adding a report.
"""

from __future__ import annotations

import datetime as dt

from loalang.accounts.models import User
from loalang.places.models import Commune
from loalang.reports.models import Report
from loalang.reports.services import report_create, report_redraft_results, report_update

TITLE = "Kết quả công tác truyền thông chuyển đổi số năm 2023"
SHORTCOMINGS = """1. Tồn tại, hạn chế
- Một số bản vùng cao sóng di động yếu, việc hướng dẫn cài đặt ứng dụng còn gặp khó khăn.
- Số hộ sử dụng thanh toán không dùng tiền mặt còn thấp so với chỉ tiêu kế hoạch.
2. Nguyên nhân
- Một bộ phận người dân, nhất là người cao tuổi, chưa có điện thoại thông minh.
- Kinh phí cho hoạt động truyền thông còn hạn chế."""
NEXT_TASKS = """- Duy trì chuyên mục chuyển đổi số trên Đài truyền thanh xã ít nhất 2 lần/tháng.
- Tổ công nghệ số cộng đồng tiếp tục hướng dẫn người dân kích hoạt VNeID mức 2.
- Đẩy mạnh tuyên truyền thanh toán không dùng tiền mặt tại chợ và hợp tác xã."""
PROPOSALS = """- Đề nghị Sở Khoa học và Công nghệ tỉnh hỗ trợ tài liệu tuyên truyền tiếng Thái.
- Đề nghị bố trí kinh phí nâng cấp các cụm loa truyền thanh đã xuống cấp."""


def load_demo(commune: Commune) -> None:
    actor = User.objects.filter(username="vanhoa").first()
    existing = Report.objects.filter(
        commune=commune,
        is_sample=True,
        date_from=dt.date(2023, 1, 1),
        date_to=dt.date(2023, 12, 31),
    ).first()
    if existing is None:
        report = report_create(
            commune=commune,
            actor=actor,
            kind=Report.Kind.PERIODIC,
            period=Report.Period.YEAR,
            date_from=dt.date(2023, 1, 1),
            date_to=dt.date(2023, 12, 31),
            title=TITLE,
            distribution="Thường trực Đảng ủy xã (để b/c)\nThường trực HĐND xã",
            is_sample=True,
        )
    elif existing.is_editable:
        report = report_redraft_results(report=existing, actor=actor)
    else:
        return
    report_update(
        report=report,
        actor=actor,
        shortcomings_text=SHORTCOMINGS,
        next_tasks_text=NEXT_TASKS,
        proposals_text=PROPOSALS,
    )
