"""A village head works on a phone over a weak mobile connection: every page on that path, with
the stylesheets and scripts it loads, stays under 100 KB before photos (issue 20)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from loalang.accounts.models import Role
from loalang.activities.tests.factories import ActivityFactory
from loalang.testing.factories import VillageFactory, member

LIMIT = 100 * 1024


def _weight(response) -> int:  # type: ignore[no-untyped-def]
    """Bytes of the HTML and of every local stylesheet and script it loads."""
    assert response.status_code == 200
    html = response.content.decode()
    total = len(response.content)
    for asset in set(re.findall(r'(?:href|src)="/static/([^"]+\.(?:css|js))"', html)):
        total += Path(str(finders.find(asset))).stat().st_size
    return total


@pytest.mark.django_db
def test_the_pages_a_village_head_uses_on_a_phone_stay_under_100_kb(client, commune):
    village = VillageFactory(commune=commune)
    head = member(commune, Role.VILLAGE_HEAD, village=village)
    for _ in range(20):
        ActivityFactory(commune=commune).villages.set([village])
    activity = ActivityFactory(commune=commune)
    activity.villages.set([village])

    weights = {"login": _weight(client.get(reverse("accounts:login")))}
    client.force_login(head)
    pages = {
        "home": reverse("home:commune_home", args=[commune.slug]),
        "activities": reverse("activities:list", args=[commune.slug]),
        "quick entry": reverse("activities:quick", args=[commune.slug]),
        "activity": reverse("activities:detail", args=[commune.slug, activity.pk]),
    }
    for name, path in pages.items():
        weights[name] = _weight(client.get(path))
    assert all(w < LIMIT for w in weights.values()), weights
