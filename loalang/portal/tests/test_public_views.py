import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from loalang.portal.services import article_archive, event_save, profile_update
from loalang.portal.tests.factories import plan_theme, published_article


def url(name, commune, *args):
    return reverse(f"portal:{name}", args=[commune.slug, *args])


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name",
    [
        "home",
        "articles",
        "search",
        "documents",
        "events",
        "questions",
        "ask",
        "contact",
        "rss",
        "atom",
        "json",
        "banner_frame",
        "banner_js",
        "banner_svg",
        "sitemap",
        "events_ics",
    ],
)
def test_public_pages_open_for_anyone_and_404_for_unknown_commune(client, commune, name):
    assert client.get(url(name, commune)).status_code == 200
    assert client.get(reverse(f"portal:{name}", args=["khong-co-xa-nay"])).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["home", "articles", "search", "contact", "json"])
def test_public_pages_refuse_post(client, commune, name):
    assert client.post(url(name, commune)).status_code == 405


@pytest.mark.django_db
def test_article_page_has_open_graph_share_links_and_stays_small(client, commune, culture_user):
    a = published_article(commune, culture_user, title="Bản Khằm học VNeID")
    response = client.get(a.get_absolute_url())
    html = response.content.decode()
    assert '<meta property="og:title" content="Bản Khằm học VNeID">' in html
    assert 'property="og:url" content="http://testserver/' in html
    assert "facebook.com/sharer" in html
    assert url("article_print", commune, a.slug) in html
    # The whole page before images: HTML plus every stylesheet and script it loads.
    from django.contrib.staticfiles import finders

    assets = re.findall(r'(?:href|src)="/static/([^"]+\.(?:css|js))"', html)
    assert assets, "the page should load its stylesheet and script"
    weight = len(response.content) + sum(Path(finders.find(a)).stat().st_size for a in assets)
    assert weight < 100 * 1024


@pytest.mark.django_db
def test_draft_and_other_communes_articles_are_not_public(
    client, commune, other_commune, culture_user
):
    from loalang.portal.services import article_save

    draft = article_save(commune=commune, actor=culture_user, title="Nháp")
    assert client.get(url("article", commune, draft.slug)).status_code == 404
    a = published_article(other_commune, None, title="Nơi khác")
    assert client.get(url("article", commune, a.slug)).status_code == 404


@pytest.mark.django_db
def test_cached_home_is_invalidated_when_an_article_is_published_or_archived(
    client, commune, culture_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = published_article(commune, culture_user, title="Tin thứ nhất")
    assert "Tin thứ nhất" in client.get(url("home", commune)).content.decode()
    hit = client.get(url("articles", commune))
    hit = client.get(url("articles", commune))
    assert hit["X-Portal-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        published_article(commune, culture_user, title="Tin thứ hai")
    assert "Tin thứ hai" in client.get(url("home", commune)).content.decode()
    assert "Tin thứ hai" in client.get(url("articles", commune)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        article_archive(article=first, actor=culture_user)
    assert "Tin thứ nhất" not in client.get(url("articles", commune)).content.decode()
    assert client.get(first.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_news_by_theme(client, commune, culture_user):
    theme = plan_theme(commune, name="Kinh tế số")
    published_article(commune, culture_user, title="Có chủ đề", themes=[theme])
    published_article(commune, culture_user, title="Không chủ đề")
    html = client.get(url("theme", commune, theme.pk)).content.decode()
    assert "Có chủ đề" in html and "Không chủ đề" not in html
    assert "Kinh tế số" in client.get(url("home", commune)).content.decode()


@pytest.mark.django_db
def test_ics_feed_lists_events_in_utc(client, commune, culture_user):
    start = timezone.make_aware(dt.datetime(2031, 3, 5, 8, 0))  # Vietnam time
    event_save(
        commune=commune,
        actor=culture_user,
        title="Ngày hội, chuyển đổi số",
        starts_at=start,
        place="Nhà văn hoá",
    )
    body = client.get(url("events_ics", commune)).content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\n")
    assert "DTSTART:20310305T010000Z" in body
    assert "SUMMARY:Ngày hội\\, chuyển đổi số" in body
    assert "Ngày hội" in client.get(url("events", commune)).content.decode()


JSON_FEED_ITEM_KEYS = {
    "id", "url", "external_url", "title", "content_html", "content_text", "summary", "image",
    "banner_image", "date_published", "date_modified", "authors", "tags", "language",
    "attachments",
}  # fmt: skip


@pytest.mark.django_db
def test_feeds_and_json_export(client, commune, culture_user):
    a = published_article(commune, culture_user, title="Tin cho tỉnh")
    rss = ET.fromstring(client.get(url("rss", commune)).content)  # noqa: S314 - our own feed
    assert rss.find("channel/item/title").text == "Tin cho tỉnh"
    atom = client.get(url("atom", commune)).content.decode()
    assert "Tin cho tỉnh" in atom and "http://www.w3.org/2005/Atom" in atom
    response = client.get(url("json", commune))
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Content-Type"].startswith("application/feed+json")
    data = json.loads(response.content)
    # A valid JSON Feed 1.1: version, title, items with a string id and a url.
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert data["title"] and data["home_page_url"].startswith("http")
    assert data["feed_url"].endswith("/tin.json")
    item = data["items"][0]
    assert isinstance(item["id"], str) and item["url"].endswith(a.get_absolute_url())
    assert item["title"] == "Tin cho tỉnh" and "date_published" in item
    assert all(k.startswith("_") or k in JSON_FEED_ITEM_KEYS for k in item)


@pytest.mark.django_db
def test_banner_frame_may_be_embedded_but_other_pages_may_not(client, commune, culture_user):
    published_article(commune, culture_user, title="Tiêu đề trong banner")
    frame = client.get(url("banner_frame", commune))
    assert "frame-ancestors *" in frame["Content-Security-Policy"]
    assert "X-Frame-Options" not in frame
    assert "Tiêu đề trong banner" in frame.content.decode()
    home = client.get(url("home", commune))
    assert home["X-Frame-Options"] == "DENY"
    script = client.get(url("banner_js", commune)).content.decode()
    assert url("banner_frame", commune) in script
    assert client.get(url("banner_svg", commune))["Content-Type"] == "image/svg+xml"


@pytest.mark.django_db
def test_robots_and_sitemaps(client, commune, culture_user):
    a = published_article(commune, culture_user)
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /app/" in robots and "Sitemap: http://testserver/sitemap.xml" in robots
    index = client.get("/sitemap.xml").content.decode()
    assert url("sitemap", commune) in index
    assert a.get_absolute_url() in client.get(url("sitemap", commune)).content.decode()


@pytest.mark.django_db
def test_contact_official_is_shown(client, commune, culture_user):
    profile_update(
        commune=commune,
        actor=culture_user,
        contact_name="Hà Văn Thành",
        contact_position="Công chức Văn hóa - Xã hội",
        contact_phone="0237 3880 123",
    )
    html = client.get(url("contact", commune)).content.decode()
    assert "Hà Văn Thành" in html and "Nghị định 42/2022" in html


@pytest.mark.django_db
def test_published_documents_list_and_download(client, commune, culture_user):
    from loalang.portal.tests.test_documents import _publish

    doc = _publish(commune, culture_user)
    assert "12/KH-UBND" in client.get(url("documents", commune)).content.decode()
    assert "Tải văn bản" in client.get(url("document", commune, doc.pk)).content.decode()
    pdf = client.get(url("document_download", commune, doc.pk))
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")


@pytest.mark.django_db
def test_home_shows_public_commendations(client, commune):
    from loalang.commendations.models import Commendation

    Commendation.objects.create(
        commune=commune,
        subject_kind="village",
        subject_name="Bản Khằm",
        reason="Dẫn đầu về định danh điện tử",
        awarded_on=dt.date(2024, 5, 1),
        is_public=True,
    )
    Commendation.objects.create(
        commune=commune,
        subject_kind="village",
        subject_name="Bản Kín",
        reason="Chưa công khai",
        awarded_on=dt.date(2024, 5, 1),
        is_public=False,
    )
    html = client.get(url("home", commune)).content.decode()
    assert "Bản Khằm" in html and "Dẫn đầu về định danh điện tử" in html
    assert "Bản Kín" not in html


@pytest.mark.django_db
def test_home_shows_featured_pilot_models(client, commune, culture_user):
    published_article(commune, culture_user, title="Mô hình chợ không tiền mặt", is_featured=True)
    html = client.get(url("home", commune)).content.decode()
    section = html.split('id="featured-title"')[1]
    assert "Mô hình chợ không tiền mặt" in section


@pytest.mark.django_db
def test_made_up_slugs_leave_nothing_in_the_cache(client):
    from django.core.cache import cache

    assert client.get("/khong-co-xa-nay/").status_code == 404
    assert cache.get("portal:v:khong-co-xa-nay") is None


@pytest.mark.django_db
def test_home_and_article_never_walk_the_archive(client, commune, culture_user):
    """Pages that show a fixed number of articles read a fixed number of rows: every query on
    the articles either stops at a LIMIT on an index in the right order, or fetches rows by id
    (issue 20). Checked on SQLite's query plans, which do not depend on the table's size."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    theme = plan_theme(commune)
    articles = [
        published_article(
            commune, culture_user, title=f"Tin {i}", themes=[theme], is_featured=i < 2
        )
        for i in range(8)
    ]
    for path in (url("home", commune), articles[3].get_absolute_url()):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        on_articles = [q["sql"] for q in queries if 'FROM "portal_article"' in q["sql"]]
        assert on_articles
        for sql in on_articles:
            # On every engine: a bounded read is a LIMIT or a fetch by id.
            assert " LIMIT " in sql or '"portal_article"."id" IN' in sql, sql
            if connection.vendor != "sqlite":
                continue  # the plan check below reads SQLite's EXPLAIN QUERY PLAN
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
                plan = [row[-1] for row in cursor.fetchall()]
            assert not any(line.startswith("SCAN portal_article ") for line in plan), (sql, plan)
            assert "USE TEMP B-TREE FOR ORDER BY" not in plan, (sql, plan)  # sorts every row
            if " LIMIT " not in sql:
                article_rows = [p for p in plan if p.startswith("SEARCH portal_article ")]
                assert all("rowid=?" in p for p in article_rows), (sql, plan)


def test_archive_pages_go_by_position_not_by_offset(client, commune, culture_user):
    """Deep archive pages cost what page 2 costs (issue 20): the "older" and "newer" links
    carry the last/first article's position; each page is one bounded index range (no
    OFFSET on any engine; on SQLite no scan of the table and no sort of all its rows)."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from loalang.portal import public_views

    now = timezone.now()
    made = [published_article(commune, culture_user, title=f"Tin số {i}") for i in range(7)]
    for i, a in enumerate(made):  # two share a publication time: the id breaks the tie
        a.published_at = now - dt.timedelta(minutes=min(i, 5))
        a.save(update_fields=["published_at"])
    newest_first = [a.title for a in sorted(made, key=lambda a: (a.published_at, a.pk))][::-1]
    original = public_views.PAGE_SIZE
    public_views.PAGE_SIZE = 2
    try:
        seen, path, plans = [], url("articles", commune), []
        for _ in range(5):
            cache.clear()
            with CaptureQueriesContext(connection) as queries:
                html = client.get(path).content.decode()
            plans += [q["sql"] for q in queries if 'FROM "portal_article"' in q["sql"]]
            seen += re.findall(r"Tin số \d", html)
            older = re.search(r'rel="next" href="\?([^"]+)"', html)
            if older is None:
                break
            path = url("articles", commune) + "?" + older.group(1).replace("&amp;", "&")
            assert "truoc=" in path
        assert seen == newest_first  # every article once, in order, ties included
        newer = re.search(r'rel="prev" href="\?([^"]+)"', html)
        assert newer is not None and "sau=" in newer.group(1)
        cache.clear()
        back = client.get(url("articles", commune) + "?" + newer.group(1).replace("&amp;", "&"))
        assert re.findall(r"Tin số \d", back.content.decode()) == newest_first[4:6]
    finally:
        public_views.PAGE_SIZE = original
    assert len(plans) >= 4
    for sql in plans:
        assert " LIMIT " in sql and " OFFSET " not in sql, sql
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
                plan = [row[-1] for row in cursor.fetchall()]
            assert not any(line.startswith("SCAN portal_article") for line in plan), (sql, plan)
            assert "USE TEMP B-TREE FOR ORDER BY" not in plan, (sql, plan)
    # A made-up position is page 1, not an error.
    assert client.get(url("articles", commune) + "?truoc=x-1").status_code == 200
