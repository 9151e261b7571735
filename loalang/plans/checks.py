"""What must be true of a plan before it goes up for approval or is issued. Works on plan data
(plans.data), so an import preview is checked exactly like a saved plan."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from loalang.documents.signers import signer_problems
from loalang.plans.data import PlanData
from loalang.plans.document import citation

REQUIRED = {
    "title": lambda: _("Chưa có trích yếu (tên kế hoạch)."),
    "issuer": lambda: _("Chưa ghi cơ quan ban hành."),
    "purposes": lambda: _("Mục đích chưa có nội dung."),
    "requirements": lambda: _("Yêu cầu chưa có nội dung."),
    "themes": lambda: _("Chưa có nội dung tuyên truyền nào."),
    "channels": lambda: _("Chưa có hình thức tuyên truyền nào."),
    "assignments": lambda: _("Chưa phân công tổ chức thực hiện."),
    "recipients": lambda: _("Chưa có nơi nhận."),
}


def plan_problems(data: PlanData, *, issue_on: dt.date | None = None) -> dict[str, list[str]]:
    """Section key → messages. Empty dict: the plan may be submitted (and issued on `issue_on`)."""
    problems: dict[str, list[str]] = {}

    def add(key: str, message: str) -> None:
        problems.setdefault(key, []).append(message)

    for key, message in REQUIRED.items():
        value = data.get(key)
        if not (value.strip() if isinstance(value, str) else value):
            add(key, message())
    for i, assignment in enumerate(data.get("assignments", []), start=1):
        if not assignment["unit_label"].strip():
            add("assignments", _("Mục %(n)s chưa ghi đơn vị thực hiện.") % {"n": i})
        elif not (assignment["intro"].strip() or assignment["duties"]):
            add(
                "assignments",
                _("%(unit)s chưa có nhiệm vụ nào.") % {"unit": assignment["unit_label"]},
            )
    for problem in signer_problems(data.get("signer") or {}):
        add("signer", problem)
    plan_day = issue_on or (
        dt.date.fromisoformat(data["issued_on"]) if data.get("issued_on") else None
    )
    for basis in data.get("legal_bases", []):
        if not basis.get("issued_on"):
            continue
        basis_day = dt.date.fromisoformat(basis["issued_on"])
        if plan_day and basis_day > plan_day:
            add(
                "legal_bases",
                _("Văn bản căn cứ “%(doc)s” ban hành sau ngày của kế hoạch (%(day)s).")
                % {"doc": citation(basis)[:90], "day": plan_day.strftime("%d/%m/%Y")},
            )
        elif basis_day > dt.date.today():
            add(
                "legal_bases",
                _("Văn bản căn cứ “%(doc)s” có ngày ban hành trong tương lai.")
                % {"doc": citation(basis)[:90]},
            )
    return problems
