from __future__ import annotations

import pytest
from django.db.models import Count, F
from django.utils import timezone

from loalang.core.bulk import insert_from
from loalang.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def _entry(verb: str, target_id: str = "") -> AuditEntry:
    return AuditEntry.objects.create(verb=verb, target_type="probe", target_id=target_id)


def test_insert_from_writes_one_row_per_group_with_constants_defaults_and_text():
    for verb in ("sửa", "sửa", "sửa", "xoá"):
        _entry(verb)
    at = timezone.now()
    grouped = AuditEntry.objects.values(g_verb=F("verb")).annotate(g_n=Count("id"))
    written = insert_from(
        AuditEntry,
        grouped,
        {"verb": "g_verb", "target_id": "g_n"},
        constants={"at": at, "target_type": "tổng"},
        as_text=["target_id"],
    )
    assert written == 2
    rows = AuditEntry.objects.filter(target_type="tổng").order_by("verb")
    assert [(r.verb, r.target_id, r.actor_name, r.before, r.at) for r in rows] == [
        ("sửa", "3", "", None, at),
        ("xoá", "1", "", None, at),
    ]


def test_insert_from_stores_null_as_empty_text():
    _entry("a")
    grouped = AuditEntry.objects.values(g_verb=F("verb"), g_actor=F("actor_id")).annotate(
        g_n=Count("id")
    )
    insert_from(
        AuditEntry,
        grouped,
        {"verb": "g_verb", "target_id": "g_actor"},
        constants={"at": timezone.now(), "target_type": "rỗng"},
        as_text=["target_id"],
    )
    assert AuditEntry.objects.get(target_type="rỗng").target_id == ""


def test_insert_from_refuses_a_required_field_left_out_and_an_unknown_one():
    grouped = AuditEntry.objects.values(g_verb=F("verb")).annotate(g_n=Count("id"))
    with pytest.raises(ValueError, match="at"):
        insert_from(AuditEntry, grouped, {"verb": "g_verb"})
    with pytest.raises(ValueError, match="colour"):
        insert_from(AuditEntry, grouped, {"verb": "g_verb", "colour": "g_n"}, constants={"at": 1})
    assert not AuditEntry.objects.exclude(target_type="probe").exists()
