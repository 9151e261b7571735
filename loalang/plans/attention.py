"""Home-page "needs attention" items for plans."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from loalang.core.nav import Attention
from loalang.plans.models import Plan


def attention_items(commune: Any, scope: Any) -> list[Attention]:
    """Plans waiting for the approver; approved plans not yet issued; for the drafters, plans
    returned to them and a year that has no plan yet (from October on, next year's)."""
    items: list[Attention] = []
    counts = {
        status: Plan.objects.filter(commune=commune, status=status).count()
        for status in (Plan.Status.SUBMITTED, Plan.Status.APPROVED)
    }
    url = reverse("plans:list", kwargs={"commune_slug": commune.slug})
    if scope.can("approve") and counts[Plan.Status.SUBMITTED]:
        items.append(
            Attention(
                text=_("%(n)s kế hoạch đang chờ duyệt.") % {"n": counts[Plan.Status.SUBMITTED]},
                url=url,
                level="warning",
            )
        )
    if scope.can("approve") and counts[Plan.Status.APPROVED]:
        items.append(
            Attention(
                text=_("%(n)s kế hoạch đã duyệt, chưa ban hành.")
                % {"n": counts[Plan.Status.APPROVED]},
                url=url,
            )
        )
    if scope.can("edit_plan"):
        returned = Plan.objects.filter(commune=commune, status=Plan.Status.DRAFT).exclude(
            review_note=""
        )
        for plan in returned.only("pk", "title")[:5]:
            items.append(
                Attention(
                    text=_("Kế hoạch «%(title)s» bị trả lại, cần sửa và trình lại.")
                    % {"title": plan.title},
                    url=reverse(
                        "plans:detail", kwargs={"commune_slug": commune.slug, "pk": plan.pk}
                    ),
                    level="warning",
                )
            )
        today = dt.date.today()
        year = today.year + 1 if today.month >= 10 else today.year
        if not Plan.objects.filter(commune=commune, year=year).exists():
            items.append(
                Attention(
                    text=_("Chưa có kế hoạch truyền thông năm %(y)s.") % {"y": year},
                    url=reverse("plans:create", kwargs={"commune_slug": commune.slug}),
                )
            )
    return items
