"""Home-page "needs attention" items for reports: what waits for the Chair, what came back to
its author."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from loalang.core.nav import Attention, NavLink
from loalang.reports.models import Report


def attention_items(commune: Any, scope: Any) -> list[Attention]:
    items: list[Attention] = []
    if scope.can("approve"):
        waiting = Report.objects.filter(commune=commune, status=Report.Status.SUBMITTED).count()
        if waiting:
            items.append(
                Attention(
                    _("%(n)s báo cáo đang chờ anh/chị duyệt, ban hành.") % {"n": waiting},
                    reverse("reports:index", kwargs={"commune_slug": commune.slug}),
                    "warning",
                )
            )
    if scope.can("report") and scope.user_id:
        returned = list(
            Report.objects.filter(
                commune=commune,
                status=Report.Status.DRAFT,
                created_by_id=scope.user_id,
            )
            .exclude(review_note="")
            .only("pk", "title")[:5]
        )
        for report in returned:
            items.append(
                Attention(
                    _("Báo cáo «%(title)s» bị trả lại, cần sửa và trình lại.")
                    % {"title": report.title},
                    reverse(
                        "reports:detail", kwargs={"commune_slug": commune.slug, "pk": report.pk}
                    ),
                    "warning",
                )
            )
    return items


def province_link(commune: Any, scope: Any) -> list[NavLink]:
    """A province viewer reads a commune from the roll-up: the way back is in every menu."""
    if not {"province_viewer", "province_admin"} & scope.roles or commune.province_id is None:
        return []
    url = reverse("province:rollup", kwargs={"province_slug": commune.province.slug})
    return [NavLink(url, str(_("Tổng hợp tỉnh")), "province:rollup", "report")]
