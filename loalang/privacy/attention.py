"""Home-page "needs attention" items: incidents whose authority notice is still due."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from loalang.core.nav import Attention
from loalang.privacy.deadline import State
from loalang.privacy.selectors import incident_list_unnotified


def attention_items(commune: Any, scope: Any) -> list[Attention]:
    """One item per open incident not yet notified to the authority, with the time left."""
    if not scope.can("privacy"):
        return []
    items = []
    now = timezone.now()
    for incident, deadline in incident_list_unnotified(commune=commune, now=now):
        due = timezone.localtime(deadline.due_at).strftime("%H:%M %d/%m/%Y")
        if deadline.state == State.OVERDUE:
            text = _("Sự cố dữ liệu cá nhân “%(t)s”: quá hạn thông báo (hạn %(due)s).")
            level = "danger"
        else:
            text = _(
                "Sự cố dữ liệu cá nhân “%(t)s”: còn %(h)s giờ để thông báo cho cơ quan "
                "chuyên trách (hạn %(due)s)."
            )
            level = "danger" if deadline.state == State.DUE_SOON else "warning"
        url = reverse("privacy:detail", kwargs={"commune_slug": commune.slug, "pk": incident.pk})
        items.append(
            Attention(
                text=text % {"t": incident.title, "h": deadline.hours_left, "due": due},
                url=url,
                level=level,
            )
        )
    return items
