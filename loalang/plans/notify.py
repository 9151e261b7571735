"""Who is told when a plan moves: submitted → the approvers; approved, returned, issued → the
person who submitted it, with the approver's comment (notifications.notify_users)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from loalang.accounts.access import Cap, members_with
from loalang.core.audit import last_actor
from loalang.notifications.services import note_suffix, notify_users
from loalang.plans.models import Plan


def _url(plan: Plan) -> str:
    return reverse("plans:detail", kwargs={"commune_slug": plan.commune.slug, "pk": plan.pk})


def plan_submitted(plan: Plan, actor: Any) -> None:
    notify_users(
        users=members_with(plan.commune, Cap.APPROVE),
        commune=plan.commune,
        message=_("%(actor)s trình duyệt kế hoạch «%(title)s»: chờ anh/chị duyệt."),
        params={"actor": actor, "title": plan.title},
        url=_url(plan),
        exclude=actor,
    )


def plan_reviewed(plan: Plan, actor: Any, verb: str) -> None:
    """`verb` is the audit verb just written: plan.approved, plan.returned or plan.issued."""
    messages = {
        "plan.approved": _("Kế hoạch «%(title)s» đã được %(actor)s duyệt.%(note)s"),
        "plan.returned": _("Kế hoạch «%(title)s» bị %(actor)s trả lại để sửa.%(note)s"),
        "plan.issued": _("Kế hoạch «%(title)s» đã ban hành, số %(number)s/%(symbol)s."),
    }
    notify_users(
        users=[last_actor(plan, "plan.submitted")],
        commune=plan.commune,
        message=messages[verb],
        params={
            "title": plan.title,
            "actor": actor,
            "note": note_suffix(plan.review_note),
            "number": plan.number,
            "symbol": plan.symbol,
        },
        url=_url(plan),
        exclude=actor,
    )
