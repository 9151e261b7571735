"""Schemathesis fuzzes every API operation from the OpenAPI schema: no input gives a 5xx.

Requests go through Django's WSGI application in-process, with a valid token and the real
commune slug (random slugs only ever reach the 404 path), on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error

from loalang.api.api import api
from loalang.api.models import Scope
from loalang.api.tokens import api_token_create
from loalang.core.testing.factories import VillageFactory

# Built from the API object (no request needed at collection time), called through WSGI.
schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.app = get_wsgi_application()


@pytest.fixture
def fuzz_target(commune, culture_user, settings):
    settings.LOALANG_API_RATE = "100000/m"
    VillageFactory(commune=commune)
    _token, raw = api_token_create(
        commune=commune, name="fuzz", scopes=list(Scope.values), actor=culture_user
    )
    return commune.slug, raw


@schema.parametrize()
@hypothesis_settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_no_input_makes_the_api_fail(case, fuzz_target):
    slug, raw = fuzz_target
    if "commune_slug" in (case.path_parameters or {}):
        case.path_parameters["commune_slug"] = slug
    case.call_and_validate(headers={"Authorization": f"Bearer {raw}"}, checks=[not_a_server_error])
