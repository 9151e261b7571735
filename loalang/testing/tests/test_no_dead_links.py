"""No dead-end links: for every role, the staff pages reachable by following links from the
commune's home never link to a page that role may not open (403), that is not there (404)
or that fails (500); nor do the public portal's pages for an anonymous citizen.

A link that answers "Bạn không có quyền" is a trap for the village head on a phone; hide
what a role cannot do instead. Crawls with the test client (GET only, HTML pages only)."""

from __future__ import annotations

import pytest

from loalang.accounts.models import Role
from loalang.testing.crawl import crawl

pytestmark = pytest.mark.django_db


def _crawl(client, start: str, limit: int = 90) -> list[tuple[str, str, int]]:
    return [
        (source, url, response.status_code)
        for url, source, response in crawl(client, start, limit)
        if response.status_code in (403, 404, 500)
    ]


@pytest.mark.parametrize(
    "role",
    [r.value for r in Role],
)
def test_no_link_leads_a_role_to_a_forbidden_page(client, world, role):
    client.force_login(world.users[role])
    start = f"/app/{world.commune.slug}/"
    problems = _crawl(client, start)
    assert not problems, "\n".join(
        f"{code} {url} (linked from {src})" for src, url, code in problems
    )


# The demo commune's users (home.demo.USERS) other than the Culture-Social officer, who may
# open everything: the demo has bulletins, clusters, slots, plans, tasks, activities, reports,
# commendations… so the crawl reaches detail pages with their buttons.
DEMO_USERS = ["chutich", "phochutich", "taichinh", "mattran", "truongthon", "tocongnghe", "tinh"]


def test_no_link_leads_a_demo_user_to_a_forbidden_page(client):
    from django.core.management import call_command

    from loalang.accounts.models import User

    call_command("load_demo", verbosity=0)
    report = []
    for username in DEMO_USERS:
        client.force_login(User.objects.get(username=username))
        for src, url, code in _crawl(client, "/app/ai-thuong/", limit=150):
            report.append(f"{username}: {code} {url} (linked from {src})")
    client.logout()
    for src, url, code in _crawl(client, "/ai-thuong/", limit=150):
        report.append(f"anonymous: {code} {url} (linked from {src})")
    assert not report, "\n".join(report)
