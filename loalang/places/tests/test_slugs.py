"""A commune's slug is the first segment of its public portal (/<slug>/): never one the site
already uses, and never longer than the field."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from loalang.places.models import RESERVED_SLUGS
from loalang.provinces.services import commune_create
from loalang.testing.factories import ProvinceFactory


def _first_segments() -> set[str]:
    """Every fixed first path segment of config/urls.py (not the <commune_slug> ones)."""
    found = set()
    for entry in get_resolver().url_patterns:
        assert isinstance(entry, URLPattern | URLResolver)
        route = str(entry.pattern).lstrip("^")
        first = route.split("/", 1)[0]
        if first and "<" not in first and "." not in first and "\\" not in first:
            found.add(first)
    return found


def test_every_first_segment_the_site_uses_is_reserved():
    missing = _first_segments() - RESERVED_SLUGS
    assert not missing, f"add {sorted(missing)} to places.models.RESERVED_SLUGS"


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["Admin", "Tinh", "App", "Api", "Tài Khoản", "Quản Trị Tỉnh"])
def test_a_commune_named_like_a_site_path_gets_another_slug(name):
    commune = commune_create(province=ProvinceFactory(), kind="xa", name=name, code="", actor=None)
    assert commune.slug not in RESERVED_SLUGS


@pytest.mark.django_db
def test_a_long_name_gets_a_slug_that_fits():
    province = ProvinceFactory()
    name = "Tên rất dài " * 9  # 108 characters, within the 120 of the name
    first = commune_create(province=province, kind="xa", name=name, code="", actor=None)
    second = commune_create(province=province, kind="phuong", name=name + "B", code="", actor=None)
    assert len(first.slug) <= 50 and len(second.slug) <= 50 and first.slug != second.slug
