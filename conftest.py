"""Fixtures shared by every app's tests."""

from __future__ import annotations

import importlib
import os
import shutil

import pytest

from loalang.accounts.models import Role

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # live_server + Playwright sync API

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _flushes_the_database(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    transactional = bool(
        marker and (marker.kwargs.get("transaction") or marker.args[:1] == (True,))
    )
    names = getattr(item, "fixturenames", ())
    return transactional or "transactional_db" in names or "live_server" in names


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that flush the database (transactional ones, live_server) run after the rest.

    pytest-django orders them so, but pytest then regroups tests by session-scoped parameters
    (pytest-playwright's browser_name): a test that merely names a parameter `page` once pulled
    a browser test ahead of the reports tests, whose flush removed the indicator set the data
    migrations seed, and 50 tests failed. This runs last and keeps the order whatever happens
    before it (a stable sort: the rest keeps its order)."""
    items.sort(key=_flushes_the_database)


def missing_system_package(package: str) -> str:
    """The message a test fails with when a Debian package it needs is missing."""
    return (
        f"the Debian package {package} is not installed: `sudo apt-get install -y {package}` "
        "(or run scripts/bootstrap-system.sh, which `make test` runs first)"
    )


@pytest.fixture(autouse=True)
def _seeded_by_migrations(request):
    """A transactional test starts from what migrations seed (the default indicator set), as
    every other test does: the flush that ends the previous transactional test on this worker
    empties every table, data migrations' rows included. Without this, the year-in-the-life
    walk failed at the annual report whenever another browser test ran before it."""
    if not _flushes_the_database(request.node):
        yield
        return
    request.getfixturevalue("transactional_db")
    from django.apps import apps

    from loalang.reports.models import IndicatorSet

    if not IndicatorSet.objects.exists():
        seed = importlib.import_module("loalang.reports.migrations.0002_default_indicator_set")
        recipients = importlib.import_module(
            "loalang.reports.migrations.0005_indicator_score_and_set_recipients"
        )
        seed.load(apps, None)
        recipients.set_recipients(apps, None)
    yield


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Every test writes its files into its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Cached public pages (shared and this process's copies) and rate-limit counters never
    leak from one test into the next: communes of different tests share slugs."""
    from django.core.cache import cache

    from loalang.portal import pagecache

    cache.clear()
    pagecache.local.clear()
    yield
    cache.clear()
    pagecache.local.clear()


@pytest.fixture
def commune(db):
    from loalang.testing.factories import CommuneFactory

    return CommuneFactory()


@pytest.fixture
def other_commune(db):
    from loalang.testing.factories import CommuneFactory

    return CommuneFactory()


@pytest.fixture
def culture_user(commune):
    from loalang.testing.factories import member

    return member(commune, Role.CULTURE)


@pytest.fixture
def chair_user(commune):
    from loalang.testing.factories import member

    return member(commune, Role.CHAIR)


@pytest.fixture
def outsider(other_commune):
    from loalang.testing.factories import member

    return member(other_commune, Role.CULTURE)


@pytest.fixture
def world(db):
    """A commune with a member for every role, and a member of another commune."""
    from loalang.testing.factories import (
        CommuneFactory,
        DigitalTeamFactory,
        OrgUnitFactory,
        UserFactory,
        VillageFactory,
        member,
    )
    from loalang.testing.matrix import World

    commune = CommuneFactory()
    other = CommuneFactory()
    village = VillageFactory(commune=commune)
    other_village = VillageFactory(commune=commune)
    team = DigitalTeamFactory(commune=commune, village=village)
    unit = OrgUnitFactory(commune=commune)
    users = {}
    for role in Role:
        scope = {}
        if role == Role.VILLAGE_HEAD:
            scope = {"village": village}
        elif role == Role.TEAM_MEMBER:
            scope = {"team": team}
        elif role == Role.ORG_REP:
            scope = {"org_unit": unit}
        users[role.value] = member(commune, role, **scope)
    users["superuser"] = UserFactory(is_superuser=True, is_staff=True)
    users["outsider"] = member(other, Role.CULTURE)
    return World(
        commune=commune,
        other_commune=other,
        village=village,
        other_village=other_village,
        team=team,
        org_unit=unit,
        users=users,
    )


# --- Browser tests -----------------------------------------------------------------------------
@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM:
        # Fail, never skip: a suite that silently drops its browser tests is not a passing suite.
        pytest.fail(missing_system_package("chromium"))
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }
