from __future__ import annotations

import pytest
import time_machine

from loalang.accounts.access import scope_for
from loalang.plans.attention import attention_items
from loalang.plans.tests.factories import make_plan

pytestmark = pytest.mark.django_db


@time_machine.travel("2024-11-02 09:00 +0700")
def test_approver_sees_waiting_plans_and_drafter_sees_missing_year(
    commune, chair_user, culture_user
):
    make_plan(commune, status="submitted", year=2024)
    chair = [a.text for a in attention_items(commune, scope_for(chair_user, commune))]
    assert chair == ["1 kế hoạch đang chờ duyệt."]
    culture = [a.text for a in attention_items(commune, scope_for(culture_user, commune))]
    assert culture == ["Chưa có kế hoạch truyền thông năm 2025."]
    make_plan(commune, year=2025)
    assert attention_items(commune, scope_for(culture_user, commune)) == []
