"""The demo commune's plans for the current year and the one before (ADR 0105).

The seed 2023 plan (plans.demo) stays as it is. For the year of today and the previous year
(the last twelve months span both), the demo does what a commune does each January: copy
last year's plan, bring its legal bases up to date, submit, approve and issue it through the
plan services — so the number comes from the commune's counter, the date and the signer are
set, and the audit log tells the story. Sample data (is_sample); idempotent: a year that
already has a sample plan is left alone.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

# The plans are issued in the second week of January (never later than today).
ISSUE_DAY = (1, 12)

# Nghị quyết 57-NQ/TW (22/12/2024) replaced the district's 2022 plan as the basis once the
# districts were abolished (01/07/2025); it is the Politburo's resolution on science,
# technology, innovation and national digital transformation.
RESOLUTION_57 = {
    "verb": "Thực hiện",
    "doc_type": "Nghị quyết",
    "number": "57",
    "symbol": "NQ/TW",
    "issued_on": "2024-12-22",
    "date_style": "short",
    "issuer": "Bộ Chính trị",
    "summary": (
        "về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia"
    ),
}


def demo_years(today: dt.date) -> list[int]:
    """The years that get a sample plan: the previous and the current one (after 2023)."""
    return [y for y in (today.year - 1, today.year) if y > 2023]


def load_current(commune: Any, *, today: dt.date | None = None) -> list[Any]:
    """Issued sample plans for the previous and current year; returns them (oldest first)."""
    from django.utils import timezone

    from loalang.plans.demo import SEED_TITLE
    from loalang.plans.models import Plan

    today = today or timezone.localdate()
    seed = Plan.objects.filter(commune=commune, year=2023, title=SEED_TITLE).first()
    if seed is None:
        return []
    plans = []
    source = seed
    for year in demo_years(today):
        plan = (
            Plan.objects.filter(commune=commune, year=year, is_sample=True)
            .exclude(status=Plan.Status.SUPERSEDED)
            .first()
        )
        if plan is None:
            plan = _issue_copy(commune, source, year, today)
        plans.append(plan)
        source = plan
    return plans


def _issue_copy(commune: Any, source: Any, year: int, today: dt.date) -> Any:
    from django.db import transaction

    from loalang.accounts.models import User
    from loalang.plans.data import plan_data
    from loalang.plans.models import Plan
    from loalang.plans.services import (
        plan_approve,
        plan_copy_for_year,
        plan_issue,
        plan_submit,
        plan_update_section,
    )

    officer = User.objects.filter(username="vanhoa").first()
    chair = User.objects.filter(username="chutich").first()
    issued_on = min(dt.date(year, *ISSUE_DAY), today)
    with transaction.atomic():
        plan = plan_copy_for_year(plan=source, actor=officer, year=year)
        Plan.objects.filter(pk=plan.pk).update(is_sample=True)
        plan.refresh_from_db()
        plan_update_section(plan=plan, actor=officer, section="legal_bases", value=[RESOLUTION_57])
        # The district's office is gone (01/07/2025): the commune reports to the province.
        recipients = [
            {**r, "name": "Sở Khoa học và Công nghệ tỉnh"} if "huyện" in r["name"] else r
            for r in plan_data(plan)["recipients"]
        ]
        plan_update_section(plan=plan, actor=officer, section="recipients", value=recipients)
        signer = plan_data(plan)["signer"]
        if not signer.get("name"):
            # No Chair member (a trimmed demo): the seed plan's sample signer.
            plan_update_section(
                plan=plan, actor=officer, section="signer", value={**signer, "name": "Hà Văn Minh"}
            )
        plan_submit(plan=plan, actor=officer)
        plan_approve(plan=plan, actor=chair, note="Đồng ý ban hành.")
        plan = plan_issue(plan=plan, actor=chair, issued_on=issued_on)
        # The workflow ran today; the story says January of its year.
        moment = dt.datetime.combine(issued_on, dt.time(9, 0), tzinfo=dt.UTC)
        Plan.objects.filter(pk=plan.pk).update(
            submitted_at=moment - dt.timedelta(days=2),
            approved_at=moment - dt.timedelta(days=1),
            issued_at=moment,
        )
        plan.refresh_from_db()
    return plan
