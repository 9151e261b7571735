"""The audit page reads as words: no "plan.issued", "is_featured" or True/False."""

from __future__ import annotations

import pytest

from loalang.core.models import AuditEntry
from loalang.home.templatetags.audit_words import audit_action, audit_field, audit_value


def test_verbs_fields_and_values_are_words():
    e = AuditEntry(verb="article.published", target_type="portal.article")
    assert audit_action(e) == "Tin, bài — đăng"
    assert audit_field("is_featured", e) == "Mô hình điểm nổi bật"
    assert audit_field("no_such_field", e) == "no such field"
    assert (audit_value(True), audit_value(False), audit_value(None)) == ("có", "không", "(trống)")


@pytest.mark.django_db
def test_audit_page_shows_no_codes(client, commune, chair_user, culture_user):
    from loalang.portal.services import article_save

    article_save(
        commune=commune, actor=culture_user, article=None, title="Bài", summary="", body="x",
        themes=[], cover=None, is_featured=True, publish_at=None, expire_at=None,
    )  # fmt: skip
    client.force_login(chair_user)
    page = client.get(f"/app/{commune.slug}/nhat-ky-thao-tac/").content.decode()
    assert "Tin, bài — tạo mới" in page or "Tin, bài — sửa" in page
    assert "article.created" not in page.replace('title="article.created"', "")
    assert "True" not in page and "is_featured" not in page


def test_a_choice_is_shown_by_its_label_not_its_code():
    from loalang.home.templatetags.audit_words import audit_shown

    e = AuditEntry(verb="bulletin.updated", target_type="radio.bulletin")
    assert audit_shown(e, "source", "commune") == "Xã tự sản xuất"
    assert audit_shown(e, "source", "") == "(trống)"
    assert audit_shown(e, "no_such_field", "commune") == "commune"
