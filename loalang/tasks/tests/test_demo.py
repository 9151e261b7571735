"""The demo loaders of tasks, budget and commendations: derived from the 2023 plan, marked
as sample data, idempotent, and quiet when the plan is missing."""

from __future__ import annotations

import pytest

from loalang.budget.demo import load_demo as load_budget
from loalang.budget.models import EstimateLine, FundingSource
from loalang.commendations.demo import load_demo as load_commendations
from loalang.commendations.models import Commendation
from loalang.home.demo import load_foundation
from loalang.tasks.demo import load_demo as load_tasks
from loalang.tasks.models import Task
from loalang.tasks.tests.factories import make_duty, make_plan

pytestmark = pytest.mark.django_db

DUTIES = [
    "Liên kết và gắn banner chuyên mục chuyển đổi số trên Trang Thông tin điện tử xã.",
    "Tổ chức các hội nghị tập huấn, hội thảo chuyên đề chuyển đổi số.",
    "Thực hiện chế độ thông tin, báo cáo theo định kỳ và khi có yêu cầu đột xuất.",
]


def _counts(commune):  # type: ignore[no-untyped-def]
    return (
        Task.objects.filter(commune=commune).count(),
        FundingSource.objects.filter(plan__commune=commune).count(),
        EstimateLine.objects.filter(funding_source__plan__commune=commune).count(),
        Commendation.objects.filter(commune=commune).count(),
    )


def test_loaders_skip_without_a_2023_plan():
    commune = load_foundation()
    load_tasks(commune)
    load_budget(commune)
    assert _counts(commune)[:3] == (0, 0, 0)


def test_loaders_derive_from_plan_and_are_idempotent():
    commune = load_foundation()
    plan = make_plan(commune, 2023)
    for text in DUTIES:
        make_duty(plan, text=text)
    for _ in range(2):
        load_tasks(commune)
        load_budget(commune)
        load_commendations(commune)
    tasks, sources, lines, commendations = _counts(commune)
    # two duties matched + the monthly report series with 10 occurrences (March–December)
    assert tasks == 2 + 1 + 10
    assert sources == 3 and lines == 5 and commendations == 1
    assert not Task.objects.filter(is_sample=False).exists()
    assert not EstimateLine.objects.filter(is_sample=False).exists()
    assert Task.objects.filter(duty__text__startswith="Liên kết", status="done").exists()
    statuses = set(EstimateLine.objects.values_list("status", flat=True))
    assert statuses == {"proposed", "approved", "recorded"}
    assert Commendation.objects.get().is_public
