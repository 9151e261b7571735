"""Reads of the portal, always scoped by commune."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Case, Exists, OuterRef, Q, QuerySet, Value, When
from django.shortcuts import get_object_or_404
from django.utils import timezone

from loalang.core.text import fold
from loalang.portal.models import Article, PortalProfile, PublicEvent, PublishedDocument, Question

LIST_FIELDS = (
    "id",
    "commune_id",
    "title",
    "slug",
    "summary",
    "published_at",
    "is_featured",
    "cover",
)


def _public_articles(commune: Any) -> QuerySet[Article]:
    now = timezone.now()
    return Article.objects.filter(commune=commune, status=Article.Status.PUBLISHED).filter(
        Q(expire_at__isnull=True) | Q(expire_at__gt=now)
    )


def _list_columns(qs: QuerySet[Article]) -> QuerySet[Article]:
    return qs.select_related("cover").only(
        *LIST_FIELDS,
        *(f"cover__{f}" for f in ("id", "alt_text", "renditions", "original", "width", "height")),
    )


def article_list_public(*, commune: Any, theme_id: int | None = None) -> QuerySet[Article]:
    """Published, unexpired articles, newest first, with their cover picture."""
    qs = _public_articles(commune)
    if theme_id is not None:
        qs = qs.filter(themes__id=theme_id)
    return _list_columns(qs).order_by("-published_at", "-id")


def article_list_featured(*, commune: Any, limit: int = 3) -> list[Article]:
    """The latest published pilot-model articles. `is_featured IN (true)` rather than a bare
    boolean column, so SQLite can use the `article_featured` index instead of scanning."""
    return list(article_list_public(commune=commune).filter(is_featured__in=[True])[:limit])


def article_get_public(*, commune: Any, slug: str) -> Article:
    """The article with its cover; its commune is the one given (no second copy of the
    commune's columns in the query). Themes are read by the caller in one plain query: a
    prefetch costs more Python than the query itself (issue 20)."""
    article = get_object_or_404(_public_articles(commune).select_related("cover"), slug=slug)
    article.commune = commune
    return article


def _terms(query: str) -> list[str]:
    return [t for t in fold(query).split() if t][:8]


def article_search(*, commune: Any, query: str) -> QuerySet[Article]:
    """Accent-insensitive: every word of the folded query must occur in the folded text.

    Ranked by relevance, then newest first: the whole query in the title counts most, then
    each word found in the title; an article that only mentions the words in passing comes
    after those that are about them."""
    qs = article_list_public(commune=commune)
    terms = _terms(query)
    if not terms:
        return qs.none()
    for term in terms:
        qs = qs.filter(search_text__contains=term)
    phrase = " ".join(terms)
    score: Any = Case(When(search_title__contains=phrase, then=Value(len(terms) * 3)), default=0)
    for term in terms:
        score = score + Case(When(search_title__contains=term, then=Value(2)), default=0)
    return qs.annotate(relevance=score).order_by("-relevance", "-published_at", "-id")


def question_search(*, commune: Any, query: str) -> QuerySet[Question]:
    qs = question_list_public(commune=commune)
    terms = _terms(query)
    if not terms:
        return qs.none()
    for term in terms:
        qs = qs.filter(search_text__contains=term)
    return qs


def theme_list_public(*, commune: Any) -> list[Any]:
    """The commune's plan themes that at least one published article carries.

    One EXISTS probe per theme (stops at the first article), not a DISTINCT over every
    article-theme link: with 100,000 articles that is the difference between ~1 ms and
    hundreds of milliseconds on a cache miss.
    """
    from loalang.plans.models import PlanTheme

    links = Article.themes.through.objects.filter(
        plantheme_id=OuterRef("pk"),
        article__commune=commune,
        article__status=Article.Status.PUBLISHED,
    )
    return list(
        PlanTheme.objects.filter(plan__commune=commune)
        .filter(Exists(links))
        .order_by("sort_order", "letter")
    )


def theme_articles(
    *, commune: Any, window: int = 300, per_theme: int = 3, max_themes: int = 6
) -> list[tuple[Any, list[Article]]]:
    """News by theme for the home page: the themes of the latest `window` published articles,
    most recent first, with up to `per_theme` articles each.

    Four bounded, index-driven queries whatever the archive size (ADR 0041): the latest ids,
    their theme links, those articles, those themes.
    """
    from loalang.plans.models import PlanTheme

    ids = list(article_list_public(commune=commune).values_list("id", flat=True)[:window])
    if not ids:
        return []
    rank = {pk: i for i, pk in enumerate(ids)}
    links = sorted(
        Article.themes.through.objects.filter(article_id__in=ids).values_list(
            "article_id", "plantheme_id"
        ),
        key=lambda link: rank[link[0]],
    )
    chosen: dict[int, list[int]] = {}
    for article_id, theme_id in links:
        if theme_id not in chosen:
            if len(chosen) >= max_themes:
                continue
            chosen[theme_id] = []
        if len(chosen[theme_id]) < per_theme:
            chosen[theme_id].append(article_id)
    wanted = {pk for pks in chosen.values() for pk in pks}
    # By primary key, unordered (the order is `rank`'s): the ids were just read as public. With
    # the public filters and the newest-first order again, SQLite walked the commune's whole
    # `article_public` index to find these few rows (~10 ms at 100,000 articles, issue 20).
    articles = {
        a.pk: a
        for a in _list_columns(Article.objects.filter(commune=commune, pk__in=wanted)).order_by()
    }
    themes = {t.pk: t for t in PlanTheme.objects.filter(pk__in=chosen)}
    return [(themes[t], [articles[a] for a in pks]) for t, pks in chosen.items() if t in themes]


def document_list_public(*, commune: Any) -> QuerySet[PublishedDocument]:
    return PublishedDocument.objects.filter(commune=commune, is_withdrawn=False).order_by(
        "-issued_on", "-id"
    )


def event_list_upcoming(*, commune: Any, now: dt.datetime | None = None) -> QuerySet[PublicEvent]:
    now = now or timezone.now()
    return (
        PublicEvent.objects.filter(commune=commune, is_cancelled=False)
        .filter(
            Q(ends_at__gte=now)
            | Q(ends_at__isnull=True, starts_at__gte=now - dt.timedelta(hours=6))
        )
        .prefetch_related("themes")
        .order_by("starts_at")
    )


def event_list_feed(*, commune: Any) -> QuerySet[PublicEvent]:
    """Events for the ICS feed: the last 90 days and everything ahead (cancelled ones too,
    so calendars that imported them learn of the cancellation)."""
    since = timezone.now() - dt.timedelta(days=90)
    return PublicEvent.objects.filter(commune=commune, starts_at__gte=since).order_by("starts_at")


def question_list_public(*, commune: Any) -> QuerySet[Question]:
    return Question.objects.filter(commune=commune, status=Question.Status.PUBLISHED).order_by(
        "-published_at", "-id"
    )


def question_list_staff(*, commune: Any, status: str = "") -> QuerySet[Question]:
    qs = Question.objects.filter(commune=commune).select_related("assigned_to")
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-created_at", "-id")


def article_list_staff(*, commune: Any, status: str = "") -> QuerySet[Article]:
    qs = Article.objects.filter(commune=commune).select_related("author")
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-updated_at", "-id")


def profile_get(*, commune: Any) -> PortalProfile:
    return PortalProfile.objects.filter(commune=commune).first() or PortalProfile(commune=commune)


def commendations_public(*, commune: Any, limit: int = 4) -> list[Any]:
    """Commendations from the commendations app when it offers a public list; else none."""
    try:
        from loalang.commendations.selectors import commendation_list_public
    except ImportError:
        return []
    return list(commendation_list_public(commune=commune, limit=limit))


def bulletins_public(*, commune: Any, limit: int = 3) -> list[Any]:
    try:
        from loalang.radio.selectors import bulletin_list_public
    except ImportError:
        return []
    return list(bulletin_list_public(commune=commune, limit=limit))
