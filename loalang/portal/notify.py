"""Who is told when portal work moves: an article submitted → the editors who may publish it;
published or returned → its author, with the comment; a citizen's question → the officers who
answer questions."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from loalang.accounts.access import Cap, members_with
from loalang.notifications.services import note_suffix, notify_users
from loalang.portal.models import Article, Question


def _article_url(article: Article) -> str:
    return reverse(
        "portal_staff:article_edit",
        kwargs={"commune_slug": article.commune.slug, "pk": article.pk},
    )


def article_submitted(article: Article, actor: Any) -> None:
    notify_users(
        users=members_with(article.commune, Cap.EDIT_PORTAL),
        commune=article.commune,
        message=_("%(actor)s gửi bài «%(title)s»: chờ duyệt đăng."),
        params={"actor": actor, "title": article.title},
        url=_article_url(article),
        exclude=actor,
    )


def article_reviewed(article: Article, actor: Any, verb: str, note: str = "") -> None:
    messages = {
        "article.published": _("Bài «%(title)s» đã được %(actor)s duyệt đăng.%(note)s"),
        "article.scheduled": _("Bài «%(title)s» đã được %(actor)s duyệt, hẹn giờ đăng.%(note)s"),
        "article.returned": _("Bài «%(title)s» bị %(actor)s chuyển về bản nháp để sửa.%(note)s"),
    }
    notify_users(
        users=[article.author],
        commune=article.commune,
        message=messages[verb],
        params={"title": article.title, "actor": actor or "", "note": note_suffix(note)},
        url=_article_url(article),
        exclude=actor,
    )


def question_waiting(question: Question) -> None:
    notify_users(
        users=members_with(question.commune, Cap.EDIT_PORTAL),
        commune=question.commune,
        message=_("Người dân gửi câu hỏi «%(subject)s»: chờ trả lời."),
        params={"subject": question.subject[:120]},
        url=reverse(
            "portal_staff:question",
            kwargs={"commune_slug": question.commune.slug, "pk": question.pk},
        ),
    )
