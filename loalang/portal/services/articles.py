"""Articles: writing, the editorial workflow, revisions, scheduled publishing and expiry."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from loalang.core.audit import audit_log, snapshot
from loalang.core.schedule import enqueue_at
from loalang.core.text import fold
from loalang.portal import notify as portal_notify
from loalang.portal import pagecache
from loalang.portal.models import Article, ArticleRevision
from loalang.portal.richtext import clean_line, plain_text, sanitize

S = Article.Status
# Which status may follow which (ADR 0043). Publishing from draft is allowed: a one-person
# commune office is often writer and approver at once.
TRANSITIONS: dict[str, set[str]] = {
    S.DRAFT: {S.REVIEW, S.PUBLISHED, S.ARCHIVED},
    S.REVIEW: {S.DRAFT, S.PUBLISHED, S.ARCHIVED},
    S.PUBLISHED: {S.ARCHIVED, S.DRAFT},
    S.ARCHIVED: {S.DRAFT},
}


def article_search_text(article: Article, theme_names: Iterable[str] = ()) -> str:
    parts = [article.title, article.summary, plain_text(article.body), *theme_names]
    return fold(" ".join(parts))


def _unique_slug(commune: Any, title: str, exclude_pk: int | None = None) -> str:
    base = slugify(fold(title))[:100] or "bai-viet"
    slug, n = base, 2
    qs = Article.objects.filter(commune=commune)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    while qs.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


def _save_revision(article: Article, actor: Any) -> None:
    article.revision_count += 1
    Article.objects.filter(pk=article.pk).update(revision_count=article.revision_count)
    ArticleRevision.objects.create(
        article=article,
        number=article.revision_count,
        title=article.title,
        summary=article.summary,
        body=article.body,
        status=article.status,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )


def _validate_dates(publish_at: dt.datetime | None, expire_at: dt.datetime | None) -> None:
    if publish_at and expire_at and expire_at <= publish_at:
        raise ValidationError({"expire_at": _("Thời điểm hết hạn phải sau thời điểm đăng.")})


@transaction.atomic
def article_save(
    *,
    commune: Any,
    actor: Any,
    title: str,
    summary: str = "",
    body: str = "",
    themes: Iterable[Any] = (),
    cover: Any = None,
    is_featured: bool = False,
    publish_at: dt.datetime | None = None,
    expire_at: dt.datetime | None = None,
    article: Article | None = None,
) -> Article:
    """Create (article=None) or edit an article; every save adds a revision.

    The body is sanitised against the allow-list and the title stripped of markup before
    anything is stored. Editing a published article updates the public page at once.
    """
    _validate_dates(publish_at, expire_at)
    before = snapshot(article) if article else None
    if article is None:
        article = Article(
            commune=commune, author=actor if getattr(actor, "is_authenticated", False) else None
        )
    article.title = clean_line(title)
    if not article.title:
        raise ValidationError({"title": _("Tiêu đề không được để trống.")})
    if not article.slug:
        article.slug = _unique_slug(commune, article.title)
    article.summary = clean_line(summary)
    article.body = sanitize(body)
    if cover is not None and cover.commune_id != commune.pk:
        raise ValidationError({"cover": _("Ảnh không thuộc xã này.")})
    article.cover = cover
    article.is_featured = is_featured
    article.publish_at = publish_at
    article.expire_at = expire_at
    themes = list(themes)
    article.search_text = article_search_text(article, [t.short_name for t in themes])
    article.search_title = fold(article.title)[:300]
    article.full_clean()
    article.save()
    article.themes.set(themes)
    _save_revision(article, actor)
    audit_log(
        actor=actor,
        verb="article.updated" if before else "article.created",
        target=article,
        commune=article.commune,
        before=before,
    )
    if article.status == S.PUBLISHED:
        _after_publish(article, actor)
    return article


def _transition(article: Article, to: str, actor: Any, verb: str) -> tuple[Article, dict]:
    if to not in TRANSITIONS[article.status]:
        raise ValidationError(
            _("Không thể chuyển bài từ “%(a)s” sang “%(b)s”.")
            % {"a": article.get_status_display(), "b": S(to).label}
        )
    before = snapshot(article)
    article.status = to
    return article, before


@transaction.atomic
def article_submit(*, article: Article, actor: Any) -> Article:
    """Draft → in review."""
    article, before = _transition(article, S.REVIEW, actor, "article.submitted")
    article.full_clean()
    article.save()
    audit_log(
        actor=actor,
        verb="article.submitted",
        target=article,
        commune=article.commune,
        before=before,
    )
    portal_notify.article_submitted(article, actor)
    return article


@transaction.atomic
def article_return(*, article: Article, actor: Any, note: str = "") -> Article:
    """In review or published → draft (taken off the public site); the author is told, with
    `note` (what to fix)."""
    was_public = article.status == S.PUBLISHED
    article, before = _transition(article, S.DRAFT, actor, "article.returned")
    article.save()
    audit_log(
        actor=actor, verb="article.returned", target=article, commune=article.commune, before=before
    )
    portal_notify.article_reviewed(article, actor, "article.returned", note)
    if was_public:
        transaction.on_commit(lambda: pagecache.bump(article.commune))
    return article


@transaction.atomic
def article_publish(*, article: Article, actor: Any, now: dt.datetime | None = None) -> Article:
    """Publish now, or schedule when `publish_at` is in the future (the job worker publishes it).

    Publishing records the portal activity (themes from the article), idempotent per article,
    and invalidates every cached public page of the commune.
    """
    now = now or timezone.now()
    if article.publish_at and article.publish_at > now and article.status != S.PUBLISHED:
        if article.status == S.DRAFT:
            article, before = _transition(article, S.REVIEW, actor, "article.scheduled")
        else:
            before = snapshot(article)
        article.save()
        audit_log(
            actor=actor,
            verb="article.scheduled",
            target=article,
            commune=article.commune,
            before=before,
        )
        portal_notify.article_reviewed(article, actor, "article.scheduled")
        from loalang.portal.jobs import article_publish_due_job

        pk, when = article.pk, article.publish_at
        transaction.on_commit(lambda: enqueue_at(article_publish_due_job, when, pk))
        return article
    if article.status != S.PUBLISHED:
        article, before = _transition(article, S.PUBLISHED, actor, "article.published")
    else:
        before = snapshot(article)
    if article.published_at is None:
        article.published_at = now
    article.full_clean()
    article.save()
    audit_log(
        actor=actor,
        verb="article.published",
        target=article,
        commune=article.commune,
        before=before,
    )
    was_published = before.get("status") == S.PUBLISHED
    if not was_published and getattr(actor, "is_authenticated", False):  # not the timer
        portal_notify.article_reviewed(article, actor, "article.published")
    _after_publish(article, actor)
    return article


def _after_publish(article: Article, actor: Any) -> None:
    from loalang.activities.models import Activity
    from loalang.activities.services import activity_record_automatic

    themes = list(article.themes.all())
    plan = themes[0].plan if themes else None
    activity_record_automatic(
        commune=article.commune,
        kind=Activity.Kind.PORTAL_POST,
        source=article,
        title=article.title,
        held_on=timezone.localdate(article.published_at),
        themes=themes,
        plan=plan,
        description=article.summary,
        actor=actor,
    )
    commune = article.commune
    transaction.on_commit(lambda: pagecache.bump(commune))
    if article.expire_at:
        from loalang.portal.jobs import article_expire_due_job

        pk, when = article.pk, article.expire_at
        transaction.on_commit(lambda: enqueue_at(article_expire_due_job, when, pk))


@transaction.atomic
def article_archive(*, article: Article, actor: Any) -> Article:
    """Take an article off the public lists and pages; it stays for the record."""
    article, before = _transition(article, S.ARCHIVED, actor, "article.archived")
    article.save()
    audit_log(
        actor=actor, verb="article.archived", target=article, commune=article.commune, before=before
    )
    commune = article.commune
    transaction.on_commit(lambda: pagecache.bump(commune))
    return article


def article_publish_due(*, article_id: int, now: dt.datetime | None = None) -> bool:
    """Publish a scheduled article if its time has come. True when it was published."""
    now = now or timezone.now()
    with transaction.atomic():
        article = Article.objects.select_for_update().filter(pk=article_id).first()
        if (
            article is None
            or article.status != S.REVIEW
            or article.publish_at is None
            or article.publish_at > now
        ):
            return False
        article_publish(article=article, actor=None, now=now)
        return True


def article_expire_due(*, article_id: int, now: dt.datetime | None = None) -> bool:
    """Archive a published article whose expiry time has passed. True when it was archived."""
    now = now or timezone.now()
    with transaction.atomic():
        article = Article.objects.select_for_update().filter(pk=article_id).first()
        if article is None or article.status != S.PUBLISHED or not article.expire_at:
            return False
        if article.expire_at > now:
            return False
        article_archive(article=article, actor=None)
        return True


def article_to_radio(*, article: Article, message: Any, actor: Any) -> Any:
    """A draft radio bulletin reading `article` (its radio script from the one-message-every-
    channel text, `message`: a portal.channels.ArticleMessage), tagged with the article's themes
    and pointing back to it. It goes through the radio's own approval before it is broadcast."""
    from loalang.portal import channels
    from loalang.radio.services import bulletin_create_draft

    return bulletin_create_draft(
        commune=article.commune,
        title=article.title,
        script=channels.radio_script(message),
        actor=actor,
        themes=list(article.themes.all()),
        origin=article,
    )
