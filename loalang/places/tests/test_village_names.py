"""A village's name is shown once with its kind, even when the imported name carries it."""

from __future__ import annotations

import pytest

from loalang.places.models import Village
from loalang.testing.factories import VillageFactory

pytestmark = pytest.mark.django_db


def test_kind_is_not_doubled(commune):
    assert (
        str(VillageFactory(commune=commune, name="Đông Tâm", kind=Village.Kind.THON))
        == "Thôn Đông Tâm"
    )
    assert (
        str(VillageFactory(commune=commune, name="Thôn Đông Tâm 2", kind=Village.Kind.THON))
        == "Thôn Đông Tâm 2"
    )
    ban = VillageFactory(commune=commune, name="bản Pác Nặm", kind=Village.Kind.BAN)
    assert str(ban) == "bản Pác Nặm"
    # A name that only begins with the same letters is not a kind word.
    assert (
        str(VillageFactory(commune=commune, name="Thôngxa", kind=Village.Kind.THON))
        == "Thôn Thôngxa"
    )


def test_coverage_page_shows_each_village_name_once(client, commune, culture_user):
    VillageFactory(commune=commune, name="Thôn Đông Tâm", kind=Village.Kind.THON)
    client.force_login(culture_user)
    page = client.get(f"/app/{commune.slug}/hoat-dong/bao-phu/").content.decode()
    assert "Thôn Đông Tâm" in page
    assert "Thôn Thôn" not in page
