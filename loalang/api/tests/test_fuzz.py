"""Schemathesis fuzzes every API operation from the OpenAPI schema: no input gives a 5xx.

Requests go through Django's WSGI application in-process, with a valid token and the real
commune slug (random slugs only ever reach the 404 path), on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error

from loalang.api.api import api
from loalang.api.models import Scope
from loalang.api.tokens import api_token_create
from loalang.testing.factories import VillageFactory

# Built from the API object (no request needed at collection time), called through WSGI.
schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.app = get_wsgi_application()


@pytest.fixture
def fuzz_target(commune, culture_user, settings):
    settings.LOALANG_API_RATE = "100000/m"
    # Calling the WSGI app directly fires request_started/finished, whose handler closes the
    # database connection — inside the test's transaction. Django's test Client detaches it
    # the same way.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    VillageFactory(commune=commune)
    _token, raw = api_token_create(
        commune=commune, name="fuzz", scopes=list(Scope.values), actor=culture_user
    )
    yield commune.slug, raw
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


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
