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
    if scope.user_id:
        items.extend(_returned_to_author(commune, scope.user_id))
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


def _returned_to_author(commune: Any, user_id: int) -> list[Attention]:
    """The reader's own drafts that an editor sent back (until they submit them again)."""
    from loalang.core.models import AuditEntry

    drafts = dict(
        Article.objects.filter(
            commune=commune, status=Article.Status.DRAFT, author_id=user_id
        ).values_list("pk", "title")[:50]
    )
    if not drafts:
        return []
    returned = set(
        AuditEntry.objects.filter(
            target_type="portal.article",
            target_id__in=[str(pk) for pk in drafts],
            verb="article.returned",
        ).values_list("target_id", flat=True)
    )
    return [
        Attention(
            text=_("Bài «%(title)s» được chuyển về bản nháp để sửa, cần sửa và gửi duyệt lại.")
            % {"title": title},
            url=reverse("portal_staff:article_edit", args=[commune.slug, pk]),
            level="warning",
        )
        for pk, title in drafts.items()
        if str(pk) in returned
    ][:5]
