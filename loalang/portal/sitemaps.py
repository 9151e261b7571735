"""Per-commune sitemaps (django.contrib.sitemaps; paginated above 50,000 URLs)."""

from __future__ import annotations

from typing import Any

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from loalang.portal.models import Article, PublicEvent, PublishedDocument, Question
from loalang.provinces.hosts import clean_path


class _CommuneSitemap(Sitemap):
    def __init__(self, commune: Any, *, own_host: bool = False) -> None:
        self.commune = commune
        # On the commune's own host name (ADR 0121) its pages are listed without the slug.
        self.own_host = own_host

    def _path(self, path: str) -> str:
        return clean_path(path, self.commune.slug) if self.own_host else path


class ArticleSitemap(_CommuneSitemap):
    changefreq = "monthly"

    def items(self) -> Any:
        return (
            Article.objects.filter(commune=self.commune, status=Article.Status.PUBLISHED)
            .only("slug", "updated_at")
            .order_by("-published_at", "-id")
        )

    def location(self, item: Article) -> str:
        return self._path(reverse("portal:article", args=[self.commune.slug, item.slug]))

    def lastmod(self, item: Article) -> Any:
        return item.updated_at


class DocumentSitemap(_CommuneSitemap):
    def items(self) -> Any:
        return PublishedDocument.objects.filter(commune=self.commune, is_withdrawn=False).only(
            "pk", "updated_at"
        )

    def location(self, item: PublishedDocument) -> str:
        return self._path(reverse("portal:document", args=[self.commune.slug, item.pk]))


class EventSitemap(_CommuneSitemap):
    def items(self) -> Any:
        return PublicEvent.objects.filter(commune=self.commune, is_cancelled=False).only("pk")

    def location(self, item: PublicEvent) -> str:
        return self._path(reverse("portal:event", args=[self.commune.slug, item.pk]))


class QuestionSitemap(_CommuneSitemap):
    def items(self) -> Any:
        return Question.objects.filter(commune=self.commune, status=Question.Status.PUBLISHED).only(
            "pk"
        )

    def location(self, item: Question) -> str:
        return self._path(reverse("portal:question", args=[self.commune.slug, item.pk]))


class StaticSitemap(_CommuneSitemap):
    changefreq = "daily"

    def items(self) -> list[str]:
        return [
            "portal:home",
            "portal:articles",
            "portal:documents",
            "portal:events",
            "portal:questions",
            "portal:contact",
            "radio_public:index",
        ]

    def location(self, item: str) -> str:
        return self._path(reverse(item, args=[self.commune.slug]))


def commune_sitemaps(commune: Any, *, own_host: bool = False) -> dict[str, type[Sitemap] | Sitemap]:
    return {
        "pages": StaticSitemap(commune, own_host=own_host),
        "articles": ArticleSitemap(commune, own_host=own_host),
        "documents": DocumentSitemap(commune, own_host=own_host),
        "events": EventSitemap(commune, own_host=own_host),
        "questions": QuestionSitemap(commune, own_host=own_host),
    }
