"""The registry of personal fields is complete and names only fields that exist."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import models

from loalang.privacy.dossier import dossier_data
from loalang.privacy.registry import (
    DATASET_BY_KEY,
    DATASETS,
    NOT_PERSONAL,
    PERSONAL,
    looks_personal,
    personal_looking_fields,
    unclassified_fields,
)


def test_every_personal_looking_model_field_is_classified():
    """A new field named like phone, email, address, name, birth, photo, lat/lng, ip… (or a
    file or email field) must be put in PERSONAL or NOT_PERSONAL in privacy/registry.py, so
    the impact-assessment dossier can never silently miss it."""
    assert len(personal_looking_fields()) > 50  # the walk really sees the project's models
    missing = unclassified_fields()
    assert missing == [], (
        "Classify these fields in loalang/privacy/registry.py (PERSONAL with a category and "
        f"dataset, or NOT_PERSONAL with a reason): {missing}"
    )


@pytest.mark.parametrize(
    ("name", "field", "expected"),
    [
        ("citizen_phone", models.CharField(max_length=20), True),
        ("date_of_birth", models.DateField(), True),
        ("home_address", models.CharField(max_length=99), True),
        ("gps_lat", models.FloatField(), True),
        ("client_ip", models.CharField(max_length=45), True),
        ("scan", models.FileField(), True),
        ("contact", models.EmailField(), True),
        ("seen", models.GenericIPAddressField(), True),
        ("hostname", models.CharField(max_length=9), False),
        ("households", models.PositiveIntegerField(), False),
        ("phonetic", models.CharField(max_length=9), False),
    ],
)
def test_the_walk_recognises_personal_names_and_types(name, field, expected):
    field.set_attributes_from_name(name)
    assert looks_personal(field) is expected


def test_registry_names_only_existing_fields_and_known_datasets():
    for label in [*PERSONAL, *NOT_PERSONAL]:
        app_model, name = label.rsplit(".", 1)
        apps.get_model(app_model)._meta.get_field(name)  # raises if renamed or removed
    assert not set(PERSONAL) & set(NOT_PERSONAL)
    assert {key for _c, key in PERSONAL.values()} == set(DATASET_BY_KEY)


def test_every_dataset_count_path_reaches_a_commune(commune):
    data = dossier_data(commune=commune)
    assert [r.dataset.key for r in data.datasets] == [d.key for d in DATASETS]
    assert all(r.records == 0 for r in data.datasets)
    assert all(r.fields for r in data.datasets)
