"""The migrations that took private files out of MEDIA_ROOT move real files, both ways."""

from __future__ import annotations

import uuid

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from loalang.core.files import private_storage, public_storage

BEFORE = [("activities", "0005_province_coverage_cells")]
AFTER = [("activities", "0006_private_storage")]


def _migrate(targets):  # type: ignore[no-untyped-def]
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_evidence_files_move_out_of_media_and_back():
    old_apps = _migrate(BEFORE)
    try:
        activity_model = old_apps.get_model("activities", "Activity")
        commune_model = old_apps.get_model("places", "Commune")
        evidence_model = old_apps.get_model("activities", "Evidence")
        from loalang.activities.tests.factories import ActivityFactory

        activity = activity_model.objects.get(pk=ActivityFactory().pk)
        assert commune_model.objects.filter(pk=activity.commune_id).exists()
        stem = uuid.uuid4().hex
        old_name = public_storage().save(f"private/evidence/1/{stem}.jpg", ContentFile(b"SCAN"))
        row = evidence_model.objects.create(
            activity=activity, file=old_name, content_type="image/jpeg", size_bytes=4, sha256="0"
        )

        new_apps = _migrate(AFTER)
        moved = new_apps.get_model("activities", "Evidence").objects.get(pk=row.pk)
        assert not public_storage().exists(old_name)
        assert moved.file.name == f"evidence/1/{stem}.jpg"
        assert private_storage().open(moved.file.name).read() == b"SCAN"

        _migrate(BEFORE)
        back = evidence_model.objects.get(pk=row.pk)
        assert back.file.name == old_name
        assert public_storage().open(old_name).read() == b"SCAN"
        assert not private_storage().exists(f"evidence/1/{stem}.jpg")
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
