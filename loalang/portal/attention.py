from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from loalang.core.nav import Attention
from loalang.portal.models import Article, Question


def attention_items(commune: Any, scope: Any) -> list[Attention]:
    """New citizen questions and articles waiting for review, for editors only."""
    if not scope.can("edit_portal"):
        return []
    items = []
    new = Question.objects.filter(commune=commune, status=Question.Status.NEW).count()
    if new:
        items.append(
            Attention(
                text=_("%(n)s câu hỏi mới của người dân chưa có người trả lời.") % {"n": new},
                url=reverse("portal_staff:questions", args=[commune.slug]) + "?trang_thai=new",
                level="warning",
            )
        )
    waiting = Article.objects.filter(
        commune=commune, status=Article.Status.REVIEW, publish_at__isnull=True
    ).count()
    if waiting:
        items.append(
            Attention(
                text=_("%(n)s bài viết đang chờ duyệt.") % {"n": waiting},
                url=reverse("portal_staff:articles", args=[commune.slug]) + "?trang_thai=review",
            )
        )
    return items
