"""Plans for tests: built through the real services from real plan data."""

from __future__ import annotations

import copy
from typing import Any

from loalang.plans.demo import seed_data
from loalang.plans.models import Plan
from loalang.plans.services import plan_approve, plan_create_from_data, plan_submit


def full_data(year: int = 2024, **overrides: Any) -> dict[str, Any]:
    """The seed plan's content as a complete, submittable plan for `year`."""
    data = copy.deepcopy(seed_data())
    data["year"] = year
    data["title"] = data["title"].replace("2023", str(year))
    data["signer"] = {"authority": "TM. ỦY BAN NHÂN DÂN", "deputy": "", "title": "CHỦ TỊCH",
                      "name": "Hà Văn Minh"}  # fmt: skip
    data.update(overrides)
    return data


def make_plan(commune: Any, actor: Any = None, *, status: str = "draft", **overrides: Any) -> Plan:
    """A complete plan in `status` (draft, submitted or approved), through the services."""
    plan = plan_create_from_data(commune=commune, actor=actor, data=full_data(**overrides))
    if status in {"submitted", "approved"}:
        plan = plan_submit(plan=plan, actor=actor)
    if status == "approved":
        plan = plan_approve(plan=plan, actor=actor)
    return plan
