"""Writes to the budget: funding sources, estimate lines and their approval, spending.

The rule that matters: booking spending past a line's estimate needs an explicit override by
Finance with a reason; without one the service refuses (ADR 0031).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from loalang.activities.models import Activity
from loalang.budget.models import EstimateLine, FundingSource, Spending
from loalang.core.audit import audit_log, snapshot
from loalang.core.text import format_vnd as vnd


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


@transaction.atomic
def funding_source_create(
    *, plan: Any, actor: Any, kind: str, name: str, planned_vnd: int = 0, sort_order: int = 0
) -> FundingSource:
    source = FundingSource(
        plan=plan, kind=kind, name=name, planned_vnd=planned_vnd, sort_order=sort_order
    )
    source.full_clean()
    source.save()
    audit_log(
        actor=actor, verb="funding_source.created", target=source, commune=source.plan.commune
    )
    return source


@transaction.atomic
def funding_source_update(*, source: FundingSource, actor: Any, **fields: Any) -> FundingSource:
    allowed = {"kind", "name", "planned_vnd", "sort_order"}
    if set(fields) - allowed:
        raise TypeError(f"funding_source_update got {sorted(set(fields) - allowed)}")
    before = snapshot(source)
    for name, value in fields.items():
        setattr(source, name, value)
    source.full_clean()
    source.save()
    audit_log(
        actor=actor,
        verb="funding_source.updated",
        target=source,
        commune=source.plan.commune,
        before=before,
    )
    return source


@transaction.atomic
def estimate_line_propose(
    *, source: FundingSource, actor: Any, title: str, amount_vnd: int, description: str = ""
) -> EstimateLine:
    """Culture-Social proposes a line; it waits for the Chair's decision."""
    line = EstimateLine(
        funding_source=source,
        title=title,
        description=description,
        amount_vnd=amount_vnd,
        proposed_by=_user(actor),
        sort_order=source.estimate_lines.count(),
    )
    line.full_clean()
    line.save()
    audit_log(
        actor=actor,
        verb="estimate_line.proposed",
        target=line,
        commune=line.funding_source.plan.commune,
    )
    return line


@transaction.atomic
def estimate_line_update(*, line: EstimateLine, actor: Any, **fields: Any) -> EstimateLine:
    """Edit a proposed or returned line; it goes (back) to the Chair as a proposal."""
    allowed = {"title", "description", "amount_vnd"}
    if set(fields) - allowed:
        raise TypeError(f"estimate_line_update got {sorted(set(fields) - allowed)}")
    if line.status not in (EstimateLine.Status.PROPOSED, EstimateLine.Status.RETURNED):
        raise ValidationError(_("Dòng dự toán đã duyệt không sửa được; hãy đề xuất dòng mới."))
    before = snapshot(line)
    for name, value in fields.items():
        setattr(line, name, value)
    line.status = EstimateLine.Status.PROPOSED
    line.full_clean()
    line.save()
    audit_log(
        actor=actor,
        verb="estimate_line.updated",
        target=line,
        commune=line.funding_source.plan.commune,
        before=before,
    )
    return line


@transaction.atomic
def estimate_line_decide(
    *, line: EstimateLine, actor: Any, approve: bool, note: str = ""
) -> EstimateLine:
    """The Chair approves a proposed line, or returns it with a note saying why."""
    line = EstimateLine.objects.select_for_update().get(pk=line.pk)
    if line.status != EstimateLine.Status.PROPOSED:
        raise ValidationError(_("Chỉ duyệt được dòng dự toán đang chờ duyệt."))
    if not approve and not note.strip():
        raise ValidationError({"decision_note": _("Hãy ghi lý do trả lại.")})
    before = snapshot(line)
    line.status = EstimateLine.Status.APPROVED if approve else EstimateLine.Status.RETURNED
    line.decided_by = _user(actor)
    line.decided_at = timezone.now()
    line.decision_note = note.strip()
    line.full_clean()
    line.save()
    verb = "estimate_line.approved" if approve else "estimate_line.returned"
    audit_log(
        actor=actor, verb=verb, target=line, commune=line.funding_source.plan.commune, before=before
    )
    return line


@transaction.atomic
def estimate_line_record(*, line: EstimateLine, actor: Any, voucher_ref: str = "") -> EstimateLine:
    """Finance records an approved line in the books; spending can then be booked on it."""
    line = EstimateLine.objects.select_for_update().get(pk=line.pk)
    if line.status != EstimateLine.Status.APPROVED:
        raise ValidationError(_("Chỉ ghi sổ được dòng dự toán đã được Chủ tịch duyệt."))
    before = snapshot(line)
    line.status = EstimateLine.Status.RECORDED
    line.recorded_by = _user(actor)
    line.recorded_at = timezone.now()
    line.voucher_ref = voucher_ref.strip()
    line.full_clean()
    line.save()
    audit_log(
        actor=actor,
        verb="estimate_line.recorded",
        target=line,
        commune=line.funding_source.plan.commune,
        before=before,
    )
    return line


def line_spent_vnd(line: EstimateLine) -> int:
    """What counts as spent on the line: bookings whose activity is (still) verified."""
    total = line.spendings.filter(activity__status=Activity.Status.VERIFIED).aggregate(
        s=Sum("amount_vnd")
    )["s"]
    return int(total or 0)


@transaction.atomic
def spending_record(
    *,
    line: EstimateLine,
    activity: Activity,
    actor: Any,
    amount_vnd: int,
    spent_on: dt.date | None = None,
    override_reason: str = "",
) -> Spending:
    """Finance books part or all of a verified activity's cost against a recorded line.

    Refuses (ValidationError, nothing written) when: the line is not recorded; the activity
    is not verified, belongs to another commune or plan, or names another funding source;
    the amount exceeds what is left of the activity's cost; or the booking takes the line past
    its estimate and no override reason is given. With a reason the booking is saved as an
    override and audited as `spending.overridden`.
    """
    line = (
        EstimateLine.objects.select_for_update()
        .select_related("funding_source__plan")
        .get(pk=line.pk)
    )
    plan = line.funding_source.plan
    errors: dict[str, Any] = {}
    if line.status != EstimateLine.Status.RECORDED:
        errors["line"] = _("Dòng dự toán chưa được ghi sổ nên chưa chi được.")
    if activity.commune_id != plan.commune_id:
        errors["activity"] = _("Hoạt động không thuộc xã này.")
    elif activity.status != Activity.Status.VERIFIED:
        errors["activity"] = _("Chỉ ghi chi cho hoạt động đã được xác nhận.")
    elif activity.plan_id not in (None, plan.pk):
        errors["activity"] = _("Hoạt động thuộc kế hoạch khác.")
    elif activity.funding_source_id not in (None, line.funding_source_id):
        errors["activity"] = _("Hoạt động ghi nguồn kinh phí khác với dòng dự toán này.")
    if amount_vnd <= 0:
        errors["amount_vnd"] = _("Số tiền phải lớn hơn 0.")
    if errors:
        raise ValidationError(errors)
    booked = int(activity.spendings.aggregate(s=Sum("amount_vnd"))["s"] or 0)
    if booked + amount_vnd > activity.cost_vnd:
        raise ValidationError(
            {
                "amount_vnd": _("Hoạt động chỉ còn %(left)s chưa ghi chi (kinh phí %(cost)s).")
                % {"left": vnd(activity.cost_vnd - booked), "cost": vnd(activity.cost_vnd)}
            }
        )
    spent = line_spent_vnd(line)
    over_by = spent + amount_vnd - line.amount_vnd
    reason = override_reason.strip()
    if over_by > 0 and not reason:
        raise ValidationError(
            {
                "override_reason": _(
                    "Khoản chi này vượt dự toán %(over)s. Cần ghi lý do chi vượt để tiếp tục."
                )
                % {"over": vnd(over_by)}
            }
        )
    spending = Spending(
        line=line,
        activity=activity,
        amount_vnd=amount_vnd,
        spent_on=spent_on or activity.held_on,
        is_override=over_by > 0,
        override_reason=reason if over_by > 0 else "",
        recorded_by=_user(actor),
    )
    spending.full_clean()
    spending.save()
    verb = "spending.overridden" if spending.is_override else "spending.recorded"
    audit_log(actor=actor, verb=verb, target=spending, commune=plan.commune)
    return spending


@transaction.atomic
def spending_delete(*, spending: Spending, actor: Any) -> None:
    commune = spending.line.funding_source.plan.commune
    audit_log(
        actor=actor,
        verb="spending.deleted",
        target=spending,
        before=snapshot(spending),
        commune=commune,
    )
    spending.delete()
