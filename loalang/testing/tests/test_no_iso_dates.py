"""Dates as Vietnamese readers expect (issue 14 item 5): no page a person reads shows an ISO
date or timestamp ("2026-12-03", "2026-12-03T01:16:18+07:00"). Attributes (datetime=, the
value= of date inputs) stay ISO: only the visible text is checked.

Crawls the demo commune as each of its users — the demo has plans, reports, bulletins,
broadcasts, tasks, activities… — and the public portal as an anonymous citizen."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command

from loalang.testing.crawl import crawl, visible_text

pytestmark = pytest.mark.django_db

ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:[+-]\d{2}:?\d{2}|Z)?)?\b")
DEMO_USERS = [
    "vanhoa",
    "chutich",
    "phochutich",
    "taichinh",
    "mattran",
    "truongthon",
    "tocongnghe",
    "tinh",
]


def _iso_on_pages(client, start: str, who: str, limit: int = 150) -> list[str]:
    found = []
    for url, _source, response in crawl(client, start, limit):
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for text in visible_text(response.content.decode()):
            if match := ISO.search(text):
                found.append(f"{who}: {url}: {match.group(0)!r} in {text[:120]!r}")
    return found


def test_visible_text_finder_ignores_attributes_and_scripts():
    html = (
        '<html><head><title>2023-01-01</title></head><body><time datetime="2023-03-05">'
        '05/03/2023</time><input type="date" value="2023-03-05"><script>x="2023-03-05"</script>'
        "<p>Số liệu tính lúc 2026-12-03T01:16:18+07:00</p></body></html>"
    )
    assert [t for t in visible_text(html) if ISO.search(t)] == [
        "Số liệu tính lúc 2026-12-03T01:16:18+07:00"
    ]


def test_no_staff_or_public_page_shows_an_iso_date(client):
    from loalang.accounts.models import User

    call_command("load_demo", verbosity=0)
    found = []
    for username in DEMO_USERS:
        client.force_login(User.objects.get(username=username))
        found += _iso_on_pages(client, "/app/ai-thuong/", username)
        if username == "tinh":
            found += _iso_on_pages(client, "/tinh/", username, limit=40)
    client.force_login(User.objects.get(username="vanhoa"))
    found += _iso_in_documents(client)
    client.logout()
    found += _iso_on_pages(client, "/ai-thuong/", "anonymous")
    assert not found, "\n".join(found)


def _iso_in_documents(client) -> list[str]:
    """The demo's plans and reports as DOCX, PDF and XLSX: dates read dd/mm/yyyy or
    "ngày … tháng … năm …"."""

    from django.urls import reverse

    from loalang.core.testing.sheets import spreadsheet_problems
    from loalang.documents.readback import docx_paragraphs, pdf_text
    from loalang.plans.models import Plan
    from loalang.reports.models import Report

    found = []
    urls = []
    for plan in Plan.objects.filter(commune__slug="ai-thuong"):
        urls += [reverse(f"plans:{f}", args=["ai-thuong", plan.pk]) for f in ("docx", "pdf")]
    for rep in Report.objects.filter(commune__slug="ai-thuong"):
        urls += [
            reverse("reports:download", args=["ai-thuong", rep.pk, f])
            for f in ("docx", "pdf", "xlsx")
        ]
    assert urls
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        content = b"".join(response.streaming_content) if response.streaming else response.content
        kind = url.rstrip("/").rsplit(".", 1)[-1].rsplit("/", 1)[-1]
        if kind == "xlsx":
            found += [f"{url}: {p}" for p in spreadsheet_problems(content) if "ISO" in p]
            continue
        text = pdf_text(content) if kind == "pdf" else "\n".join(docx_paragraphs(content))
        found += [f"{url}: {m!r}" for m in ISO.findall(text)]
    return found
