"""Sample budget for Ái Thượng's 2023 plan, following its "III. KINH PHÍ": the state budget,
funds integrated from other programmes, other lawful sources. Amounts are invented and every
generated row is marked is_sample. Idempotent."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from loalang.accounts.models import User
from loalang.budget.models import EstimateLine, FundingSource
from loalang.budget.selectors import spendable_activities
from loalang.budget.services import (
    estimate_line_decide,
    estimate_line_propose,
    estimate_line_record,
    spending_record,
)
from loalang.plans.models import Plan

K = FundingSource.Kind
SOURCES = [
    (K.STATE_BUDGET, "Ngân sách Nhà nước (ngân sách xã năm 2023)", 30_000_000),
    (
        K.INTEGRATED,
        "Lồng ghép Chương trình mục tiêu quốc gia phát triển KT-XH vùng "
        "đồng bào dân tộc thiểu số và miền núi",
        12_000_000,
    ),
    (K.OTHER, "Nguồn kinh phí hợp pháp khác (xã hội hoá)", 3_000_000),
]
# (source kind, title, amount, how far it got)
LINES = [
    (
        K.STATE_BUDGET,
        "In, treo băng rôn, khẩu hiệu tuyên truyền chuyển đổi số",
        8_000_000,
        "recorded",
    ),
    (
        K.STATE_BUDGET,
        "In tờ rơi hướng dẫn cài đặt VNeID, thanh toán không dùng tiền mặt",
        6_000_000,
        "recorded",
    ),
    (
        K.STATE_BUDGET,
        "Hội nghị tập huấn kỹ năng số cho cán bộ thôn, Tổ công nghệ số",
        10_000_000,
        "approved",
    ),
    (
        K.INTEGRATED,
        "Bồi dưỡng Tổ công nghệ số cộng đồng đi hướng dẫn từng hộ",
        9_000_000,
        "recorded",
    ),
    (K.OTHER, "Sửa chữa cụm loa truyền thanh bản Khằm", 3_000_000, "proposed"),
]


@transaction.atomic
def load_demo(commune: Any) -> None:
    plan = Plan.objects.filter(commune=commune, year=2023).order_by("id").first()
    if plan is None:
        return
    officer = User.objects.filter(username="vanhoa").first()
    chair = User.objects.filter(username="chutich").first()
    finance = User.objects.filter(username="taichinh").first()
    sources = {}
    for i, (kind, name, planned) in enumerate(SOURCES):
        # The plans app may already have made the sources from the plan's text: reuse them.
        source = plan.funding_sources.filter(kind=kind).order_by("id").first()
        if source is None:
            source = FundingSource.objects.create(
                plan=plan, kind=kind, name=name, planned_vnd=planned, sort_order=i, is_sample=True
            )
        sources[kind] = source
    for kind, title, amount, state in LINES:
        source = sources[kind]
        if EstimateLine.objects.filter(funding_source=source, title=title).exists():
            continue
        line = estimate_line_propose(source=source, actor=officer, title=title, amount_vnd=amount)
        if state in ("approved", "recorded"):
            line = estimate_line_decide(line=line, actor=chair, approve=True)
        if state == "recorded":
            line = estimate_line_record(line=line, actor=finance, voucher_ref="QĐ-UBND 2023")
            _book_sample_spending(line, finance)
    EstimateLine.objects.filter(funding_source__plan=plan).update(is_sample=True)


def _book_sample_spending(line: EstimateLine, finance: Any) -> None:
    """Book up to three verified activities' unbooked cost on the line, within its estimate."""
    left = line.amount_vnd
    for activity in spendable_activities(line=line).filter(spendings__isnull=True)[:3]:
        amount = min(activity.cost_vnd, left)
        if amount <= 0:
            break
        spending_record(line=line, activity=activity, actor=finance, amount_vnd=amount)
        left -= amount
