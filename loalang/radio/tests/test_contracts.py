"""The contracts other apps rely on: bulletin_create_draft and bulletin_list_public."""

from __future__ import annotations

import pytest

from loalang.radio.models import Bulletin, BulletinVersion
from loalang.radio.selectors import bulletin_list_public
from loalang.radio.services import bulletin_approve, bulletin_create_draft

pytestmark = pytest.mark.django_db


def test_draft_remembers_origin_and_synthesises_vietnamese(
    commune, culture_user, django_capture_on_commit_callbacks
):
    origin = culture_user  # any model instance will do as an origin
    with django_capture_on_commit_callbacks(execute=True):
        bulletin = bulletin_create_draft(
            commune=commune,
            title="Thông báo",
            script="Xin chào bà con, ngày 10/11/2021.",
            actor=culture_user,
            origin=origin,
        )
    assert bulletin.status == Bulletin.Status.DRAFT
    assert bulletin.origin_type == "accounts.user" and bulletin.origin_id == str(origin.pk)
    version = bulletin.versions.get()
    assert version.status == BulletinVersion.Status.READY
    assert (
        "ngày mười tháng mười một năm hai nghìn không trăm hai mươi mốt" in version.normalized_text
    )
    assert version.duration_seconds > 1


def test_public_list_shows_only_approved_bulletins_with_audio(
    commune,
    culture_user,
    chair_user,
    django_assert_max_num_queries,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        draft = bulletin_create_draft(
            commune=commune, title="Nháp", script="Một hai ba.", actor=culture_user
        )
        aired = bulletin_create_draft(
            commune=commune, title="Đã duyệt", script="Bốn năm sáu.", actor=culture_user
        )
    bulletin_approve(bulletin=aired, actor=chair_user)
    with django_assert_max_num_queries(2):
        items = bulletin_list_public(commune=commune)
        assert [b.title for b in items] == ["Đã duyệt"]
        assert items[0].public_versions[0].is_ready
    assert draft not in items
