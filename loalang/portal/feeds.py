"""RSS/Atom feeds, the JSON export and the ICS calendar of a commune's public section."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from loalang.places.models import Commune
from loalang.portal.models import Article, PublicEvent
from loalang.portal.selectors import article_list_public
from loalang.provinces.hosts import clean_path, on_own_host

FEED_SIZE = 30


class ArticleRssFeed(Feed):
    own_host = False  # set per request: links without the slug on the commune's own host
    request_path = ""

    def get_object(self, request: Any, commune_slug: str) -> Commune:
        self.own_host = on_own_host(request, commune_slug)
        self.request_path = request.path
        return get_object_or_404(Commune, slug=commune_slug, is_active=True)

    def feed_url(self, obj: Commune) -> str:
        return self._path(self.request_path, obj.slug)

    def _path(self, path: str, slug: str) -> str:
        return clean_path(path, slug) if self.own_host else path

    def title(self, obj: Commune) -> str:
        return f"Chuyển đổi số – {obj.full_name}"

    def link(self, obj: Commune) -> str:
        return self._path(reverse("portal:home", kwargs={"commune_slug": obj.slug}), obj.slug)

    def description(self, obj: Commune) -> str:
        return f"Tin, bài về chuyển đổi số của {obj.full_name}"

    def items(self, obj: Commune) -> list[Article]:
        items = list(article_list_public(commune=obj)[:FEED_SIZE])
        for item in items:
            item.commune = obj  # known already: no query per item
        return items

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        return item.summary

    def item_link(self, item: Article) -> str:
        path = reverse(
            "portal:article", kwargs={"commune_slug": item.commune.slug, "slug": item.slug}
        )
        return self._path(path, item.commune.slug)

    def item_pubdate(self, item: Article) -> dt.datetime | None:
        return item.published_at


class ArticleAtomFeed(ArticleRssFeed):
    feed_type = Atom1Feed
    subtitle = ArticleRssFeed.description


def _ics_escape(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r", "")
        .replace("\n", "\\n")
    )


def _ics_fold(line: str) -> str:
    """RFC 5545: lines longer than 75 octets continue on the next line after a space."""
    data = line.encode()
    if len(data) <= 75:
        return line
    parts: list[str] = []
    current = b""
    for ch in line:
        enc = ch.encode()
        if len(current) + len(enc) > (75 if not parts else 74):
            parts.append(current.decode())
            current = b""
        current += enc
    parts.append(current.decode())
    return "\r\n ".join(parts)


def _utc(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def ics_calendar(
    *,
    commune: Commune,
    events: list[PublicEvent],
    host: str,
    url_of: Callable[[PublicEvent], str],
) -> str:
    """An iCalendar file (RFC 5545) of the commune's public events; times in UTC. Each
    event's URL is its own public page (`url_of(event)`)."""
    now = _utc(timezone.now())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Loa Lang//Cong thong tin//VI",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_ics_escape('Sự kiện chuyển đổi số – ' + commune.full_name)}",
        "X-WR-TIMEZONE:Asia/Ho_Chi_Minh",
    ]
    for ev in events:
        end = ev.ends_at or ev.starts_at + dt.timedelta(hours=2)
        lines += [
            "BEGIN:VEVENT",
            f"UID:portal-event-{ev.pk}@{host}",
            f"DTSTAMP:{now}",
            f"LAST-MODIFIED:{_utc(ev.updated_at)}",
            f"DTSTART:{_utc(ev.starts_at)}",
            f"DTEND:{_utc(end)}",
            f"SUMMARY:{_ics_escape(ev.title)}",
            f"LOCATION:{_ics_escape(ev.place)}",
            f"DESCRIPTION:{_ics_escape(ev.description)}",
            f"URL:{url_of(ev)}",
            f"STATUS:{'CANCELLED' if ev.is_cancelled else 'CONFIRMED'}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_ics_fold(line) for line in lines) + "\r\n"
