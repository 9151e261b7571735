"""Public outputs that real clients read well (issue 14 item 7): link previews (Open Graph)
on every public page, the radio page and events in the sitemap, each calendar entry pointing
at its own event, feeds that feedparser and icalendar accept."""

from __future__ import annotations

import datetime as dt
import re

import feedparser
import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from loalang.portal.models import PublicEvent
from loalang.portal.tests.factories import published_article

pytestmark = pytest.mark.django_db
OG = re.compile(r'<meta property="og:(title|description|image)" content="([^"]*)"')


def _event(commune, title="Hội nghị chuyển đổi số", **kw):
    return PublicEvent.objects.create(
        commune=commune,
        title=title,
        starts_at=timezone.now() + dt.timedelta(days=3),
        place="Nhà văn hóa xã",
        description="Hướng dẫn bà con cài VNeID.",
        **kw,
    )


def _og(html: str) -> dict[str, str]:
    return dict(OG.findall(html))


def test_every_public_page_has_og_title_description_and_absolute_image(client, commune):
    article = published_article(commune)
    event = _event(commune)
    pages = {
        "home": reverse("portal:home", args=[commune.slug]),
        "article": article.get_absolute_url(),
        "event": reverse("portal:event", args=[commune.slug, event.pk]),
        "radio": reverse("radio_public:index", args=[commune.slug]),
        "events": reverse("portal:events", args=[commune.slug]),
    }
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, name
        og = _og(response.content.decode())
        assert set(og) == {"title", "description", "image"}, name
        assert all(og.values()), name
        assert og["image"].startswith("http://testserver/"), name
        assert client.get(og["image"].removeprefix("http://testserver")).status_code == 200
    assert _og(client.get(pages["article"]).content.decode())["title"] == article.title
    assert _og(client.get(pages["event"]).content.decode())["title"] == event.title


def test_sitemap_lists_the_radio_page_and_each_event(client, commune):
    event = _event(commune)
    index = client.get(reverse("portal:sitemap", args=[commune.slug]))
    body = index.content.decode()
    locs = re.findall(r"<loc>([^<]+)</loc>", body)
    if "sitemapindex" in body:  # an index: read its parts
        locs = [
            loc
            for part in locs
            for loc in re.findall(
                r"<loc>([^<]+)</loc>",
                client.get(part.removeprefix("http://testserver")).content.decode(),
            )
        ]
    assert f"http://testserver/{commune.slug}/dai/" in locs
    assert "http://testserver" + reverse("portal:event", args=[commune.slug, event.pk]) in locs


def test_each_calendar_event_links_to_its_own_page(client, commune):
    first, second = _event(commune, "Hội nghị"), _event(commune, "Ngày hội số")
    response = client.get(reverse("portal:events_ics", args=[commune.slug]))
    calendar = icalendar.Calendar.from_ical(response.content)
    urls = {str(ev["SUMMARY"]): str(ev["URL"]) for ev in calendar.walk("VEVENT")}
    assert urls == {
        ev.title: "http://testserver" + reverse("portal:event", args=[commune.slug, ev.pk])
        for ev in (first, second)
    }
    for url in urls.values():
        page = client.get(url.removeprefix("http://testserver"))
        assert page.status_code == 200


def test_cancelled_event_page_still_answers_for_calendars_that_imported_it(client, commune):
    event = _event(commune, is_cancelled=True)
    page = client.get(reverse("portal:event", args=[commune.slug, event.pk]))
    assert page.status_code == 200 and "Sự kiện đã huỷ." in page.content.decode()


def test_feeds_parse_cleanly_in_feedparser(client, commune):
    from loalang.radio.tests.helpers import aired_bulletin

    published_article(commune)
    aired_bulletin(commune, title="Lịch tiêm chủng")
    for name in ("portal:rss", "portal:atom", "radio_public:feed"):
        body = client.get(reverse(name, args=[commune.slug])).content
        parsed = feedparser.parse(body)
        assert not parsed.bozo, (name, parsed.get("bozo_exception"))
        assert parsed.feed.get("title") and len(parsed.entries) == 1, name
        for entry in parsed.entries:
            assert entry.get("link", "").startswith("http"), name
